import { outcomeKeys, type Outcome } from '../labels/index.js';

/**
 * The annual-report formats by report year, each with the document that set it. One place: every
 * table definition of every format lives here.
 *
 * - **2008** (reports for 2008–2018): the contents 政府信息公开条例（2008） 第三十二条 requires —
 *   proactive disclosure; requests and disclosure withheld; fees and waivers; administrative review
 *   and litigation; problems and improvements; other matters. The text sets contents, not tables:
 *   the rows below are our reading of those contents, folded from the log.
 * - **2019** (reports for 2019 and 2020): 《中华人民共和国政府信息公开工作年度报告格式（试行）》,
 *   国办公开办函〔2019〕60号, under 2019 第五十条. Table 三 has one 其他处理 row.
 * - **2021** (reports for 2021 and later): 国办公开办函〔2021〕30号, tables 二, 三 and 四; 其他处理 has
 *   three rows (逾期不补正, 逾期未缴费, 其他).
 *
 * @example
 * annualReportFormatFor(2013).id; // '2008'
 * annualReportFormats['2021'].document; // '国办公开办函〔2021〕30号'
 */
export const annualReportFormats = {
  '2008': {
    id: '2008',
    firstYear: 2008,
    lastYear: 2018,
    document: '政府信息公开条例（2008） 第三十二条',
    sections: {
      overview: '一、概述',
      proactive: '二、主动公开政府信息情况',
      requests: '三、依申请公开政府信息和不予公开政府信息情况',
      fees: '四、政府信息公开的收费及减免情况',
      reviewLitigation: '五、因政府信息公开申请行政复议、提起行政诉讼的情况',
      problems: '六、政府信息公开工作存在的主要问题及改进情况',
      other: '七、其他需要报告的事项',
    },
    /** Request rows: what became of the requests, in the 2008 text's answer forms (第二十一条, 第二十二条). */
    requestRows: {
      received: '（一）本年收到政府信息公开申请',
      carriedOver: '（二）上年结转',
      concluded: '（三）本年办结',
      granted: '1.同意公开（第二十一条（一））',
      partiallyGranted: '2.同意部分公开（第二十二条）',
      withheld: '3.不予公开（第八条、第十四条）',
      notHeld: '4.信息不存在或不属于本机关公开（第二十一条（三））',
      other: '5.其他',
      carryForward: '（四）结转下年度继续办理',
      supplementNotices: '（五）告知申请人作出更改、补充（第二十一条（四））',
      proactiveWithheld: '（六）主动公开中经保密审查不予公开的信息',
    },
    /** Which 2008 row each outcome falls in (outcomes the 2008 text did not know cannot occur in a consistent log). */
    outcomeRow: (o: Outcome): 'granted' | 'partiallyGranted' | 'withheld' | 'notHeld' | 'other' =>
      o === 'granted' || o === 'partiallyGranted' ? o : o.startsWith('withheld') ? 'withheld' : o.startsWith('unable') ? 'notHeld' : 'other',
    channels: { inPerson: '当面申请', post: '信函申请', internet: '网络申请', fax: '传真申请' },
    feeRows: { charged: '收取检索、复制、邮寄成本费用（第二十七条）', waived: '减免（第二十八条）' },
    feeHeader: ['项目', '件数', '金额（元）'],
    remedyRows: { review: '行政复议', litigation: '行政诉讼' },
  },
  '2019': {
    id: '2019',
    firstYear: 2019,
    lastYear: 2020,
    document: '国办公开办函〔2019〕60号',
    /** Table 二 of the trial format: 规章 / 规范性文件 by 本年新制作数量, 本年新公开数量, 对外公开总数量. */
    table2: { made: '本年新制作数量', published: '本年新公开数量', total: '对外公开总数量', normativeDocument: '规范性文件', itemsNotInLog: '上一年项目数量、本年增/减（日志不记录事项清单，不填）' },
    /** Table 三 rows: the 2021 rows with 其他处理 as one row. */
    table3Outcomes: outcomeKeys.filter((k) => !k.startsWith('other')),
    otherRow: '（六）其他处理',
  },
  '2021': {
    id: '2021',
    firstYear: 2021,
    lastYear: null,
    document: '国办公开办函〔2021〕30号',
    /** 六、其他需要报告的事项: 信息处理费 collected under 国办函〔2020〕109号. */
    feeNote: '依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费',
  },
} as const;

/**
 * `'2008'`, `'2019'` or `'2021'`: the format of a report year.
 *
 * @example
 * const f: AnnualReportFormatId = '2019';
 */
export type AnnualReportFormatId = keyof typeof annualReportFormats;

/**
 * The format of the annual report for `year`. Years before 2008 have no report (the 条例 was not in
 * force): `null`.
 *
 * @example
 * annualReportFormatFor(2020); // '2019'
 * annualReportFormatFor(2021); // '2021'
 */
export function annualReportFormatFor(year: number): AnnualReportFormatId | null {
  if (year < annualReportFormats['2008'].firstYear) return null;
  if (year <= annualReportFormats['2008'].lastYear) return '2008';
  if (year <= annualReportFormats['2019'].lastYear) return '2019';
  return '2021';
}
