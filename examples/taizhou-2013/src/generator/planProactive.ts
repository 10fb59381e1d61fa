import type { Channel } from '@banshi/core';
import type { PublicInfoCommand } from '@banshi/disclosure';
import { agencyName } from '../org/taizhouOrg.js';
import { officer, workingDaysOf, type PlanContext } from './tasks.js';

/**
 * 998 items on the center portal, 877 of them on the government website too (seed §一.(1)). The
 * six published after the 20-working-day limit are synthetic: the seed reports no late items.
 */
export function planProactive(ctx: PlanContext): void {
  const { r, cal, tasks, on } = ctx;
  const days = workingDaysOf(cal, on('01-04'), on('12-06'));
  for (let i = 0; i < 998; i++) {
    const itemId = `tz-${ctx.year}-${String(i + 1).padStart(4, '0')}`;
    const stream = `info-${itemId}`;
    const late = i % 166 === 5;
    const formed = r.pick(late ? days.slice(0, -40) : days);
    const reviewed = cal.addWorkingDays(formed, r.int(0, 2));
    const published = late ? cal.addWorkingDays(formed, r.int(21, 26)) : cal.addWorkingDays(reviewed, r.int(0, 3));
    const base = { channel: 'online' as Channel, actor: officer, node: 'tz-center' as const, kind: 'publicInfo' as const, stream };
    tasks.push({ ...base, day: formed, minute: 50, command: { type: 'FormInfo', itemId, agency: agencyName, title: r.pick(['审改政策解读', '行政审批办事指南', '公共资源交易公告', '中标结果公示', '窗口服务动态', '审批事项调整公告']), category: 'other', formedOn: formed } satisfies PublicInfoCommand });
    tasks.push({ ...base, day: reviewed, minute: 310, command: { type: 'ReviewInfo', on: reviewed, decision: 'publish' } satisfies PublicInfoCommand });
    tasks.push({ ...base, day: published, minute: 330, command: { type: 'PublishInfo', on: published, channels: i < 877 ? ['centerPortal', 'governmentWebsite'] : ['centerPortal'] } satisfies PublicInfoCommand });
  }
}
