import { approvalRegistry, createApprovalDecider, receiveTermsOf, type ApprovalCommand } from '@banshi/approval';
import { mainlandChinaCalendar } from '@banshi/calendar';
import { createMemoryStore, foldDecider, handle } from '@banshi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCase } from './planCase.js';
import { planCatalog } from './planCatalog.js';
import { createRandom } from './prng.js';
import { taizhou2013 } from './scenario.js';
import type { PlanContext, Task } from './tasks.js';

const cal = mainlandChinaCalendar();
const contextOf = (seed: number, tasks: Task[]): PlanContext => ({ r: createRandom(seed), cal, year: 2013, tasks, on: (monthDay) => `2013-${monthDay}` });
const approval = createApprovalDecider({ calendar: cal });
type PlannedCaseItem = Parameters<typeof planCase>[3];

/** A case's planned commands through the real decider, in the order the generator runs them (a refused command throws). */
async function runPlanned(tasks: readonly Task[], item: PlannedCaseItem) {
  const store = createMemoryStore({ registry: approvalRegistry });
  for (const t of [...tasks].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.minute - b.minute))) {
    const command = t.command.type === 'Receive' ? { ...(t.command as ApprovalCommand), ...receiveTermsOf(item.elements) } : t.command;
    await handle(store, t.stream, command, approval, { meta: { actor: t.actor, channel: t.channel } });
  }
  return store.readStream(tasks[0]?.stream ?? '');
}

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
    const events = await runPlanned(tasks, item);
    const types = events.map((e) => e.type);
    expect(types).not.toContain('SpecialProcedureStarted');
    const scheduled = events.find((e) => e.type === 'HearingScheduled')?.data as { on: string; hearingOn: string; announcement: string };
    expect(cal.workingDaysBetween(scheduled.on, scheduled.hearingOn)).toBeGreaterThanOrEqual(7);
    expect(scheduled.announcement).toContain('听证公告');
    expect((events.find((e) => e.type === 'CaseDecided')?.data as { hearingRecord?: string }).hearingRecord).toMatch(/^听证笔录-2013-/);
  });

  it('a 即办件 decided on the spot (第三十四条) has its certificate issued and delivered that day (第四十四条), so no certificate clock runs on and the due check never warns', async () => {
    const base = planCatalog(contextOf(1, []), { cleanup: false }).find((i) => i.elements.handling === '即办件');
    expect(base).toBeDefined();
    const item: PlannedCaseItem = { code: base?.code ?? '', node: 'tz-center', elements: (base as NonNullable<typeof base>).elements };
    const shapes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const tasks: Task[] = [];
        planCase(contextOf(seed, tasks), taizhou2013, 1, item, '2013-03-04');
        const events = await runPlanned(tasks, item);
        const onSpot = events.find((e) => e.type === 'CaseDecidedOnSpot');
        if (!onSpot) return; // refused or withdrawn at intake: no decision, no certificate
        shapes.add(events.some((e) => e.type === 'SupplementNotified') ? 'supplement' : 'immediate');
        const day = (onSpot.data as { on: string }).on;
        const issued = events.find((e) => e.type === 'CertificateIssued');
        const delivered = events.find((e) => e.type === 'CertificateDelivered');
        expect((issued?.data as { on?: string } | undefined)?.on).toBe(day);
        expect((delivered?.data as { on?: string } | undefined)?.on).toBe(day);
        // Handed over at the window to an applicant who is there, else over the channel the case came in by: no extra visit.
        const received = events[0]?.data as { channel: string };
        expect((delivered?.data as { channel: string }).channel).toBe(received.channel);
        const state = foldDecider(approval, events);
        expect(['delivered', 'closed', 'followUp']).toContain(state.status);
        expect(state.data.clocks.certificate?.stoppedOn).toBe(day);
        const decidedOnly = foldDecider(approval, events.slice(0, events.indexOf(onSpot) + 1));
        expect(state.data.visits).toBe(decidedOnly.data.visits);
        // A month of due checks later: nothing to warn about on the certificate.
        const later = approval.dueCheck(state, cal.addWorkingDays(day, 30));
        expect(later.filter((e) => e.type === 'DeadlineWarned' && e.data.clock === 'certificate')).toEqual([]);
      }),
      { numRuns: 300, seed: 2013 },
    );
    // Both shapes of an on-the-spot case: decided at intake, and decided the day the 补正 materials arrive.
    expect([...shapes].sort()).toEqual(['immediate', 'supplement']);
  });
});

