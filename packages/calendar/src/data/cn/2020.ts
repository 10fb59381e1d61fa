import type { HolidayYear } from '../../years/index.js';

/** 国务院办公厅关于2020年部分节假日安排的通知 (国办发明电〔2019〕16号) and its mid-year change. */
const year2020: HolidayYear = {
  year: 2020,
  notices: [
    { number: '国办发明电〔2019〕16号', title: '国务院办公厅关于2020年部分节假日安排的通知', url: 'http://www.gov.cn/zhengce/zhengceku/2019-11/21/content_5454164.htm', issued: '2019-11-21' },
    { number: '国办发明电〔2020〕1号', title: '国务院办公厅关于延长2020年春节假期的通知', url: 'http://www.gov.cn/zhengce/zhengceku/2020-01/27/content_5472352.htm', issued: '2020-01-27' },
  ],
  holidays: [
    { name: '元旦', off: ['2020-01-01', '2020-01-01'], work: [] },
    { name: '春节', off: ['2020-01-24', '2020-02-02'], work: ['2020-01-19'], notice: 1, note: 'Mid-year change: extended from 01-30 to 02-02; Saturday 02-01 is no longer worked.' },
    { name: '清明节', off: ['2020-04-04', '2020-04-06'], work: [] },
    { name: '劳动节', off: ['2020-05-01', '2020-05-05'], work: ['2020-04-26', '2020-05-09'] },
    { name: '端午节', off: ['2020-06-25', '2020-06-27'], work: ['2020-06-28'] },
    { name: '国庆节、中秋节', off: ['2020-10-01', '2020-10-08'], work: ['2020-09-27', '2020-10-10'] },
  ],
};

export default year2020;
