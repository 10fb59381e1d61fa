import { connect } from 'node:net';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../errors/problem.js';
import { startServer } from '../server/startServer.js';
import { fixture, receive, token } from '../_lib/testFixture.js';
import { readJsonBody } from './body.js';

/** A body that sends `first` and then nothing, never ending (a client that stalls). */
function stalling(first: string): { body: ReadableStream<Uint8Array>; cancelled: Promise<void> } {
  let cancel = () => undefined as void;
  const cancelled = new Promise<void>((resolve) => (cancel = resolve));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
    },
    cancel: () => cancel(),
  });
  return { body, cancelled };
}

const stalledRequest = (body: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
  new Request('http://127.0.0.1/x', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);

describe('readJsonBody: slow bodies (issue 15: "Slow bodies time out")', () => {
  it('a body framed by Content-Length that stops arriving is a 408 after the timeout, not a wait without end', async () => {
    const { body } = stalling('{"type":');
    const started = performance.now();
    const err = await readJsonBody(stalledRequest(body, { 'content-length': '40' }), { maxBytes: 1024, timeoutMs: 60 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpProblem);
    expect(err).toMatchObject({ status: 408, code: 'HTTP_BODY_TIMEOUT' });
    expect((err as HttpProblem).message).toMatch(/did not arrive within 60 ms: nothing was written/);
    // Not before the time given; and not much after it (the deadline is swept, not awaited per request).
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a chunked body that stops arriving is a 408 after the timeout, and its stream is cancelled', async () => {
    const { body, cancelled } = stalling('{"type":');
    const err = await readJsonBody(stalledRequest(body, {}), { maxBytes: 1024, timeoutMs: 60 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 408, code: 'HTTP_BODY_TIMEOUT' });
    await cancelled;
  });

  it('bodies that arrive in time are read while a stalled one waits for its 408, whatever the timeouts of the reads in flight', async () => {
    const slow = stalling('{');
    const pending = readJsonBody(stalledRequest(slow.body, {}), { maxBytes: 1024, timeoutMs: 80 }).catch((e: unknown) => e);
    const quick = await Promise.all(
      Array.from({ length: 50 }, (_, i) => readJsonBody(new Request('http://127.0.0.1/x', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ i }) }), { maxBytes: 1024, timeoutMs: 5 + (i % 3) * 1000 })),
    );
    expect(quick).toEqual(Array.from({ length: 50 }, (_, i) => ({ i })));
    expect(await pending).toMatchObject({ status: 408 });
  });

  it('through the app: a stalled command body is 408 problem+json and nothing is written', async () => {
    const f = await fixture({ limits: { bodyTimeoutMs: 50 } });
    const { body } = stalling(JSON.stringify(receive('TZ-S')).slice(0, 20));
    const r = await f.banshi.app.request('/t/tz/cases/TZ-S/commands', { method: 'POST', headers: { authorization: `Bearer ${token('clerk')}`, 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect(r.status).toBe(408);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.headers.get('x-problem-code')).toBe('HTTP_BODY_TIMEOUT');
    expect(await f.stores.tz.headPosition()).toBe(0);
    // The next command is read as usual.
    expect((await f.call('clerk', 'POST', '/t/tz/cases/TZ-S/commands', receive('TZ-S'))).status).toBe(201);
  });
});

describe('startServer: slow clients (issue 15)', () => {
  it('a client that sends half a body and stalls gets 408 and its connection closed within the request timeout', async () => {
    const app = new Hono();
    // The handler waits for the body; the server ends the request before it arrives.
    app.post('/x', async (c) => c.json(await c.req.json().catch(() => null)));
    const server = await startServer(app, { requestTimeoutMs: 200 });
    try {
      const { port } = new URL(server.url);
      const started = performance.now();
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1');
        let text = '';
        socket.on('data', (d) => (text += d.toString('utf8')));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
        socket.write('POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":');
        setTimeout(() => (socket.destroy(), reject(new Error('the connection was still open after 5 s'))), 5000).unref();
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(performance.now() - started).toBeLessThan(3000);
    } finally {
      await server.close();
    }
  });
});
