import type { Projection, StoredEvent } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { allYears, minus, yearEnds, yearSlices } from './yearSlices.js';

/** Counts deals concluded, linked to their registration (a registration alone counts nothing). */
const deals: Projection<{ open: Set<string>; concluded: number }> = {
  name: 'deals',
  init: () => ({ open: new Set(), concluded: 0 }),
  apply(s, e) {
    const d = e.data as { id: string };
    if (e.type === 'Registered') s.open.add(d.id);
    else if (s.open.delete(d.id)) s.concluded++;
    return s;
  },
};
const ev = (type: string, id: string, on: string | null) => ({ type, data: on ? { id, on } : { id }, meta: { occurredAt: 'not a date' } }) as unknown as StoredEvent;

describe('yearSlices', () => {
  it('counts a linked event in its own year, and a late entry in the year it is dated', () => {
    const p = yearSlices(deals);
    const log = [ev('Registered', 'b', '2014-11-01'), ev('Concluded', 'b', '2015-01-05'), ev('Registered', 'a', '2014-03-01'), ev('Concluded', 'a', '2014-05-01'), ev('Registered', 'c', null), ev('Concluded', 'c', '2016-02-01')];
    const s = log.reduce((st, e) => p.apply(st, e), p.init());
    const year = (y: number) => {
      const { end, before } = yearEnds(s, y);
      return end.concluded - before.concluded;
    };
    // b registered in 2014 counts in 2015 where it concluded; a, entered late (after 2015 events), counts in 2014;
    // c's undated registration is in every year.
    expect([year(2013), year(2014), year(2015), year(2016), year(2017)]).toEqual([0, 1, 1, 1, 0]);
    expect(allYears(s).concluded).toBe(3);
  });

  it('minus subtracts every number of nested figures and keeps the rest', () => {
    expect(minus({ issued: 10, ratings: { 满意: 4, 不满意: 1 }, name: 'x', at: null }, { issued: 6, ratings: { 满意: 1 } })).toEqual({ issued: 4, ratings: { 满意: 3, 不满意: 1 }, name: 'x', at: null });
  });
});
