import type { HolidayYear } from '../../years/index.js';

/**
 * 国务院办公厅关于2007年部分节假日安排的通知 (old rules: three seven-day weeks). The document
 * number is left out because it could not be verified. 2007-12-29 (worked) and 2007-12-30/31 (off)
 * come from the 2008 notice.
 */
const year2007: HolidayYear = {
  year: 2007,
  notices: [
    { title: '国务院办公厅关于2007年部分节假日安排的通知', url: 'http://www.gov.cn/zhengce/zhengceku/2008-03/28/content_1761.htm' },
  ],
  holidays: [
    { name: '元旦', off: ['2007-01-01', '2007-01-03'], work: ['2006-12-30', '2006-12-31'] },
    { name: '春节', off: ['2007-02-18', '2007-02-24'], work: ['2007-02-17', '2007-02-25'] },
    { name: '劳动节', off: ['2007-05-01', '2007-05-07'], work: ['2007-04-28', '2007-04-29'] },
    { name: '国庆节', off: ['2007-10-01', '2007-10-07'], work: ['2007-09-29', '2007-09-30'] },
  ],
};

export default year2007;
