import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { natsForTests } from '../store/natsForTests.js';
import { openAcks } from './acks.js';

const server = await natsForTests();
const name = `ACKS_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let nc: NatsConnection | undefined;

afterAll(async () => {
  if (nc) {
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    await jsm.streams.delete(name).catch(() => undefined);
    await nc.close();
  }
  await server.stop();
});

describe.runIf(server.url)('publishing with acknowledgements on the store’s own reply subscription', () => {
  it('answers each publish with what JetStream said: stored, duplicate, conflict, or nothing within the timeout', async () => {
    nc = await connect({ servers: server.url ?? '' });
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    await jsm.streams.add({ name, subjects: [`acks.${name}.>`] });
    const acks = openAcks(nc);
    const body = new TextEncoder().encode('[]');
    // Many in flight at once on one subscription, each answered with its own sequence.
    const first = await Promise.all(Array.from({ length: 20 }, (_, i) => acks.publish(`acks.${name}.s${i}`, body, acks.expectEmpty, 5000)));
    expect(first.map((a) => (a.kind === 'stored' ? a.seq : a.kind)).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // The subject holds a message now: "expect it empty" is refused with JetStream's code.
    expect(await acks.publish(`acks.${name}.s0`, body, acks.expectEmpty, 5000)).toMatchObject({ kind: 'refused', code: 10071 });
    // The same Nats-Msg-Id again inside the window: the first copy's sequence, marked duplicate.
    const withId = await acks.publish(`acks.${name}.d`, body, acks.expectEmptyWithId('evt-1'), 5000);
    expect(withId).toEqual({ kind: 'stored', seq: 21, duplicate: false });
    expect(await acks.publish(`acks.${name}.d2`, body, acks.expectEmptyWithId('evt-1'), 5000)).toEqual({ kind: 'stored', seq: 21, duplicate: true });
    // No stream takes the subject: no responders, reported as unanswered (the store retries it).
    const none = await acks.publish(`nowhere.${name}.x`, body, acks.expectEmpty, 5000);
    expect(none.kind).toBe('unanswered');
    // Someone receives it but never answers: the sweep gives up at the deadline.
    const silent = nc.subscribe(`silent.${name}.>`);
    const quiet = await acks.publish(`silent.${name}.x`, body, acks.expectEmpty, 200);
    expect(quiet).toMatchObject({ kind: 'unanswered' });
    expect(String((quiet as { cause: Error }).cause.message)).toContain('no acknowledgement within the timeout');
    silent.unsubscribe();
    acks.close();
    // Closed: nothing is sent, and the caller hears so at once.
    expect((await acks.publish(`acks.${name}.s99`, body, acks.expectEmpty, 5000)).kind).toBe('unanswered');
    expect((await jsm.streams.info(name)).state.messages).toBe(21);
  });
});
