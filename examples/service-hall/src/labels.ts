/** Chinese labels of the engine's statuses, events and levels, for the pages. */

export const caseStatusLabels: Readonly<Record<string, string>> = {
  new: '新建',
  intake: '收件待受理',
  awaitingSupplement: '待补正',
  review: '审查中',
  returned: '已退回',
  specialProcedure: '特别程序（第四十五条）',
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
