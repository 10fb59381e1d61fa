import type { HolidayYear } from '../../years/index.js';

/** 国务院办公厅关于2017年部分节假日安排的通知 (国办发明电〔2016〕17号). */
const year2017: HolidayYear = {
  year: 2017,
  notices: [
    { number: '国办发明电〔2016〕17号', title: '国务院办公厅关于2017年部分节假日安排的通知', url: 'http://www.gov.cn/zhengce/zhengceku/2016-12/01/content_5141603.htm', issued: '2016-12-01' },
  ],
  holidays: [
    { name: '元旦', off: ['2016-12-31', '2017-01-02'], work: [] },
    { name: '春节', off: ['2017-01-27', '2017-02-02'], work: ['2017-01-22', '2017-02-04'] },
    { name: '清明节', off: ['2017-04-02', '2017-04-04'], work: ['2017-04-01'] },
    { name: '劳动节', off: ['2017-04-29', '2017-05-01'], work: [] },
    { name: '端午节', off: ['2017-05-28', '2017-05-30'], work: ['2017-05-27'] },
    { name: '国庆节、中秋节', off: ['2017-10-01', '2017-10-08'], work: ['2017-09-30'] },
  ],
};

export default year2017;
