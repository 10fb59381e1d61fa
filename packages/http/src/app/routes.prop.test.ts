/**
 * Hostile input against every route: generated methods, paths, headers and bodies (JSON that
 * looks like commands, JSON that does not, bytes that are not JSON). The service answers
 * 2xx or 4xx, never 5xx; a refused request leaves the log exactly as it was; and whatever
 * was written still folds and verifies. Credentials and personal data never reach the log
 * lines.
 */
import { foldDecider } from '@banshi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actors, fixture, receive, token, type ActorName } from '../_lib/testFixture.js';
import { commandPermissions, type AggregateKind } from '../auth/permissions.js';

const kinds = Object.keys(commandPermissions) as AggregateKind[];
const who = fc.constantFrom<ActorName | 'public'>('public', ...(Object.keys(actors) as ActorName[]));
const segment = fc.oneof(
  fc.constantFrom('TZ-1', 'A', 'R-1', '..', '%2e%2e', '%00', 'x'.repeat(150), '案件-1', 'a b', "'; DROP TABLE events; --", '__proto__', 'constructor'),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const path = fc.oneof(
  fc.tuple(fc.constantFrom('tz', 'port', 'nowhere', 'TZ'), fc.constantFrom<string>(...kinds, 'nothing'), segment).map(([t, k, id]) => `/t/${t}/${k}/${id}/commands`),
  fc.tuple(fc.constantFrom('tz', 'port'), fc.constantFrom<string>(...kinds), segment).map(([t, k, id]) => `/t/${t}/${k}/${id}`),
  fc.tuple(fc.constantFrom('/cases', '/disclosure-requests'), fc.dictionary(fc.constantFrom('status', 'open', 'department', 'level', 'orderBy', 'after', 'limit', 'descending', 'statutory_due_from', 'colour'), fc.string({ maxLength: 20 }), { maxKeys: 4 })).map(
    ([p, q]) => `/t/tz${p}?${new URLSearchParams(q).toString()}`,
  ),
  fc.constantFrom('/t/tz/catalog', '/t/tz/intermediaries', '/t/tz/public-info?year=2013', '/t/tz/reports/center', '/t/tz/trading?year=2013', '/t/tz/reports/disclosure/2013', '/t/tz/reports/disclosure/99999', '/t/tz/read-models/case_tasks/rebuild', '/t/tz/read-models/x/rebuild', '/openapi.json', '/t/tz/events?after=-1', '/t/tz/events?after=0', '/nothing', '/t/'),
);
const commandLike = fc
  .tuple(fc.constantFrom(...kinds.flatMap((k) => Object.keys(commandPermissions[k]))), fc.dictionary(fc.constantFrom('on', 'channel', 'caseId', 'requestId', 'missing', 'materials', 'department', 'approvedBy', 'today', 'applicant', 'itemCode', 'node', 'outcome', 'reasons'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }))
  .map(([type, rest]) => JSON.stringify({ ...rest, type }));
const body = fc.oneof(
  commandLike,
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.constant(JSON.stringify(receive('TZ-1'))),
  fc.constant(JSON.stringify({ ...receive('TZ-1'), on: '2013-02-30' })),
  fc.string({ maxLength: 60 }),
  fc.constant('{"__proto__":{"isAdmin":true},"type":"Accept"}'),
  fc.constant(''),
);
const headers = fc.record(
  {
    'idempotency-key': fc.oneof(fc.constant('k-1'), fc.string({ maxLength: 30 })),
    'if-match': fc.oneof(fc.constantFrom('"0"', '"1"', '*', 'W/"2"', '99999999999'), fc.string({ maxLength: 10 })),
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/merge-patch+json'),
    'last-event-id': fc.oneof(fc.constant('1'), fc.string({ maxLength: 10 })),
    'banshi-access-code': fc.string({ maxLength: 20 }),
    authorization: fc.constantFrom('Bearer nope', 'Basic dXNlcjpwYXNz', 'Bearer ' + 'x'.repeat(600)),
  },
  { requiredKeys: [] },
);
/** Requests a clerk would send, so that some of the traffic really writes (and the property is not vacuous). */
const valid = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom<Record<string, unknown>>(
  { type: 'Accept', on: '2013-09-17', channel: 'window' },
  { type: 'NotifySupplement', on: '2013-09-17', channel: 'window', missing: ['营业执照'] },
  { type: 'Withdraw', on: '2013-09-18', channel: 'window' },
  { type: 'AssignReview', on: '2013-09-18', channel: 'window', departments: ['市场监管'] },
)).chain(([n, cmd]) => fc.constantFrom(
  { path: `/t/tz/cases/V-${n}/commands`, body: JSON.stringify(receive(`V-${n}`)) },
  { path: `/t/tz/cases/V-${n}/commands`, body: JSON.stringify(cmd) },
));
const safeHeaders = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([, v]) => /^[\x20-\x7e]*$/.test(v)));

describe('hostile input on every route', () => {
  it('is answered 2xx or 4xx, never 5xx; a refused request writes nothing; the log still folds and verifies', async () => {
    const f = await fixture({ sse: { maxDurationMs: 30, heartbeatMs: 1000, pollIntervalMs: 5 }, limits: { maxBodyBytes: 4096, bodyTimeoutMs: 1000, publicWritesPerMinute: 1000 } });
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-1/commands', receive('TZ-1'));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ as: who, method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'), path, body, h: headers }),
          valid.chain((v) => fc.record({ as: fc.constant<ActorName | 'public'>('clerk'), method: fc.constant('POST'), path: fc.constant(v.path), body: fc.constant(v.body), h: fc.record({ 'content-type': fc.constant('application/json'), 'idempotency-key': fc.constantFrom('k-1', 'k-2', 'k-3') }, { requiredKeys: ['content-type'] }) })),
        ),
        async ({ as, method, path: p, body: b, h }) => {
        const before = await f.stores.tz.headPosition();
        const hdrs = safeHeaders(h as Record<string, string>);
        if (as !== 'public' && !('authorization' in hdrs)) hdrs.authorization = `Bearer ${token(as)}`;
        const res = await f.banshi.app.request(p, { method, headers: hdrs, ...(method === 'GET' ? {} : { body: b }) });
        if (res.headers.get('content-type')?.startsWith('text/event-stream')) await res.body?.cancel();
        else await res.arrayBuffer();
        expect(res.status, `${method} ${p} → ${res.status}`).toBeLessThan(500);
        if (res.status >= 400) expect(await f.stores.tz.headPosition()).toBe(before);
        },
      ),
      { numRuns: 400 },
    );
    expect((await f.stores.tz.verify()).ok).toBe(true);
    const engine = f.banshi.engine;
    const streams = new Set<string>();
    for await (const e of f.stores.tz.readAll()) streams.add(e.stream);
    expect(streams.size).toBeGreaterThan(1);
    for (const s of streams) {
      const events = await f.stores.tz.readStream(s);
      if (s.startsWith('case-')) expect(foldDecider(engine.approval, events as never).status).not.toBe('new');
      if (s.startsWith('disclosure-')) expect(foldDecider(engine.disclosure, events as never).status).not.toBe('none');
    }
  });

  it('never writes credentials or personal data into the access log', async () => {
    const f = await fixture();
    const secretToken = token('clerk');
    await f.call('clerk', 'POST', '/t/tz/cases/P-1/commands', receive('P-1', { applicant: { name: '欧阳娜娜', kind: 'person' } }));
    await f.call('applicant', 'POST', '/t/tz/disclosure-requests/R-9/commands', {
      type: 'ReceiveRequest',
      requestId: 'R-9',
      agency: '市行政服务中心',
      applicant: { type: 'naturalPerson', name: '欧阳娜娜' },
      channel: 'inPerson',
      submittedOn: '2013-09-16',
      description: '身份证号 330102199001011234',
    });
    await f.call('public', 'GET', '/t/tz/cases/P-1', undefined, { authorization: 'Bearer wrong-token-0123456789' });
    await f.call('clerk', 'GET', '/t/tz/cases/P-1');
    const log = f.logs.join('\n');
    expect(f.logs.length).toBeGreaterThanOrEqual(4);
    for (const leak of [secretToken, 'wrong-token-0123456789', '欧阳娜娜', '330102199001011234', actors.clerk.id, actors.applicant.id, '王芳']) expect(log).not.toContain(leak);
    expect(log).toContain('"route":"/t/:tenant/cases/:id/commands"');
  });

  it('the public sees published information only, with personal data masked', async () => {
    const f = await fixture({ sse: { maxDurationMs: 100, heartbeatMs: 1000, pollIntervalMs: 5 } });
    await f.call('clerk', 'POST', '/t/tz/cases/P-2/commands', receive('P-2', { applicant: { name: '欧阳娜娜', kind: 'person' } }));
    expect((await f.call('public', 'GET', '/t/tz/cases/P-2')).status).toBe(403);
    expect((await f.call('public', 'GET', '/t/tz/cases')).status).toBe(403);
    await f.call('clerk', 'POST', '/t/tz/public-info/I-1/commands', { type: 'FormInfo', itemId: 'I-1', agency: '市行政服务中心', title: '行政审批事项目录', category: 'licensing', formedOn: '2013-09-16' });
    const hidden = (await (await f.call('public', 'GET', '/t/tz/public-info')).json()) as { items: unknown[] };
    expect(hidden.items).toEqual([]);
    expect((await f.call('public', 'GET', '/t/tz/public-info/I-1')).status).toBe(404);
    const events = await f.call('public', 'GET', '/t/tz/events?after=0');
    const text = await events.text();
    expect(text).not.toContain('欧阳娜娜');
    expect(text).not.toContain('CaseReceived');
  });
});
