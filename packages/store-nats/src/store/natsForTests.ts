// Test-only helper (not exported): finds or starts the NATS server the package tests run on.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect as tcp, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { RecordedEvent, StoredEvent } from '@banshi/core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { BadMessage, decodeBatch, encodeBatch } from '../_lib/codec.js';
import { locate } from '../_lib/positions.js';
import type { NatsStore } from './natsStore.js';

const answers = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const s = tcp(port, host);
    s.setTimeout(1000, () => (s.destroy(), resolve(false)));
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** NATS_URL, else 127.0.0.1:4222 when it answers, else a nats-server started here (JetStream, temp dir); `url` is undefined when there is none. */
export async function natsForTests(): Promise<{ readonly url: string | undefined; stop(): Promise<void> }> {
  const none = { url: undefined, stop: async () => undefined };
  if (process.env.NATS_URL) return { url: process.env.NATS_URL, stop: async () => undefined };
  if (await answers('127.0.0.1', 4222)) return { url: '127.0.0.1:4222', stop: async () => undefined };
  const bin = process.env.NATS_SERVER_BIN ?? [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'].map((d) => join(d, 'nats-server')).find((p) => existsSync(p));
  if (!bin) {
    console.warn('⚠ NATS TESTS NOT RUN: no NATS server on 127.0.0.1:4222 and no nats-server binary (apt-get install nats-server, or set NATS_URL) — the JetStream store tests are reported as skipped');
    return none;
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'banshi-nats-unit-'));
  const child = spawn(bin, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await answers('127.0.0.1', port)); i++) await new Promise((r) => setTimeout(r, 50));
  console.info(`store-nats tests: no server on 127.0.0.1:4222, started ${bin} on port ${port}`);
  return {
    url: `127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 50));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Alters the payload of the event at `position` behind the store's back, as a bit flip on a
 * server's disk would. JetStream cannot change a stored message in place (and the store's streams
 * deny deletes), so this does what an operator with the server's API could: reads every raw
 * message, deletes the stream, recreates it under the same name with the same configuration and
 * republishes the messages in order — the same subjects and `Nats-Msg-Id`s, the victim's event
 * with `data.text` changed and its recorded hash kept. Sequences (and so positions) stay as they
 * were; it checks that each one does and throws otherwise.
 */
export async function corruptStoredEvent(store: NatsStore, position: number): Promise<void> {
  const nc = store.connection;
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const name = store.streamName;
  const info = await jsm.streams.info(name);
  const { first_seq: first, last_seq: last, messages } = info.state;
  if (first !== 1 || messages !== last) throw new Error(`stream ${name} holds ${messages} messages over sequences ${first}–${last}: only a gap-free stream can be rebuilt with the same sequences`);
  const { seq: victimSeq, index } = locate(position);
  if (victimSeq > last) throw new Error(`position ${position} is past the end of stream ${name} (last sequence ${last})`);
  const raw: { seq: number; subject: string; data: Uint8Array; msgId: string | undefined }[] = [];
  for (let seq = 1; seq <= last; seq++) {
    const m = await jsm.streams.getMessage(name, { seq });
    if (!m) throw new Error(`stream ${name} has no message ${seq}`);
    raw.push({ seq, subject: m.subject, data: m.data, msgId: m.header?.get('Nats-Msg-Id') || undefined });
  }
  const victim = raw[victimSeq - 1] as (typeof raw)[number];
  const batch = decodeBatch(victim.data, victim.seq, victim.subject);
  if (batch instanceof BadMessage || !batch[index]) throw new Error(`message ${victimSeq} of ${name} holds no event ${index}`);
  const { position: _position, ...recorded } = batch[index] as StoredEvent;
  const flipped = batch.map(({ position: _p, ...e }, i) => (i === index ? { ...recorded, data: { ...(recorded.data as object), text: 'flipped' } } : e)) as RecordedEvent[];
  victim.data = encodeBatch(flipped);
  await jsm.streams.delete(name);
  await jsm.streams.add(info.config);
  for (const m of raw) {
    const ack = await js.publish(m.subject, m.data, m.msgId ? { msgID: m.msgId } : {});
    if (ack.seq !== m.seq) throw new Error(`republishing message ${m.seq} of ${name} got sequence ${ack.seq}: the rebuilt stream no longer matches positions`);
  }
}
