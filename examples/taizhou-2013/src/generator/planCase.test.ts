import { approvalRegistry, createApprovalDecider, receiveTermsOf, type ApprovalCommand } from '@banshi/approval';
import { mainlandChinaCalendar } from '@banshi/calendar';
import { createMemoryStore, handle } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { planCase } from './planCase.js';
import { planCatalog } from './planCatalog.js';
import { createRandom } from './prng.js';
import { taizhou2013 } from './scenario.js';
import type { PlanContext, Task } from './tasks.js';

const cal = mainlandChinaCalendar();
const contextOf = (seed: number, tasks: Task[]): PlanContext => ({ r: createRandom(seed), cal, year: 2013, tasks, on: (monthDay) => `2013-${monthDay}` });

describe('planCase', () => {
  it('an item whose special procedure is 听证 gets a 第四十六条 hearing (announced, noticed 7 working days ahead, held, the decision on its record), never a bare 第四十五条 pause', async () => {
    const base = planCatalog(contextOf(1, []), { cleanup: false }).find((i) => i.elements.handling !== '即办件' && i.elements.type === '行政许可');
    expect(base).toBeDefined();
    const item = { code: base?.code ?? '', node: 'tz-center' as const, elements: { ...(base?.elements as NonNullable<typeof base>['elements']), specialProcedures: [{ kind: '听证' as const, expectedDays: 15 }] } };
    // The seed whose case takes the 'special' shape (about one in thirty).
    let tasks: Task[] = [];
    for (let seed = 1; seed < 2000 && !tasks.some((t) => t.command.type === 'ScheduleHearing'); seed++) {
      tasks = [];
      planCase(contextOf(seed, tasks), taizhou2013, 1, item, '2013-03-04');
    }
    expect(tasks.map((t) => t.command.type)).toEqual(expect.arrayContaining(['ScheduleHearing', 'HoldHearing', 'Decide']));
    // Through the real decider, as the generator runs it: nothing refused.
    const approval = createApprovalDecider({ calendar: cal });
    const store = createMemoryStore({ registry: approvalRegistry });
    for (const t of [...tasks].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.minute - b.minute))) {
      const command = t.command.type === 'Receive' ? { ...(t.command as ApprovalCommand), ...receiveTermsOf(item.elements) } : t.command;
      await handle(store, t.stream, command, approval, { meta: { actor: t.actor, channel: t.channel } });
    }
    const events = await store.readStream(tasks[0]?.stream ?? '');
    const types = events.map((e) => e.type);
    expect(types).not.toContain('SpecialProcedureStarted');
    const scheduled = events.find((e) => e.type === 'HearingScheduled')?.data as { on: string; hearingOn: string; announcement: string };
    expect(cal.workingDaysBetween(scheduled.on, scheduled.hearingOn)).toBeGreaterThanOrEqual(7);
    expect(scheduled.announcement).toContain('听证公告');
    expect((events.find((e) => e.type === 'CaseDecided')?.data as { hearingRecord?: string }).hearingRecord).toMatch(/^听证笔录-2013-/);
  });
});
