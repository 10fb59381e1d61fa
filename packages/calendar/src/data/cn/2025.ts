import type { HolidayYear } from '../../years/index.js';

/** 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号). */
const year2025: HolidayYear = {
  year: 2025,
  notices: [
    { number: '国办发明电〔2024〕12号', title: '国务院办公厅关于2025年部分节假日安排的通知', url: 'https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm', issued: '2024-11-12' },
  ],
  holidays: [
    { name: '元旦', off: ['2025-01-01', '2025-01-01'], work: [] },
    { name: '春节', off: ['2025-01-28', '2025-02-04'], work: ['2025-01-26', '2025-02-08'] },
    { name: '清明节', off: ['2025-04-04', '2025-04-06'], work: [] },
    { name: '劳动节', off: ['2025-05-01', '2025-05-05'], work: ['2025-04-27'] },
    { name: '端午节', off: ['2025-05-31', '2025-06-02'], work: [] },
    { name: '国庆节、中秋节', off: ['2025-10-01', '2025-10-08'], work: ['2025-09-28', '2025-10-11'] },
  ],
};

export default year2025;
