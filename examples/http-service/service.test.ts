/**
 * The README's curl session against a real server on 127.0.0.1: receive a case, accept it,
 * read its due date, stream its events and resume the stream with Last-Event-ID; then a slow
 * body that times out, and a person logging in through the form with CSRF protection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { settableClock } from '@banshi/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService } from './service.js';

const dir = mkdtempSync(join(tmpdir(), 'banshi-http-'));
const CLERK = 'clerk-token-0123456789abcdef';
let service: Awaited<ReturnType<typeof startService>>;

beforeAll(async () => {
  service = await startService({
    file: join(dir, 'tz.db'),
    secret: 'example-secret-example-secret-123456',
    tokens: { [CLERK]: { id: 'w-07', role: 'clerk', tenant: 'tz' } },
    users: { w07: { password: 'demo', actor: { id: 'w-07', role: 'clerk', tenant: 'tz' } } },
    clock: settableClock('2013-09-16'),
    requestTimeoutMs: 400,
  });
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${CLERK}`, 'content-type': 'application/json' };

/** Reads SSE frames from a response until `count` events arrived (bounded by a deadline). */
async function readEvents(res: Response, count: number, ms = 5000): Promise<{ id: string; event: string; data: { type: string; position: number } }[]> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const out: { id: string; event: string; data: { type: string; position: number } }[] = [];
  let buf = '';
  const deadline = Date.now() + ms;
  while (out.length < count && Date.now() < deadline) {
    const next = await Promise.race([reader.read(), new Promise<{ done: true; value: undefined }>((r) => setTimeout(() => r({ done: true, value: undefined }), Math.max(1, deadline - Date.now())))]);
    if (next.done) break;
    buf += new TextDecoder().decode(next.value);
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const frame = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const f = Object.fromEntries(frame.split('\n').filter((l) => /^(id|event|data):/.test(l)).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
      if (f.data && f.event !== 'error') out.push({ id: f.id ?? '', event: f.event ?? '', data: JSON.parse(f.data) });
    }
  }
  await reader.cancel();
  return out;
}

describe('the HTTP service on a real socket', () => {
  it('runs the README curl session: receive, accept, due date, events resumable with Last-Event-ID', async () => {
    const receive = { type: 'Receive', on: '2013-09-16', channel: 'window', caseId: 'TZ-1', itemCode: 'XK-SC-01', department: '市场监管', applicant: { name: '某公司', kind: 'organization' }, materials: ['申请书'], node: 'tz' };
    const r1 = await fetch(`${service.url}/t/tz/cases/TZ-1/commands`, { method: 'POST', headers: { ...auth, 'idempotency-key': 'w07-0001' }, body: JSON.stringify(receive) });
    expect(r1.status).toBe(201);
    const r2 = await fetch(`${service.url}/t/tz/cases/TZ-1/commands`, { method: 'POST', headers: { ...auth, 'if-match': '"1"' }, body: JSON.stringify({ type: 'Accept', on: '2013-09-16', channel: 'window' }) });
    expect(r2.status).toBe(200);
    const view = (await (await fetch(`${service.url}/t/tz/cases/TZ-1`, { headers: auth })).json()) as { statutoryDueDate: string; warningLevel: string };
    expect(view).toMatchObject({ statutoryDueDate: '2013-10-18', warningLevel: 'normal' });

    const first = await readEvents(await fetch(`${service.url}/t/tz/events?after=0`, { headers: auth }), 2);
    expect(first.map((e) => [e.id, e.event])).toEqual([
      ['1', 'CaseReceived'],
      ['2', 'CaseAccepted'],
    ]);
    // Resume: an event appended while disconnected arrives, and nothing before Last-Event-ID repeats.
    await fetch(`${service.url}/t/tz/cases/TZ-1/commands`, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'AssignReview', on: '2013-09-17', channel: 'window', departments: ['市场监管'] }) });
    const resumed = await readEvents(await fetch(`${service.url}/t/tz/events?after=0`, { headers: { ...auth, 'last-event-id': '2' } }), 1);
    expect(resumed.map((e) => [e.id, e.event])).toEqual([['3', 'ReviewAssigned']]);
    // Live: a subscriber at the head receives the next event as it commits.
    const live = fetch(`${service.url}/t/tz/events?after=3`, { headers: auth }).then((r) => readEvents(r, 1));
    await new Promise((r) => setTimeout(r, 100));
    await fetch(`${service.url}/t/tz/cases/TZ-1/commands`, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'Withdraw', on: '2013-09-18', channel: 'window' }) });
    expect((await live).map((e) => e.event)).toEqual(['CaseWithdrawn']);
  });

  it('a body that trickles in is cut off by the request timeout, and nothing is written', async () => {
    const before = await service.store.headPosition();
    const url = new URL(service.url);
    const closed = await new Promise<{ ms: number; reply: string }>((resolve) => {
      const started = Date.now();
      let reply = '';
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(`POST /t/tz/cases/SLOW/commands HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${CLERK}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"type":`);
      });
      socket.on('data', (d) => (reply += d.toString()));
      socket.on('close', () => resolve({ ms: Date.now() - started, reply }));
      setTimeout(() => socket.destroy(), 5000);
    });
    expect(closed.ms).toBeLessThan(4000);
    expect(closed.reply === '' || /^HTTP\/1.1 408/.test(closed.reply)).toBe(true);
    expect(await service.store.headPosition()).toBe(before);
  });

  it('a person logs in through the form; writes with the session cookie need the CSRF token', async () => {
    const form = await fetch(`${service.url}/login`);
    const html = await form.text();
    expect(html).toContain('<label for="password">');
    const loginCsrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const loginCookie = (form.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const bad = await fetch(`${service.url}/login`, { method: 'POST', redirect: 'manual', headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${loginCsrf}&username=w07&password=wrong` });
    expect(bad.status).toBe(401);
    const form2 = await fetch(`${service.url}/login`);
    const csrf2 = /name="_csrf" value="([^"]+)"/.exec(await form2.text())?.[1] ?? '';
    const cookie2 = (form2.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const ok = await fetch(`${service.url}/login`, { method: 'POST', redirect: 'manual', headers: { cookie: cookie2, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${csrf2}&username=w07&password=demo&next=/t/tz/cases` });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/t/tz/cases');
    const session = (ok.headers.getSetCookie().find((c) => c.startsWith('banshi_session=')) ?? '').split(';')[0] ?? '';
    expect(session).toMatch(/^banshi_session=/);
    expect((await fetch(`${service.url}/t/tz/cases`, { headers: { cookie: session } })).status).toBe(200);
    const body = JSON.stringify({ type: 'Receive', on: '2013-09-16', channel: 'window', caseId: 'TZ-2', itemCode: 'XK-SC-01', department: '市场监管', applicant: { name: '某公司', kind: 'organization' }, materials: ['申请书'], node: 'tz' });
    const noToken = await fetch(`${service.url}/t/tz/cases/TZ-2/commands`, { method: 'POST', headers: { cookie: session, 'content-type': 'application/json' }, body });
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { code: string }).code).toBe('HTTP_CSRF');
    const token = await service.session.csrfToken(new Request(service.url, { headers: { cookie: session } }));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const withToken = await fetch(`${service.url}/t/tz/cases/TZ-2/commands`, { method: 'POST', headers: { cookie: session, 'content-type': 'application/json', 'x-csrf-token': token ?? '' }, body });
    expect(withToken.status).toBe(201);
    const forged = await fetch(`${service.url}/t/tz/cases/TZ-2/commands`, { method: 'POST', headers: { cookie: session, 'content-type': 'application/json', 'x-csrf-token': token ?? '', origin: 'https://evil.example' }, body });
    expect(forged.status).toBe(403);
  });
});
