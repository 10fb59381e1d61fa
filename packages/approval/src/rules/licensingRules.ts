import { ApprovalConfigError } from '../errors/approvalErrors.js';

/**
 * How a rule's `limit` is counted. 行政许可法 第八十二条: licensing limits are working days.
 *
 * @example
 * ruleUnits.includes('workingDays'); // true
 */
export const ruleUnits = ['workingDays', 'days', 'notCounted', 'none'] as const;
/**
 * One of {@link ruleUnits}.
 *
 * @example
 * const x: RuleUnit = 'workingDays';
 */
export type RuleUnit = (typeof ruleUnits)[number];

/**
 * One rule of the engine with its legal basis. Search the code for an article number to find it.
 *
 * @example
 * const r: LicensingRule = { key: 'decision', limit: 20, unit: 'workingDays', basis: '行政许可法 第四十二条', summary: '…' };
 */
export interface LicensingRule {
  readonly key: string;
  /** `null` when the rule sets no number (e.g. a denial must give reasons). */
  readonly limit: number | null;
  readonly unit: RuleUnit;
  readonly basis: string;
  readonly summary: string;
  /** Who must approve (an extension): the authenticated actor's role and the title the law gives. */
  readonly approver?: { readonly role: string; readonly title: string };
}

/**
 * Every number the approval engine uses, each once, with its article (行政许可法, 2019 text).
 * Code reads limits from here and quotes `basis` in its errors; nothing repeats a bare number.
 *
 * @example
 * licensingRules.decision.limit; // 20
 * licensingRules.decision.basis; // '行政许可法 第四十二条'
 */
export const licensingRules = {
  intake: {
    key: 'intake',
    limit: 5,
    unit: 'workingDays',
    basis: '行政许可法 第三十二条',
    summary: '受理、不予受理或一次性告知补正全部内容，逾期不告知的自收到申请材料之日起即为受理',
  },
  immediate: { key: 'immediate', limit: 0, unit: 'workingDays', basis: '行政许可法 第三十四条', summary: '即办件：申请材料齐全、符合法定形式，能够当场作出决定的，应当当场作出' },
  decision: { key: 'decision', limit: 20, unit: 'workingDays', basis: '行政许可法 第四十二条', summary: '自受理之日起二十个工作日内作出行政许可决定' },
  extension: {
    key: 'extension',
    limit: 10,
    unit: 'workingDays',
    basis: '行政许可法 第四十二条第一款',
    summary: '二十日内不能作出决定的，经本行政机关负责人批准（操作人角色 head），可以延长十个工作日一次，并将延长期限的理由告知申请人',
    approver: { role: 'head', title: '本行政机关负责人' },
  },
  jointDecision: { key: 'jointDecision', limit: 45, unit: 'workingDays', basis: '行政许可法 第四十二条第二款（第二十六条 统一办理、联合办理、集中办理）', summary: '统一办理、联合办理、集中办理的，办理时间不得超过四十五个工作日；联合办理中各部门就其职权部分作出决定，一个部门不予许可即不得准予' },
  jointExtension: {
    key: 'jointExtension',
    limit: 15,
    unit: 'workingDays',
    basis: '行政许可法 第四十二条第二款（第二十六条 统一办理、联合办理、集中办理）',
    summary: '四十五日内不能办结的，经本级人民政府负责人批准（操作人角色 governmentHead，不是本机关负责人 head），可以延长十五个工作日',
    approver: { role: 'governmentHead', title: '本级人民政府负责人' },
  },
  itemStatutoryLimit: {
    key: 'itemStatutoryLimit',
    limit: null,
    unit: 'workingDays',
    basis: '行政许可法 第四十二条第一款（法律、法规另有规定的，依照其规定）',
    summary:
      '事项目录版本载明其他法律、法规规定的审查期限及依据（法律、条款）的，办件法定时限按其计算，报表和预警载明该依据；延期按该法律、法规的规定（未载明即不得延期，本引擎的解读）；承诺时限另计且不得长于该期限',
  },
  preliminaryReview: { key: 'preliminaryReview', limit: 20, unit: 'workingDays', basis: '行政许可法 第四十三条', summary: '下级行政机关初步审查，自受理之日起二十个工作日内审查完毕' },
  preliminaryNoExtension: { key: 'preliminaryNoExtension', limit: null, unit: 'none', basis: '行政许可法 第四十三条', summary: '第四十三条未规定初步审查期限可以延长：不予延期（法律、法规另有规定的除外，见 itemLimit）' },
  immediateAccepted: {
    key: 'immediateAccepted',
    limit: null,
    unit: 'none',
    basis: '行政许可法 第三十四条、第四十二条（承诺时限部分为本引擎的解读）',
    summary: '即办件只有当场作出决定才是当日办结（第三十四条）；受理后按一般程序，法定时限二十个工作日（第四十二条）；承诺时限为 0（当场）的，受理后按法定时限计',
  },
  certificate: { key: 'certificate', limit: 10, unit: 'workingDays', basis: '行政许可法 第四十四条', summary: '作出准予行政许可决定之日起十个工作日内颁发、送达行政许可证件' },
  specialProcedures: { key: 'specialProcedures', limit: null, unit: 'notCounted', basis: '行政许可法 第四十五条', summary: '听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审所需时间不计算在期限内，应当书面告知申请人' },
  expertPanel: {
    key: 'expertPanel',
    limit: null,
    unit: 'notCounted',
    basis: '行政许可法 第四十五条（本引擎的解读）',
    summary: '专家评审可设 n 人中 m 人赞成的表决规则；评审时间不计入期限，表决结果仅供参考，不代替行政机关的决定',
  },
  hearingRequest: {
    key: 'hearingRequest',
    limit: 5,
    unit: 'workingDays',
    basis: '行政许可法 第四十七条第一款、第八十二条',
    summary:
      '行政许可直接涉及申请人与他人之间重大利益关系的，作出决定前告知申请人、利害关系人享有要求听证的权利；被告知之日起五日内提出听证申请。按工作日计：第八十二条说的是行政机关实施行政许可的期限，申请人的五日也按工作日计是本引擎的解读（对申请人有利，节假日里机关不收件）。逾期申请不予受理；期满无人申请的，到期检查追加 HearingRightLapsed。每件一次听证（本引擎的解读）',
  },
  hearingHeld: {
    key: 'hearingHeld',
    limit: 20,
    unit: 'workingDays',
    basis: '行政许可法 第四十七条第一款、第八十二条',
    summary: '申请人、利害关系人申请听证的，行政机关应当在二十日内组织听证（工作日，第八十二条）：自收到申请之日起，听证举行日不得晚于第二十个工作日（"组织"读作"举行"，本引擎的解读）',
  },
  hearingNotice: {
    key: 'hearingNotice',
    limit: 7,
    unit: 'workingDays',
    basis: '行政许可法 第四十八条第一款第一项、第八十二条',
    summary: '行政机关应当于举行听证的七日前将举行听证的时间、地点通知申请人、利害关系人，必要时予以公告：通知之日后第七个工作日不得晚于听证日（工作日，第八十二条）；改期须重新通知',
  },
  publicHearing: {
    key: 'publicHearing',
    limit: null,
    unit: 'none',
    basis: '行政许可法 第四十六条',
    summary: '法律、法规、规章规定应当听证的事项，或者行政机关认为需要听证的其他涉及公共利益的重大行政许可事项，行政机关应当向社会公告，并举行听证：未经申请安排的听证须载明公告',
  },
  hearingRecord: {
    key: 'hearingRecord',
    limit: null,
    unit: 'none',
    basis: '行政许可法 第四十八条第一款第五项、第二款',
    summary: '听证应当制作笔录，交听证参加人确认无误后签字或者盖章；行政机关应当根据听证笔录作出行政许可决定：听证完毕前不得作出决定，决定记载所依据的笔录',
  },
  hearingPause: {
    key: 'hearingPause',
    limit: null,
    unit: 'notCounted',
    basis: '行政许可法 第四十五条（起止日为本引擎的解读）',
    summary:
      '听证所需时间不计算在决定期限内：法定时限和承诺时限自告知听证权利之日（第四十六条听证：自发出听证通知之日）起暂停，至举行听证之日恢复；期满无人申请的，自申请期满次日恢复。听证只经第四十六–四十八条的步骤（告知、申请、通知、举行）暂停计时，不作为第四十五条的一般特别程序登记（StartSpecialProcedure 听证 不予接受）',
  },
  denial: { key: 'denial', limit: null, unit: 'none', basis: '行政许可法 第三十八条', summary: '不予行政许可的书面决定应当说明理由，并告知申请行政复议或者提起行政诉讼的权利' },
  agentAuthorization: {
    key: 'agentAuthorization',
    limit: null,
    unit: 'none',
    basis: '行政许可法 第二十九条第二款；民法典 第一百六十五条',
    summary: '申请人可以委托代理人（代办）提出申请；书面授权委托书载明代理人、代理事项、权限和期限：收件日不在授权期限内（签署前或期满后）的代办申请不予收件（本引擎的解读：期限以收件日判断）',
  },
  renewal: { key: 'renewal', limit: 30, unit: 'days', basis: '行政许可法 第五十条', summary: '延续有效期的，应当在有效期届满三十日前提出申请' },
  renewalDeemed: {
    key: 'renewalDeemed',
    limit: null,
    unit: 'none',
    basis: '行政许可法 第五十条第二款',
    summary: '行政机关应当在行政许可有效期届满前作出是否准予延续的决定；逾期未作决定的，视为准予延续：届满次日的到期检查追加 RenewalDeemedGranted，此后不得再作决定；报表计入决定数（准予），不计入按时决定（机关未在届满前作出决定；本引擎的解读）',
  },
  workingDays: { key: 'workingDays', limit: null, unit: 'workingDays', basis: '行政许可法 第八十二条', summary: '本法规定的期限以工作日计算，不含法定节假日' },
  followUp: { key: 'followUp', limit: 15, unit: 'workingDays', basis: '国办发〔2019〕51号（政务服务好差评）', summary: '差评事项整改反馈期限（可配置）' },
  warning: { key: 'warning', limit: 3, unit: 'workingDays', basis: '本中心办件预警规则（可配置）', summary: '剩余工作日不多于此数时黄色预警' },
  withdrawal: { key: 'withdrawal', limit: null, unit: 'none', basis: '本中心办件规则：作出决定前申请人可以撤回申请', summary: '已决定、已不予受理或已撤回的办件不能再撤回' },
  chronology: { key: 'chronology', limit: null, unit: 'none', basis: '本中心办件规则：办件步骤按业务日期顺序记录', summary: '一个步骤的业务日期不得早于上一个步骤' },
  supplementDeemedAcceptance: {
    key: 'supplementDeemedAcceptance',
    limit: null,
    unit: 'workingDays',
    basis: '本地规则（可配置，默认关闭）：行政许可法 第三十二条只规定逾期不告知补正的视为受理，补正后未规定视为受理',
    summary: '补正材料收到后若干工作日内未作受理决定即视为受理：仅在部署配置了地方依据时适用（localRules.deemedAcceptanceAfterSupplement），期限和依据记入 SupplementReceived',
  },
  authority: {
    key: 'authority',
    limit: null,
    unit: 'none',
    basis: '行政许可法 第四十二条（批准人）；设计 §7',
    summary: '批准权来自经认证的操作人（meta.actor），不来自命令内容：命令中带 approvedBy 的一律拒绝',
  },
  lateAcceptance: {
    key: 'lateAcceptance',
    limit: null,
    unit: 'none',
    basis: '行政许可法 第三十二条（本引擎的解读）',
    summary: '受理晚于五个工作日的（日历缺年时记录的，或导入的），自收到申请材料之日起计算：逾期未告知补正即视为受理',
  },
  calendarGapRecorded: {
    key: 'calendarGapRecorded',
    limit: null,
    unit: 'none',
    basis: '行政许可法 第三十二条、第四十二条；设计 §7（本引擎的规则）',
    summary: '期限跨入未载入国务院节假日安排的年份时，收件、受理、决定照常记录（拒绝合法行为于法无据），期限记为"未知：缺某年日历"；载入该年后重放即得日期',
  },
  calendarGapRefused: {
    key: 'calendarGapRefused',
    limit: null,
    unit: 'none',
    basis: '行政许可法 第三十二条、第四十二条（本引擎的规则）',
    summary: '补正告知、不予受理、延期是否合法取决于是否逾期；日历缺年而无法判断时拒绝（APPROVAL_CALENDAR_YEAR_MISSING，指明缺失年份和载入方法），不写入任何事件',
  },
} as const satisfies Record<string, LicensingRule & { readonly key: string }>;

/**
 * A key of {@link licensingRules}.
 *
 * @example
 * const k: LicensingRuleKey = 'extension';
 */
export type LicensingRuleKey = keyof typeof licensingRules;

/**
 * 行政许可法 第四十五条: the special procedures whose time is not counted.
 *
 * @example
 * specialProcedures.includes('专家评审'); // true
 */
export const specialProcedures = ['听证', '招标', '拍卖', '检验', '检测', '检疫', '鉴定', '专家评审'] as const;
/**
 * One of {@link specialProcedures}.
 *
 * @example
 * const x: SpecialProcedure = '听证';
 */
export type SpecialProcedure = (typeof specialProcedures)[number];

/**
 * Limits a deployment may configure (non-statutory): the 差评 follow-up and the yellow-warning threshold.
 *
 * @example
 * createApprovalDecider({ rules: { followUp: 10, warning: 5 } });
 */
export const configurableRules = ['followUp', 'warning'] as const;
/**
 * One of {@link configurableRules}.
 *
 * @example
 * const x: ConfigurableRuleKey = 'followUp';
 */
export type ConfigurableRuleKey = (typeof configurableRules)[number];

/**
 * The effective limits a decider uses: the statutory ones from {@link licensingRules}, the configurable ones possibly overridden.
 *
 * @example
 * const rules = resolveRules({ followUp: 10 });
 * rules.followUp.limit; // 10
 */
export type ResolvedRules = { readonly [K in LicensingRuleKey]: LicensingRule };

/**
 * Applies overrides of the configurable limits (integers ≥ 0) to {@link licensingRules}.
 *
 * @example
 * resolveRules({ warning: 5 }).warning.limit; // 5
 */
export function resolveRules(overrides: Partial<Record<ConfigurableRuleKey, number>> = {}): ResolvedRules {
  const out: Record<string, LicensingRule> = { ...licensingRules };
  for (const key of configurableRules) {
    const value = overrides[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) throw new ApprovalConfigError(`rules.${key} must be an integer ≥ 0 working days, got ${String(value)}`);
    out[key] = { ...licensingRules[key], limit: value };
  }
  return out as ResolvedRules;
}
