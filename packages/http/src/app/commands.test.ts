import { mainlandChinaCalendar } from '@banshi/calendar';
import { describe, expect, it } from 'vitest';
import { canonicalJson, handle } from '@banshi/core';
import { actors, fixture, receive } from '../_lib/testFixture.js';

const json = async (r: Response) => (await r.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('commands', () => {
  it('receives a case, accepts it, shows the statutory due date of the calendar, and reads it back with its ETag', async () => {
    const f = await fixture();
    const r1 = await f.call('clerk', 'POST', '/t/tz/cases/TZ-1/commands', receive('TZ-1'), { 'idempotency-key': 'k-1' });
    expect(r1.status).toBe(201);
    const b1 = await json(r1);
    expect(b1).toMatchObject({ stream: 'case-TZ-1', version: 1, duplicate: false, state: { status: 'intake' } });
    expect(b1.accessCode).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const r2 = await f.call('clerk', 'POST', '/t/tz/cases/TZ-1/commands', { type: 'Accept', on: '2013-09-16', channel: 'window' }, { 'if-match': '"1"' });
    expect(r2.status).toBe(200);
    expect(r2.headers.get('etag')).toBe('"2"');
    // One request id per answer, the one the access log names, on commands and queries alike.
    const logged = f.logs.map((l) => (JSON.parse(l) as { requestId: string }).requestId);
    expect(r1.headers.get('x-request-id')).toBe(logged[0]);
    expect(r2.headers.get('x-request-id')).toBe(logged[1]);
    expect(r2.headers.get('content-type')).toBe('application/json');
    const b2 = await json(r2);
    // 20 working days after acceptance on the State Council's calendar (行政许可法 第四十二条, 第八十二条).
    const due = mainlandChinaCalendar().addWorkingDays('2013-09-16', 20);
    expect(due).toBe('2013-10-18');
    expect(b2.state.statutoryDueDate).toBe(due);
    const r3 = await f.call('clerk', 'GET', '/t/tz/cases/TZ-1');
    expect(r3.headers.get('etag')).toBe('"2"');
    expect(r3.headers.get('x-request-id')).toBe((JSON.parse(f.logs[2] ?? '{}') as { requestId: string }).requestId);
    const b3 = await json(r3);
    expect(b3).toMatchObject({ status: 'review', version: 2, warningLevel: 'normal', clocks: { statutory: { dueDate: '2013-10-18', status: { level: 'normal' } } } });
    expect(b3.timeline.map((t: { step: string }) => t.step)).toEqual(['收件', '受理']);
    expect(f.stores.tz.kind).toBe('memory');
  });

  it('a retried command with the same Idempotency-Key is a no-op returning the same result', async () => {
    const f = await fixture();
    const first = await json(await f.call('clerk', 'POST', '/t/tz/cases/TZ-2/commands', receive('TZ-2'), { 'idempotency-key': 'same' }));
    const head = await f.stores.tz.headPosition();
    const again = await f.call('clerk', 'POST', '/t/tz/cases/TZ-2/commands', receive('TZ-2'), { 'idempotency-key': 'same' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const b = await json(again);
    expect(b.duplicate).toBe(true);
    expect(b.events).toEqual(first.events);
    expect(await f.stores.tz.headPosition()).toBe(head);
    // Another caller reusing the key is refused rather than shown someone else's result.
    const stolen = await f.call('head', 'POST', '/t/tz/cases/TZ-2/commands', { type: 'AssignReview', on: '2013-09-16', channel: 'window', departments: ['市场监管'] }, { 'idempotency-key': 'same' });
    expect(stolen.status).toBe(422);
    expect((await json(stolen)).code).toBe('HTTP_IDEMPOTENCY_KEY_REUSED');
  });

  it('the same Idempotency-Key with a different body is 422 problem+json and writes nothing; the same body (keys in any order) replays', async () => {
    const f = await fixture();
    const first = await json(await f.call('clerk', 'POST', '/t/tz/cases/TZ-K/commands', receive('TZ-K'), { 'idempotency-key': 'k-body' }));
    const head = await f.stores.tz.headPosition();
    const other = await f.call('clerk', 'POST', '/t/tz/cases/TZ-K/commands', receive('TZ-K', { materials: ['申请书', '营业执照'] }), { 'idempotency-key': 'k-body' });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    const p = await json(other);
    expect(p).toMatchObject({ status: 422, code: 'HTTP_IDEMPOTENCY_KEY_REUSED', differs: 'command' });
    expect(p.detail).toMatch(/different body.*nothing was written/);
    expect(await f.stores.tz.headPosition()).toBe(head);
    // A later command under the key of an earlier one is refused too, not answered with the earlier result.
    const accept = await f.call('clerk', 'POST', '/t/tz/cases/TZ-K/commands', { type: 'Accept', on: '2013-09-16', channel: 'window' }, { 'idempotency-key': 'k-body' });
    expect(accept.status).toBe(422);
    expect(await f.stores.tz.headPosition()).toBe(head);
    const reordered = Object.fromEntries(Object.entries(receive('TZ-K')).reverse());
    const again = await f.call('clerk', 'POST', '/t/tz/cases/TZ-K/commands', reordered, { 'idempotency-key': 'k-body' });
    expect(again.status).toBe(200);
    expect((await json(again)).events).toEqual(first.events);
  });

  it('one command path: a command sent over HTTP is the same command to core handle() (same derived ids, a repeat there appends nothing)', async () => {
    const f = await fixture();
    const body = { type: 'Accept', on: '2013-09-16', channel: 'window' } as const;
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-H/commands', receive('TZ-H'));
    const viaHttp = await json(await f.call('clerk', 'POST', '/t/tz/cases/TZ-H/commands', body, { 'idempotency-key': 'k-h' }));
    const direct = await handle(f.stores.tz, 'case-TZ-H', body, f.banshi.engine.approval, { commandId: 'k-h', fingerprint: canonicalJson(body), meta: { actor: { id: actors.clerk.id, role: 'clerk' } } });
    expect(direct.duplicate).toBe(true);
    expect(direct.events.map((e) => e.id)).toEqual(viaHttp.events.map((e: { id: string }) => e.id));
    expect(viaHttp.events[0].id).toMatch(/^k[0-9a-z]{9}[0-9a-f]{24}$/);
  });

  it('five copies of one command sent at once (same Idempotency-Key) append its events once, and all get the same events', async () => {
    const f = await fixture();
    const answers = await Promise.all(Array.from({ length: 5 }, () => f.call('clerk', 'POST', '/t/tz/cases/TZ-R/commands', receive('TZ-R'), { 'idempotency-key': 'race' })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const bodies = await Promise.all(answers.map(json));
    expect(new Set(bodies.map((b) => JSON.stringify(b.events))).size).toBe(1);
    expect(await f.stores.tz.headPosition()).toBe(1);
  });

  it('a stale If-Match is 409 with what to reload, and writes nothing', async () => {
    const f = await fixture();
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-3/commands', receive('TZ-3'));
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-3/commands', { type: 'NotifySupplement', on: '2013-09-16', channel: 'window', missing: ['营业执照'] });
    const head = await f.stores.tz.headPosition();
    const r = await f.call('clerk', 'POST', '/t/tz/cases/TZ-3/commands', { type: 'Withdraw', on: '2013-09-17', channel: 'window' }, { 'if-match': '"1"' });
    expect(r.status).toBe(409);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    const p = await json(r);
    expect(p).toMatchObject({ status: 409, code: 'CORE_CONCURRENCY', reload: { href: '/t/tz/cases/TZ-3', version: 2 } });
    expect(await f.stores.tz.headPosition()).toBe(head);
    const bad = await f.call('clerk', 'POST', '/t/tz/cases/TZ-3/commands', { type: 'Withdraw', on: '2013-09-17', channel: 'window' }, { 'if-match': 'yesterday' });
    expect(bad.status).toBe(400);
  });

  it('a rule that forbids the command is 422 problem+json with the code and the legal basis', async () => {
    const f = await fixture();
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-4/commands', receive('TZ-4'));
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-4/commands', { type: 'NotifySupplement', on: '2013-09-16', channel: 'window', missing: ['营业执照'] });
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-4/commands', { type: 'ReceiveSupplement', on: '2013-09-17', channel: 'window', materials: ['营业执照'] });
    const r = await f.call('clerk', 'POST', '/t/tz/cases/TZ-4/commands', { type: 'NotifySupplement', on: '2013-09-17', channel: 'window', missing: ['身份证'] });
    expect(r.status).toBe(422);
    const p = await json(r);
    expect(p.code).toBe('APPROVAL_SUPPLEMENT_ALREADY_NOTIFIED');
    expect(p.rule).toMatchObject({ key: 'intake' });
    expect(p.rule.basis).toContain('第三十二条');
    expect(p.type).toBe('https://banshi.dev/problems/approval-supplement-already-notified');
  });

  it('validates bodies with the package schema: 422 lists the issues; a path/body id mismatch and unknown types are refused', async () => {
    const f = await fixture();
    const r = await f.call('clerk', 'POST', '/t/tz/cases/TZ-5/commands', { ...receive('TZ-5'), on: 'soon', materials: 'all' });
    expect(r.status).toBe(422);
    const p = await json(r);
    expect(p.issues.map((i: { path: string }) => i.path).sort()).toEqual(['materials', 'on']);
    expect((await f.call('clerk', 'POST', '/t/tz/cases/TZ-5/commands', receive('TZ-6'))).status).toBe(422);
    expect((await json(await f.call('clerk', 'POST', '/t/tz/cases/TZ-5/commands', { type: 'Teleport' }))).code).toBe('HTTP_UNKNOWN_COMMAND');
    expect(await f.stores.tz.headPosition()).toBe(0);
  });

  it('authority comes from the actor: the approver of an extension is the authenticated head, whatever the body says', async () => {
    const f = await fixture();
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-7/commands', receive('TZ-7'));
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-7/commands', { type: 'Accept', on: '2013-09-16', channel: 'window' });
    const r = await f.call('head', 'POST', '/t/tz/cases/TZ-7/commands', { type: 'Extend', on: '2013-09-18', channel: 'window', reasons: ['需现场核查'], approvedBy: { id: 'someone-else', role: 'head' }, applicantToldOn: '2013-09-18' });
    expect(r.status).toBe(200);
    const events = await f.stores.tz.readStream('case-TZ-7');
    expect((events.at(-1)?.data as { approvedBy: unknown }).approvedBy).toEqual({ id: 'h-01', role: 'head' });
    expect(events.at(-1)?.meta.actor).toEqual({ id: 'h-01', role: 'head' });
  });

  it('an applicant files online: the business date and channel are the service’s, and the case is theirs', async () => {
    const f = await fixture();
    f.clock.set('2013-09-18');
    const r = await f.call('applicant', 'POST', '/t/tz/cases/WEB-1/commands', receive('WEB-1', { on: '2013-01-01', channel: 'window' }));
    expect(r.status).toBe(201);
    const [e] = await f.stores.tz.readStream('case-WEB-1');
    expect(e?.data).toMatchObject({ on: '2013-09-18', channel: 'online', inPerson: false });
    expect((await f.call('applicant', 'GET', '/t/tz/cases/WEB-1')).status).toBe(200);
    expect((await f.call('otherApplicant', 'GET', '/t/tz/cases/WEB-1')).status).toBe(403);
  });

  it('an agent (代办) files for an applicant: the agent is the session’s actor, the authorisation is required, and both agent and applicant see the case', async () => {
    const f = await fixture();
    const authorization = { document: '授权委托书', ref: 'WT-1', matter: '食品经营许可', signedOn: '2013-09-01', validUntil: '2014-08-31' };
    const body = (id: string, agent: Record<string, unknown>) => ({ ...receive(id), applicant: { name: '张三', kind: 'person', id: 'p-zhang' }, agent });
    // 李四 files as agent for 张三; the body's agent id and name are the session's, not the body's.
    const noAuth = await f.call('otherApplicant', 'POST', '/t/tz/cases/AG-0/commands', body('AG-0', { name: '李四' }));
    expect(noAuth.status).toBe(422);
    expect((await json(noAuth)).code).toBe('HTTP_AGENT_AUTHORIZATION_REQUIRED');
    expect(await f.stores.tz.readStream('case-AG-0')).toHaveLength(0);
    expect((await f.call('otherApplicant', 'POST', '/t/tz/cases/AG-1/commands', body('AG-1', { name: '冒名', id: 'someone-else', authorization }))).status).toBe(201);
    const [e] = await f.stores.tz.readStream('case-AG-1');
    expect(e?.data).toMatchObject({ applicant: { name: '张三', id: 'p-zhang' }, agent: { name: '李四', id: 'p-li', authorization } });
    // Both read it; a third applicant does not.
    expect((await f.call('otherApplicant', 'GET', '/t/tz/cases/AG-1')).status).toBe(200);
    const seen = await json(await f.call('applicant', 'GET', '/t/tz/cases/AG-1'));
    expect(seen).toMatchObject({ applicantId: 'p-zhang', agentParty: { name: '李四', id: 'p-li', authorization } });
    // The applicant lists it among the cases filed for it; the agent among the cases it filed.
    const mine = await json(await f.call('applicant', 'GET', '/t/tz/cases?party=principal'));
    expect(mine.items.map((x: { caseId: string }) => x.caseId)).toEqual(['AG-1']);
    expect((await json(await f.call('applicant', 'GET', '/t/tz/cases'))).items).toHaveLength(0);
    expect((await json(await f.call('otherApplicant', 'GET', '/t/tz/cases'))).items.map((x: { caseId: string }) => x.caseId)).toEqual(['AG-1']);
    expect((await json(await f.call('otherApplicant', 'GET', '/t/tz/cases?party=principal'))).items).toHaveLength(0);
    // The applicant may act on it too (its own case): supply materials.
    await f.call('clerk', 'POST', '/t/tz/cases/AG-1/commands', { type: 'NotifySupplement', on: '2013-09-16', channel: 'window', missing: ['身份证明'] });
    expect((await f.call('applicant', 'POST', '/t/tz/cases/AG-1/commands', { type: 'ReceiveSupplement', on: '2013-09-16', channel: 'online', materials: ['身份证明'] })).status).toBe(200);
    // Filing for itself, an applicant is the applicant: the body cannot name another account.
    expect((await f.call('otherApplicant', 'POST', '/t/tz/cases/AG-2/commands', { ...receive('AG-2'), applicant: { name: '李四', kind: 'person', id: 'p-zhang' } })).status).toBe(201);
    expect((await f.stores.tz.readStream('case-AG-2'))[0]?.data).toMatchObject({ applicant: { id: 'p-li' } });
    expect((await f.call('applicant', 'GET', '/t/tz/cases/AG-2')).status).toBe(403);
  });

  it('an applicant follows a case filed at the window with the access code from the receipt', async () => {
    const f = await fixture();
    const { accessCode } = await json(await f.call('clerk', 'POST', '/t/tz/cases/TZ-8/commands', receive('TZ-8')));
    expect((await f.call('applicant', 'GET', '/t/tz/cases/TZ-8')).status).toBe(403);
    expect((await f.call('applicant', 'GET', '/t/tz/cases/TZ-8', undefined, { 'banshi-access-code': 'AAAAAAAAAAAAAAAA' })).status).toBe(403);
    const ok = await f.call('applicant', 'GET', '/t/tz/cases/TZ-8', undefined, { 'banshi-access-code': accessCode });
    expect(ok.status).toBe(200);
    expect((await json(ok)).accessCode).toBeUndefined();
  });

  it('oversized bodies are 413, non-JSON 415/400, and nothing is written', async () => {
    const f = await fixture({ limits: { maxBodyBytes: 1024 } });
    const big = JSON.stringify({ ...receive('TZ-9'), materials: Array.from({ length: 200 }, (_, i) => `材料${i}`) });
    expect((await f.call('clerk', 'POST', '/t/tz/cases/TZ-9/commands', big)).status).toBe(413);
    expect((await f.call('clerk', 'POST', '/t/tz/cases/TZ-9/commands', '{"type":', {})).status).toBe(400);
    expect((await f.call('clerk', 'POST', '/t/tz/cases/TZ-9/commands', '{"__proto__":{"x":1},"type":"Accept"}')).status).toBe(400);
    const r = await f.banshi.app.request('/t/tz/cases/TZ-9/commands', { method: 'POST', headers: { authorization: 'Bearer token-of-clerk-0123456789', 'content-type': 'text/plain' }, body: 'hello' });
    expect(r.status).toBe(415);
    // Bytes that are not UTF-8 (a lone continuation byte, a truncated sequence) are 400; the next body decodes as usual.
    for (const bad of [Uint8Array.of(0x7b, 0x80, 0x7d), Uint8Array.of(0x7b, 0x22, 0xe5, 0xb8)]) {
      const u = await f.banshi.app.request('/t/tz/cases/TZ-9/commands', { method: 'POST', headers: { authorization: 'Bearer token-of-clerk-0123456789', 'content-type': 'application/json' }, body: bad });
      expect(u.status).toBe(400);
      expect(u.headers.get('x-problem-code')).toBe('HTTP_BODY_NOT_UTF8');
    }
    expect(await f.stores.tz.headPosition()).toBe(0);
    expect((await f.call('clerk', 'POST', '/t/tz/cases/TZ-9/commands', receive('TZ-9'))).status).toBe(201);
  });

  it('a number too large for JSON data (1e400 parses as Infinity), anywhere in the body, is 400 with or without an Idempotency-Key, and nothing is written', async () => {
    const f = await fixture();
    const text = JSON.stringify(receive('TZ-10', { extra: { deep: [1, 'x', 2] } })).replace('[1,', '[1e400,');
    for (const headers of [{}, { 'idempotency-key': 'k-inf' }]) {
      const r = await f.call('clerk', 'POST', '/t/tz/cases/TZ-10/commands', text, headers);
      expect(r.status).toBe(400);
      expect((await json(r)).code).toBe('HTTP_BODY_NOT_JSON');
    }
    expect(await f.stores.tz.headPosition()).toBe(0);
  });

  it('commands without an Idempotency-Key are never taken for one another: the same Accept sent twice is decided twice (the second refused), not replayed', async () => {
    const f = await fixture();
    const accept = { type: 'Accept', on: '2013-09-16', channel: 'window' };
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-11/commands', receive('TZ-11'));
    const a = await f.call('clerk', 'POST', '/t/tz/cases/TZ-11/commands', accept);
    expect(a.status).toBe(200);
    const b = await f.call('clerk', 'POST', '/t/tz/cases/TZ-11/commands', accept);
    expect(b.status).toBe(422);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(await f.stores.tz.headPosition()).toBe(2);
  });
});
