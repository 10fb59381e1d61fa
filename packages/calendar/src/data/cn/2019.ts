import type { HolidayYear } from '../../years/index.js';

/** 国务院办公厅关于2019年部分节假日安排的通知 (国办发明电〔2018〕15号) and its mid-year change. */
const year2019: HolidayYear = {
  year: 2019,
  notices: [
    { number: '国办发明电〔2018〕15号', title: '国务院办公厅关于2019年部分节假日安排的通知', url: 'http://www.gov.cn/zhengce/zhengceku/2018-12/06/content_5346276.htm', issued: '2018-12-04' },
    { number: '国办发明电〔2019〕3号', title: '国务院办公厅关于调整2019年劳动节假期安排的通知', url: 'http://www.gov.cn/zhengce/zhengceku/2019-03/22/content_5375877.htm', issued: '2019-03-22' },
  ],
  holidays: [
    { name: '元旦', off: ['2018-12-30', '2019-01-01'], work: ['2018-12-29'] },
    { name: '春节', off: ['2019-02-04', '2019-02-10'], work: ['2019-02-02', '2019-02-03'] },
    { name: '清明节', off: ['2019-04-05', '2019-04-07'], work: [] },
    { name: '劳动节', off: ['2019-05-01', '2019-05-04'], work: ['2019-04-28', '2019-05-05'], notice: 1, note: 'Mid-year change: the first notice gave 05-01 only.' },
    { name: '端午节', off: ['2019-06-07', '2019-06-09'], work: [] },
    { name: '中秋节', off: ['2019-09-13', '2019-09-15'], work: [] },
    { name: '国庆节', off: ['2019-10-01', '2019-10-07'], work: ['2019-09-29', '2019-10-12'] },
  ],
};

export default year2019;
