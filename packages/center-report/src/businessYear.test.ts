import { describe, expect, it } from 'vitest';
import { businessYear } from './eventYears.js';

describe('businessYear', () => {
  const meta = { occurredAt: '2026-11-30T02:00:00Z' } as never;
  it('takes `on`, else the event’s own dated field, else occurredAt in Shanghai', () => {
    expect(businessYear({ data: { on: '2013-09-16', dueOn: '2014-01-02' }, meta })).toBe('2013');
    expect(businessYear({ data: { dealId: 'zc-1', priceFen: 1, concludedOn: '2013-04-01' }, meta })).toBe('2013');
    expect(businessYear({ data: { noticeId: 'n', publishedOn: '2012-12-31' }, meta })).toBe('2012');
    expect(businessYear({ data: { text: 'x' }, meta: { occurredAt: '2013-12-31T17:00:00Z' } as never })).toBe('2014');
  });
});
