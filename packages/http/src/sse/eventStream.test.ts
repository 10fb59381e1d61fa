import { describe, expect, it } from 'vitest';
import { fixture, receive } from '../_lib/testFixture.js';

/** The `event:` names and `id:`s of a finished SSE body. */
const frames = (text: string) =>
  text
    .split('\n\n')
    .map((f) => Object.fromEntries(f.split('\n').filter((l) => /^(id|event|data):/.test(l)).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()])))
    .filter((f) => f.data !== undefined) as { id: string; event: string; data: string }[];

describe('GET /events', () => {
  it('each subscriber sees what its role may see: staff all, a reviewer its department, an applicant its own filings', async () => {
    const f = await fixture({ sse: { maxDurationMs: 150, heartbeatMs: 1000, pollIntervalMs: 5 } });
    await f.call('clerk', 'POST', '/t/tz/cases/A/commands', receive('A'));
    await f.call('clerk', 'POST', '/t/tz/cases/B/commands', receive('B', { department: '住建' }));
    await f.call('applicant', 'POST', '/t/tz/cases/C/commands', receive('C'));
    const read = async (who: Parameters<typeof f.call>[0], headers: Record<string, string> = {}) => frames(await (await f.call(who, 'GET', '/t/tz/events?after=0', undefined, headers)).text());
    expect((await read('auditor')).map((x) => x.id)).toEqual(['1', '2', '3']);
    expect((await read('reviewer')).map((x) => JSON.parse(x.data).stream)).toEqual(['case-A', 'case-C']);
    expect((await read('otherReviewer')).map((x) => JSON.parse(x.data).stream)).toEqual(['case-B']);
    expect((await read('applicant')).map((x) => JSON.parse(x.data).stream)).toEqual(['case-C']);
    expect(await read('otherApplicant')).toEqual([]);
    expect((await read('auditor', { 'last-event-id': '2' })).map((x) => x.id)).toEqual(['3']);
    expect((await f.call('auditor', 'GET', '/t/tz/events?after=x')).status).toBe(400);
  });
});
