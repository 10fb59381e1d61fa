import type { HolidayYear } from '../../years/index.js';

/** 国务院办公厅关于2014年部分节假日安排的通知 (国办发明电〔2013〕28号). */
const year2014: HolidayYear = {
  year: 2014,
  notices: [
    { number: '国办发明电〔2013〕28号', title: '国务院办公厅关于2014年部分节假日安排的通知', url: 'http://www.gov.cn/zhengce/zhengceku/2014-01/02/content_1194.htm', issued: '2013-12-11' },
  ],
  holidays: [
    { name: '元旦', off: ['2014-01-01', '2014-01-01'], work: [] },
    { name: '春节', off: ['2014-01-31', '2014-02-06'], work: ['2014-01-26', '2014-02-08'] },
    { name: '清明节', off: ['2014-04-05', '2014-04-07'], work: [] },
    { name: '劳动节', off: ['2014-05-01', '2014-05-03'], work: ['2014-05-04'] },
    { name: '端午节', off: ['2014-05-31', '2014-06-02'], work: [] },
    { name: '中秋节', off: ['2014-09-06', '2014-09-08'], work: [] },
    { name: '国庆节', off: ['2014-10-01', '2014-10-07'], work: ['2014-09-28', '2014-10-11'] },
  ],
};

export default year2014;
