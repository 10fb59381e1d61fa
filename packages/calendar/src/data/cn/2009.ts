import type { HolidayYear } from '../../years/index.js';

/** 国务院办公厅关于2009年部分节假日安排的通知 (国办发明电〔2008〕42号). */
const year2009: HolidayYear = {
  year: 2009,
  notices: [
    { number: '国办发明电〔2008〕42号', title: '国务院办公厅关于2009年部分节假日安排的通知', url: 'http://www.gov.cn/zhengce/zhengceku/2008-12/10/content_1572.htm', issued: '2008-12-04' },
  ],
  holidays: [
    { name: '元旦', off: ['2009-01-01', '2009-01-03'], work: ['2009-01-04'] },
    { name: '春节', off: ['2009-01-25', '2009-01-31'], work: ['2009-01-24', '2009-02-01'] },
    { name: '清明节', off: ['2009-04-04', '2009-04-06'], work: [] },
    { name: '劳动节', off: ['2009-05-01', '2009-05-03'], work: [] },
    { name: '端午节', off: ['2009-05-28', '2009-05-30'], work: ['2009-05-31'] },
    { name: '国庆节、中秋节', off: ['2009-10-01', '2009-10-08'], work: ['2009-09-27', '2009-10-10'] },
  ],
};

export default year2009;
