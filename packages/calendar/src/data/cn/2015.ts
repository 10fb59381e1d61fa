import type { HolidayYear } from '../../years/index.js';

/** 国务院办公厅关于2015年部分节假日安排的通知 (国办发明电〔2014〕28号) and its mid-year change. */
const year2015: HolidayYear = {
  year: 2015,
  notices: [
    { number: '国办发明电〔2014〕28号', title: '国务院办公厅关于2015年部分节假日安排的通知', url: 'http://www.gov.cn/zhengce/zhengceku/2014-12/16/content_9302.htm', issued: '2014-12-16' },
    { number: '国发明电〔2015〕1号', title: '国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知', url: 'http://www.gov.cn/zhengce/zhengceku/2015-05/13/content_9742.htm', issued: '2015-05-13' },
  ],
  holidays: [
    { name: '元旦', off: ['2015-01-01', '2015-01-03'], work: ['2015-01-04'] },
    { name: '春节', off: ['2015-02-18', '2015-02-24'], work: ['2015-02-15', '2015-02-28'] },
    { name: '清明节', off: ['2015-04-04', '2015-04-06'], work: [] },
    { name: '劳动节', off: ['2015-05-01', '2015-05-03'], work: [] },
    { name: '端午节', off: ['2015-06-20', '2015-06-22'], work: [] },
    { name: '中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日', off: ['2015-09-03', '2015-09-05'], work: ['2015-09-06'], notice: 1, note: 'Mid-year change: 09-03 commemoration day, 09-04 off, Sunday 09-06 worked.' },
    { name: '中秋节', off: ['2015-09-27', '2015-09-27'], work: [] },
    { name: '国庆节', off: ['2015-10-01', '2015-10-07'], work: ['2015-10-10'] },
  ],
};

export default year2015;
