import type { HolidayYear } from '../../years/index.js';

/** 国务院办公厅关于2011年部分节假日安排的通知 (国办发明电〔2010〕40号). */
const year2011: HolidayYear = {
  year: 2011,
  notices: [
    { number: '国办发明电〔2010〕40号', title: '国务院办公厅关于2011年部分节假日安排的通知', url: 'http://www.gov.cn/zhengce/zhengceku/2010-12/10/content_1423.htm', issued: '2010-12-10' },
  ],
  holidays: [
    { name: '元旦', off: ['2011-01-01', '2011-01-03'], work: [] },
    { name: '春节', off: ['2011-02-02', '2011-02-08'], work: ['2011-01-30', '2011-02-12'] },
    { name: '清明节', off: ['2011-04-03', '2011-04-05'], work: ['2011-04-02'] },
    { name: '劳动节', off: ['2011-04-30', '2011-05-02'], work: [] },
    { name: '端午节', off: ['2011-06-04', '2011-06-06'], work: [] },
    { name: '中秋节', off: ['2011-09-10', '2011-09-12'], work: [] },
    { name: '国庆节', off: ['2011-10-01', '2011-10-07'], work: ['2011-10-08', '2011-10-09'] },
  ],
};

export default year2011;
