import { describeEventStoreContract } from '@banshi/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll } from 'vitest';
import { createNatsStore } from './natsStore.js';

const url = process.env.NATS_URL ?? '127.0.0.1:4222';
const run = `T${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const made: string[] = [];
let n = 0;

afterAll(async () => {
  const nc = await connect({ servers: url });
  const jsm = await jetstreamManager(nc);
  for (const name of made) {
    await jsm.streams.delete(name).catch(() => undefined);
    await jsm.streams.delete(`KV_${name}_checkpoints`).catch(() => undefined);
  }
  await nc.close();
});

describeEventStoreContract('nats', {
  async make(options) {
    const stream = `${run}_${n++}`;
    made.push(stream);
    return createNatsStore({ ...options, servers: url, stream, subjectPrefix: `t.${stream}`, timeoutMs: 5000 });
  },
});
