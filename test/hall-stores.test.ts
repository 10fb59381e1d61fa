/**
 * The service hall on PostgreSQL and on NATS JetStream (`HALL_STORE`, issue #16: "PostgreSQL or NATS
 * by one setting"): each starts on its own empty store, receives the generated Taizhou year, and runs
 * one flow end to end through the pages over HTTP — a clerk receives a case at the window and
 * accepts it, the head decides, the applicant reads the decision with the case number and 查询码 —
 * then the hall restarts on the same store and the case is still there, decided.
 *
 * PostgreSQL runs when DATABASE_URL names a server (its own schema, dropped after); NATS when
 * 127.0.0.1:4222 answers or a nats-server binary is installed (its own stream, deleted after).
 * Otherwise each says in one line that it is skipped.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../examples/service-hall/src/demo.js';
import { startHall, type Hall } from '../examples/service-hall/src/hall.js';
import { hallBrowser, pageVersion, receiveAndAccept } from './_lib/hallBrowser.js';
import { someNatsServer, stopAll } from './fixtures/nats-servers.js';
import { hasServer, rawClient, serverUrl } from './fixtures/postgres-env.js';

const PASSWORD = 'hall-stores-password';
const SECRET = 'hall-stores-test-secret-0123456789abcdef';
const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

if (!hasServer) console.info('hall-stores.test.ts: the PostgreSQL hall needs a server (set DATABASE_URL); skipped');

/** One flow through the pages: receive and accept at the window, the head decides, the applicant reads it by number and code. */
async function counterToDecision(hall: Hall): Promise<{ caseId: string; code: string }> {
  const { caseId, code } = await receiveAndAccept(hall.url, PASSWORD, '周五');
  const head = hallBrowser(hall.url, PASSWORD);
  await head.login('h01');
  const review = await head.get(`/cases/${caseId}`);
  expect(review.html).toContain('审查中');
  expect((await head.post(`/cases/${caseId}/do`, { _csrf: head.csrf(review.html), type: 'Decide', outcome: 'grant', reasons: '', version: pageVersion(review.html) })).status).toBe(303);
  // The applicant (a walk-in: the case is not its account's) follows it with the receipt's 查询码.
  const applicant = hallBrowser(hall.url, PASSWORD);
  await applicant.login('zhang');
  expect((await applicant.get(`/cases/${caseId}`)).status).toBe(403);
  const seen = await applicant.get(`/cases/${caseId}?code=${code}`);
  expect(seen.status).toBe(200);
  expect(seen.html).toContain('准予许可');
  return { caseId, code };
}

async function endToEnd(store: string) {
  const options = { store, secret: SECRET, users: demoUsers(PASSWORD), date: '2013-11-04', demoCases: 5 };
  const first = await startHall(options);
  let caseId = '';
  let code = '';
  try {
    expect(first.demoEvents).toBeGreaterThan(0);
    ({ caseId, code } = await counterToDecision(first));
  } finally {
    await first.close();
  }
  // A restart on the same store writes no demo year again and keeps what was done in the hall.
  const again = await startHall(options);
  try {
    expect(again.demoEvents).toBe(0);
    const applicant = hallBrowser(again.url, PASSWORD);
    await applicant.login('zhang');
    expect((await applicant.get(`/cases/${caseId}?code=${code}`)).html).toContain('准予许可');
  } finally {
    await again.close();
  }
}

describe.runIf(hasServer)('the hall on PostgreSQL (HALL_STORE=postgres://…)', () => {
  const schema = `hall_${suffix}`;
  afterAll(async () => {
    const db = rawClient();
    await db.connect();
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.end();
  });
  it('starts on an empty schema with the demo year, runs counter to decision, and keeps the case across a restart', async () => {
    const url = new URL(serverUrl as string);
    url.searchParams.set('schema', schema);
    await endToEnd(url.toString());
  }, 600_000);
});

describe('the hall on NATS JetStream (HALL_STORE=nats://…)', () => {
  const stream = `HALL_${suffix.toUpperCase()}`;
  let server = '';
  afterAll(async () => {
    if (server) {
      const nc = await connect({ servers: server });
      const jsm = await jetstreamManager(nc, { checkAPI: false });
      await jsm.streams.delete(stream).catch(() => undefined);
      await nc.close();
    }
    await stopAll();
  });
  it('starts on a new stream with the demo year, runs counter to decision, and keeps the case across a restart', async (ctx) => {
    server = await someNatsServer('hall');
    if (!server) {
      console.info('hall-stores.test.ts: no NATS server on 127.0.0.1:4222 and no nats-server binary; the NATS hall is skipped');
      ctx.skip();
    }
    await endToEnd(`nats://${server.replace(/^nats:\/\//, '')}/${stream}?appendConditions=true`);
  }, 600_000);
});
