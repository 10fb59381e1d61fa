/** Chinese labels of the engine's statuses, events and levels, for the pages. */

export const caseStatusLabels: Readonly<Record<string, string>> = {
  new: '新建',
  intake: '收件待受理',
  awaitingSupplement: '待补正',
  review: '审查中',
  returned: '已退回',
  specialProcedure: '特别程序（第四十五条）',
  hearingNotice: '已告知听证权利',
  hearing: '听证',
  decided: '已作出决定',
  certificateIssued: '已制证',
  delivered: '已送达',
  followUp: '回访整改',
  closed: '办结',
  refused: '不予受理',
  withdrawn: '已撤回',
};


export const levelLabels: Readonly<Record<string, string>> = { normal: '正常', yellow: '黄灯（临近期限）', red: '红灯（已超期）', unknown: '未知' };

export const requestStatusLabels: Readonly<Record<string, string>> = { none: '—', received: '已受理，办理中', awaitingSupplement: '待补正', consulting: '征求第三方意见', awaitingFee: '待缴费', concluded: '已答复' };

export const agencyStatusLabels: Readonly<Record<string, string>> = { submitted: '待审核', approved: '已审核，待发布', returned: '已退回修改', published: '已发布', delisted: '已退出' };

export const dealStatusLabels: Readonly<Record<string, string>> = { open: '进行中', concluded: '已成交', failed: '流标/流拍' };

/** A label or the key itself. */
export const label = (table: Readonly<Record<string, string>>, key: string | null | undefined): string => (key ? (table[key] ?? key) : '—');

/** The steps of a disclosure request (the arrows of its diagram). */
export const requestEventLabels: Readonly<Record<string, string>> = {
  DisclosureRequestReceived: '收到申请',
  DisclosureSupplementRequested: '告知补正',
  DisclosureSupplementReceived: '收到补正',
  DisclosureThirdPartyConsulted: '征求第三方意见',
  DisclosureThirdPartyReplied: '第三方答复',
  DisclosureOrgansConsulted: '征求有关机关意见',
  DisclosureOrgansReplied: '有关机关答复',
  DisclosureReplyExtended: '延长答复期限',
  DisclosureReplyDeferred: '暂缓答复',
  DisclosureFeeNoticeIssued: '发出收费通知',
  DisclosureFeePaid: '缴费',
  DisclosureCostFeeCharged: '收取成本费',
  DisclosureFeeWaived: '减免费用',
  DisclosureRequestConcluded: '答复',
  DisclosureReplyDueSoon: '答复期限临近',
  DisclosureReplyOverdue: '答复逾期',
  DisclosureRemedyFiled: '申请复议或起诉',
  DisclosureRemedyDecided: '复议或诉讼结果',
};

/** The steps of an intermediary agency (the arrows of its diagram). */
export const agencyEventLabels: Readonly<Record<string, string>> = {
  AgencySubmitted: '提交信息',
  AgencyUpdated: '更新信息',
  AgencyApproved: '审核通过',
  AgencyReturned: '退回修改',
  AgencyPublished: '上网公示',
  AgencyDelisted: '退出',
};

/** The named guards of the three machines the pages draw, as a Chinese reader reads them. */
export const guardLabels: Readonly<Record<string, string>> = {
  notYetNotified: '尚未告知',
  immediateItem: '即办件',
  renewalCase: '延续申请',
  reviewUnassigned: '尚未分送',
  opinionPending: '尚有部门未出具意见',
  notYetExtended: '尚未延期',
  noHearingYet: '尚未听证',
  heldAsNotified: '按通知的时间举行',
  reviewConcluded: '审查已完成',
  granted: '准予',
  denied: '不予',
  deniedPoorRating: '不予且差评',
  poorRating: '差评',
  notYetDeferred: '尚未暂缓',
  replied: '已答复',
  silenceEnds: '期限届满',
  feeUnpaid: '未缴费',
  costFeeOpen: '成本费未结',
};

/**
 * What a refusal of the banshi routes means, in Chinese, by its code (the routes' own `detail` is
 * English, for developers: the page keeps it under 技术信息, marked lang="en").
 */
export const problemTexts: Readonly<Record<string, string>> = {
  HTTP_FORBIDDEN: '您的账号无权办理此项业务或查看此页面。',
  HTTP_TENANT_FORBIDDEN: '您的账号属于另一个服务中心，请登录本中心的账号。',
  HTTP_UNAUTHENTICATED: '请先登录。',
  HTTP_CSRF: '表单已过期，请刷新页面后重新提交。',
  HTTP_NOT_FOUND: '没有找到要查看的内容，请核对编号。',
  HTTP_TENANT_NOT_FOUND: '没有这个服务中心。',
  HTTP_VALIDATION: '填写的内容不完整或格式不对，未作任何记录。请按下列提示修改后重新提交。',
  HTTP_UNKNOWN_COMMAND: '不能办理这一步骤。',
  HTTP_ID_MISMATCH: '编号不一致，未作任何记录。',
  HTTP_RATE_LIMITED: '提交过于频繁，请稍后再试。',
  HTTP_BAD_YEAR: '请填写四位数的年份。',
  HTTP_AGENT_AUTHORIZATION_REQUIRED: '代办员网上代为申办，须填写申请人的授权委托书（编号、代理事项和委托期限），未作任何记录。',
  APPROVAL_AGENT_NOT_AUTHORIZED: '授权委托书的期限不包括今天，不能代为申办：请使用有效期内的委托书，或由申请人本人申请。',
  APPROVAL_STEP_NOT_ALLOWED: '案件当前的状态不能办理这一步骤。',
  APPROVAL_SUPPLEMENT_ALREADY_NOTIFIED: '补正材料已经一次性告知过，不能再次告知：请受理或不予受理。',
  APPROVAL_EXTENSION_ALREADY_GRANTED: '已经延期一次，不能再次延期。',
  APPROVAL_DENIAL_NEEDS_REASONS: '不予许可须说明理由。',
  NO_SUCH_ACCOUNT: '没有这个申请人账号，请核对。',
};

/** The Chinese text of a problem: by its code, else by the kind of refusal. */
export function problemText(code: string, status: number): string {
  const known = problemTexts[code];
  if (known) return known;
  if (code.startsWith('APPROVAL_') || code.startsWith('DISCLOSURE_') || code.startsWith('CATALOG_')) return '这一步骤不符合办理规则，未作任何记录（依据见下）。';
  return status === 403 ? '无权办理。' : status === 404 ? '没有找到要查看的内容。' : status === 409 ? '已被他人更新，请刷新后重试。' : status >= 500 ? '系统暂时不能办理，请稍后再试。' : '未能办理，未作任何记录。';
}
