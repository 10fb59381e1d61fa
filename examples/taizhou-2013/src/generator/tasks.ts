import type { BusinessDate, WorkingCalendar } from '@banshi/calendar';
import type { Actor, Channel } from '@banshi/core';
import type { TaizhouNode } from '../org/taizhouOrg.js';
import type { Random } from './prng.js';

/** Which decider a task's command goes to. */
export type Kind = 'approval' | 'item' | 'campaign' | 'agency' | 'survey' | 'deal' | 'node' | 'publicInfo' | 'notice' | 'publicity' | 'publication';

/** One command of the plan, at a business instant; the runner sorts tasks by time and runs them. */
export interface Task {
  readonly day: BusinessDate;
  /** Minutes after 08:30 Beijing time. */
  readonly minute: number;
  readonly stream: string;
  readonly kind: Kind;
  readonly command: { readonly type: string; readonly [k: string]: unknown };
  readonly channel: Channel;
  readonly actor: Actor;
  readonly node: TaizhouNode;
  seq?: number;
}

/** What every plan gets: the random source, the calendar, the year and the task list to push to. */
export interface PlanContext {
  readonly r: Random;
  readonly cal: WorkingCalendar;
  readonly year: number;
  readonly tasks: Task[];
  /** `yyyy-MM-dd` in the scenario's year. */
  readonly on: (monthDay: string) => BusinessDate;
}

export const clerk = (i: number): Actor => ({ id: `window-${String(i % 48).padStart(2, '0')}`, role: 'clerk' });
export const officer: Actor = { id: 'officer-01', role: 'officer' };
export const head: Actor = { id: 'head-01', role: 'head' };
export const dueCheckActor: Actor = { id: 'due-check', role: 'system' };
/** 0.01 亿元 in fen. */
export const HUNDREDTH_YI = 100_000_000;

/** Integer parts summing exactly to `total`, jittered ±20 % when `r` is given. */
export function split(total: number, n: number, r?: Random): number[] {
  const w = Array.from({ length: n }, () => (r ? 0.8 + r.next() * 0.4 : 1));
  return proportional(total, w);
}

/** Splits `total` in proportion to `weights`, exactly. */
export function proportional(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts.length, rest--) parts[i] = (parts[i] as number) + 1;
  return parts;
}

/** The working days from `from` to `to`, both included. */
export function workingDaysOf(cal: WorkingCalendar, from: BusinessDate, to: BusinessDate): BusinessDate[] {
  const out: BusinessDate[] = [];
  for (let d = cal.isWorkingDay(from) ? from : cal.nextWorkingDay(from); d <= to; d = cal.nextWorkingDay(d)) out.push(d);
  return out;
}
