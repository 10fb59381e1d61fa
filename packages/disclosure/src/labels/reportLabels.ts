/**
 * Every label of the annual-report format of 国办公开办函〔2021〕30号, written exactly as the
 * format writes it (full-width punctuation included). One table: code never repeats a label.
 *
 * @example
 * reportLabels.table3.carryForward; // '四、结转下年度继续办理'
 */
export const reportLabels = {
  title: '政府信息公开工作年度报告',
  sections: {
    overview: '一、总体情况',
    proactive: '二、主动公开政府信息情况',
    requests: '三、收到和处理政府信息公开申请情况',
    reviewLitigation: '四、政府信息公开行政复议、行政诉讼情况',
    problems: '五、存在的主要问题及改进情况',
    other: '六、其他需要报告的事项',
  },
  table2: {
    itemHeader: '信息内容',
    article20_1: '第二十条第（一）项',
    article20_5: '第二十条第（五）项',
    article20_6: '第二十条第（六）项',
    article20_8: '第二十条第（八）项',
    made: '本年制发件数',
    repealed: '本年废止件数',
    inForce: '现行有效件数',
    decisions: '本年处理决定数量',
    feeAmount: '本年收费金额（单位：万元）',
  },
  table3: {
    corner: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    applicants: '申请人情况',
    legalPersons: '法人或其他组织',
    total: '总计',
    newReceived: '一、本年新收政府信息公开申请数量',
    carriedOver: '二、上年结转政府信息公开申请数量',
    results: '三、本年度办理结果',
    resultsTotal: '（七）总计',
    carryForward: '四、结转下年度继续办理',
  },
  table4: {
    review: '行政复议',
    litigation: '行政诉讼',
    direct: '未经复议直接起诉',
    afterReview: '复议后起诉',
  },
} as const;

/**
 * Applicant columns of table 三, in the format's order (自然人, then the five kinds of 法人或其他组织).
 *
 * @example
 * applicantTypes.commercialEnterprise; // { label: '商业企业', group: 'legalPerson' }
 */
export const applicantTypes = {
  naturalPerson: { label: '自然人', group: 'naturalPerson' },
  commercialEnterprise: { label: '商业企业', group: 'legalPerson' },
  researchInstitution: { label: '科研机构', group: 'legalPerson' },
  publicInterestOrganization: { label: '社会公益组织', group: 'legalPerson' },
  legalServiceAgency: { label: '法律服务机构', group: 'legalPerson' },
  otherOrganization: { label: '其他', group: 'legalPerson' },
} as const;

/**
 * One of the keys of {@link applicantTypes}.
 *
 * @example
 * const t: ApplicantType = 'legalServiceAgency';
 */
export type ApplicantType = keyof typeof applicantTypes;
/**
 * The applicant types in column order.
 *
 * @example
 * applicantTypeKeys.length; // 6
 */
export const applicantTypeKeys = Object.keys(applicantTypes) as readonly ApplicantType[];

/**
 * Outcome groups of table 三 （一）…（六）.
 *
 * @example
 * outcomeGroups.withheld; // '（三）不予公开'
 */
export const outcomeGroups = {
  granted: '（一）予以公开',
  partiallyGranted: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  withheld: '（三）不予公开',
  unable: '（四）无法提供',
  notProcessed: '（五）不予处理',
  other: '（六）其他处理',
} as const;

/**
 * One of the keys of {@link outcomeGroups}.
 *
 * @example
 * const g: OutcomeGroup = 'notProcessed';
 */
export type OutcomeGroup = keyof typeof outcomeGroups;

/**
 * The 21 outcome rows of table 三, in the format's order. `label` is the row label (for the
 * two one-row groups it equals the group label). The provision each rests on depends on the era:
 * see `outcomeRules`.
 *
 * @example
 * outcomes.otherNoSupplement.label; // '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'
 */
export const outcomes = {
  granted: { group: 'granted', label: '（一）予以公开' },
  partiallyGranted: { group: 'partiallyGranted', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
  withheldStateSecret: { group: 'withheld', label: '1.属于国家秘密' },
  withheldLawProhibited: { group: 'withheld', label: '2.其他法律行政法规禁止公开' },
  withheldThreeSecurities: { group: 'withheld', label: '3.危及“三安全一稳定”' },
  withheldThirdParty: { group: 'withheld', label: '4.保护第三方合法权益' },
  withheldInternalAffairs: { group: 'withheld', label: '5.属于三类内部事务信息' },
  withheldProcessInfo: { group: 'withheld', label: '6.属于四类过程性信息' },
  withheldEnforcementFile: { group: 'withheld', label: '7.属于行政执法案卷' },
  withheldAdminQuery: { group: 'withheld', label: '8.属于行政查询事项' },
  unableNotHeld: { group: 'unable', label: '1.本机关不掌握相关政府信息' },
  unableNeedsCreation: { group: 'unable', label: '2.没有现成信息需要另行制作' },
  unableStillUnclear: { group: 'unable', label: '3.补正后申请内容仍不明确' },
  notProcessedPetition: { group: 'notProcessed', label: '1.信访举报投诉类申请' },
  notProcessedRepeat: { group: 'notProcessed', label: '2.重复申请' },
  notProcessedPublication: { group: 'notProcessed', label: '3.要求提供公开出版物' },
  notProcessedExcessive: { group: 'notProcessed', label: '4.无正当理由大量反复申请' },
  notProcessedConfirmation: { group: 'notProcessed', label: '5.要求行政机关确认或重新出具已获取信息' },
  otherNoSupplement: { group: 'other', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
  otherFeeUnpaid: { group: 'other', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
  otherOther: { group: 'other', label: '3.其他' },
} as const satisfies Record<string, { group: OutcomeGroup; label: string }>;

/**
 * One of the 21 keys of {@link outcomes}.
 *
 * @example
 * const o: Outcome = 'otherFeeUnpaid';
 */
export type Outcome = keyof typeof outcomes;
/**
 * The 21 outcomes in row order.
 *
 * @example
 * outcomeKeys.length; // 21
 */
export const outcomeKeys = Object.keys(outcomes) as readonly Outcome[];

/**
 * Outcomes an official may choose when replying (the two 其他处理 rows that end a request
 * without a reply — no supplement, fee unpaid — are recorded by the due check instead).
 *
 * @example
 * replyOutcomeKeys.includes('otherFeeUnpaid'); // false
 */
export const replyOutcomeKeys: readonly Outcome[] = outcomeKeys.filter((k) => k !== 'otherNoSupplement' && k !== 'otherFeeUnpaid');

/**
 * Result columns of table 四 (each of 行政复议, 未经复议直接起诉, 复议后起诉 has these five).
 *
 * @example
 * reviewResults.upheld; // '结果维持'
 */
export const reviewResults = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
} as const;

/**
 * One of the keys of {@link reviewResults}.
 *
 * @example
 * const c: ReviewColumn = 'pending';
 */
export type ReviewColumn = keyof typeof reviewResults;
/**
 * A decided result (not `pending`, not `total`).
 *
 * @example
 * const r: ReviewResult = 'corrected';
 */
export type ReviewResult = Exclude<ReviewColumn, 'pending' | 'total'>;
/**
 * The decided results.
 *
 * @example
 * reviewResultKeys; // ['upheld', 'corrected', 'other']
 */
export const reviewResultKeys = ['upheld', 'corrected', 'other'] as const satisfies readonly ReviewResult[];

/**
 * Rows of table 二 (主动公开政府信息情况) and the article of 条例 第二十条 each reports on.
 *
 * @example
 * proactiveCategories.normativeDocument.label; // '行政规范性文件'
 */
export const proactiveCategories = {
  rule: { label: '规章', kind: 'document', article: 'article20_1' },
  normativeDocument: { label: '行政规范性文件', kind: 'document', article: 'article20_1' },
  licensing: { label: '行政许可', kind: 'decision', article: 'article20_5' },
  penalty: { label: '行政处罚', kind: 'decision', article: 'article20_6' },
  coercion: { label: '行政强制', kind: 'decision', article: 'article20_6' },
  fee: { label: '行政事业性收费', kind: 'fee', article: 'article20_8' },
  other: { label: '其他政府信息', kind: 'other', article: null },
} as const;

/**
 * One of the keys of {@link proactiveCategories}.
 *
 * @example
 * const c: ProactiveCategory = 'licensing';
 */
export type ProactiveCategory = keyof typeof proactiveCategories;

/**
 * Where proactively disclosed information is published (the seed report's channels).
 *
 * @example
 * publicationChannels.centerPortal; // '中心门户网站'
 */
export const publicationChannels = {
  governmentWebsite: '政府网站',
  centerPortal: '中心门户网站',
  gazette: '政府公报',
  bulletinBoard: '公告公示栏',
  serviceGuide: '服务指南',
  newMedia: '政务新媒体',
  readingPoint: '政府信息查阅点',
  other: '其他渠道',
} as const;

/**
 * One of the keys of {@link publicationChannels}.
 *
 * @example
 * const ch: PublicationChannel = 'bulletinBoard';
 */
export type PublicationChannel = keyof typeof publicationChannels;
