/**
 * Every rule this package enforces, once, with its source. Statutory numbers appear only here;
 * search a rule by its article (e.g. `第四十二条`) or its id (e.g. `CR-3`). Rules the law does
 * not state are the center's own practice (seed report section in the basis) or this
 * catalog's bookkeeping rules (`CR-n`, `IR-n`, `SR-n`, `TR-n`, `NR-n`).
 *
 * @example
 * catalogRules.licensingDecisionLimit; // { limit: 20, unit: 'workingDays', basis: '行政许可法 第四十二条' }
 */
export const catalogRules = {
  /** A licensing item without a longer statutory limit is decided within 20 working days of acceptance. */
  licensingDecisionLimit: { limit: 20, unit: 'workingDays', basis: '行政许可法 第四十二条' },
  /** A promised limit (承诺时限) shortens the statutory one and may never exceed it. */
  promiseWithinStatute: { basis: '行政许可法 第四十二条' },
  /** 即办件: decided on the spot, so its promised limit is zero working days. */
  onTheSpotDecision: { limit: 0, unit: 'workingDays', basis: '行政许可法 第三十四条' },
  /** Only laws, administrative regulations and local regulations set a licence: a 行政许可 item cites one. */
  licensingNeedsLegalBasis: { basis: '行政许可法 第十四条至第十七条' },
  /** No fee without a legal basis. */
  feesNeedLegalBasis: { basis: '行政许可法 第五十八条' },
  /** Hearings, tenders, tests, appraisals … are not counted in the limit; the applicant is told their expected time. */
  specialProceduresNotCounted: { basis: '行政许可法 第四十五条' },
  /** Items, conditions, procedures, limits and materials are published (the four standards). */
  standardsPublished: { basis: '行政许可法 第三十条' },
  /** Cleanup campaigns evaluate items and cancel, delegate, adjust or retain them. */
  cleanupEvaluation: { basis: '行政许可法 第二十条' },
  /** An item code is registered once, before any other command, on its own `item-<code>` stream. */
  registerFirst: { basis: 'catalog rule CR-6 (one item per code, registered once before anything else)' },
  /** A new version of an item takes effect on or after the version it replaces. */
  versionsInOrder: { basis: 'catalog rule CR-1 (versions take effect in date order)' },
  /** 取消 and 下放 end the item at this level: register it anew at its new level. */
  decisionEndsItem: { basis: '行政许可法 第二十条; catalog rule CR-2 (取消/下放 items leave this catalog)' },
  /** An item receives one decision per campaign. */
  oneDecisionPerCampaign: { basis: 'catalog rule CR-3 (one decision per item per campaign)' },
  /** 下放 moves an item to a lower level. */
  delegateDownward: { basis: 'catalog rule CR-4 (下放 goes to a lower level)' },
  /** A campaign takes decisions only while open. */
  campaignOpen: { basis: 'catalog rule CR-5 (campaigns open, then close once)' },
  /** 中介机构: information submitted, reviewed, then published (公示). */
  agencyReviewBeforePublication: { basis: '2013 自查报告 二.2 (中介机构 信息报送 → 审核 → 上网公示); rule IR-1' },
  /** The reviewer an approval records is the signed-in actor, never a name in the command body. */
  agencyReviewerIsActor: { basis: 'design §7 (authority comes from the authenticated actor); our reading, applied to the 审核 step of 2013 自查报告 二.2' },
  /** A returned submission says why, so the agency can correct it. */
  agencyReturnWithReasons: { basis: 'intermediary rule IR-2 (returns state their reasons)' },
  /** A delisted agency stays off the register. */
  agencyDelistingFinal: { basis: 'intermediary rule IR-3 (delisting is final; submit anew under a new id)' },
  /** Survey forms returned never exceed forms issued. */
  surveyReturnsWithinIssued: { basis: '2013 自查报告 二.6 (征求意见表 发出/回收); rule SR-1' },
  /** A closed survey batch takes no more returns. */
  surveyClosed: { basis: 'survey rule SR-2 (a closed batch is final)' },
  /** Savings need their reference: procurement records the market price (市场价), construction tenders the budget (招标控制价). */
  tradingBudgetRequired: { basis: '2013 自查报告 二.6 (采购金额/中标价/节约率); rule TR-1' },
  /** Land deals record the area transferred (出让面积). */
  tradingLandArea: { basis: '2013 自查报告 二.6 (土地交易 出让面积); rule TR-2' },
  /** A deal concludes or fails once. */
  tradingDealFinal: { basis: 'trading rule TR-3 (a deal concludes or fails once)' },
  /** Every concluded deal publishes its announcement and its result; the rate counts those published and not withdrawn. */
  tradingNotices: { basis: '2013 自查报告 二.6 (各类公共资源交易信息…累计发布1441条次，信息公开率达100%); rule TN-1 (our reading: announcement + result per deal)' },
  /** A reform piece is published once and adopted by an outlet at most once, not before its publication. */
  reformPublicity: { basis: '2013 自查报告 二.5 (发布审改信息215篇，印发审改工作简报13期，被《台州政务信息》录用刊登5篇); rule PB-1' },
  /** Print runs belong to a registered publication. */
  printedPublications: { basis: '2013 自查报告 一.(1) (印发…服务手册等5000多册，窗口提供服务指南近万份); rule PB-2' },
  /** One main center; sub-center ids are unique and closed ones stay closed. */
  centerNodes: { basis: '2013 自查报告 二.3 (行政服务中心和四个分中心); rule NR-1' },
} as const;

/**
 * The name of one of {@link catalogRules}.
 *
 * @example
 * catalogRules['promiseWithinStatute' satisfies CatalogRuleName].basis; // '行政许可法 第四十二条'
 */
export type CatalogRuleName = keyof typeof catalogRules;
