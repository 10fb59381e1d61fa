/**
 * Issue 17, CLI: `banshi demo --store nats://…` writes its year into a JetStream stream, and
 * `banshi replay|verify|export --from nats://host:port/STREAM` read it like any other source:
 * the replayed report equals the one from the JSONL copy, and the export is that copy, byte for byte.
 */
import { main, type CliIO } from '@banshi/cli';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, natsServerBin, startServer, stopAll } from './fixtures/nats-servers.js';

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const x: CliIO = { stdinLines: async function* () {}, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd };
  return { io: x, out: () => out.join(''), err: () => err.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'banshi-nats-cli-'));
const stream = `CLI_${Date.now().toString(36)}`;
let url = '';
afterAll(async () => {
  if (url) {
    const nc = await connect({ servers: url });
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
  }
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(natsServerBin)('banshi with nats:// sources', () => {
  it('demo --store nats://… writes the year; replay, verify and export read it back like the other sources', async () => {
    url = await connect({ servers: '127.0.0.1:4222', timeout: 1000 }).then(
      async (nc) => (await nc.close(), '127.0.0.1:4222'),
      async () => (await startServer({ name: 'cli', port: await freePort() })).url,
    );
    const target = `nats://${url}/${stream}?prefix=cli.${stream}`;
    const demo = io(dir);
    expect(await main(['demo', '--cases', '100', '--dir', 'out', '--quiet', '--lang', 'en', '--store', target], demo.io)).toBe(0);
    expect(demo.out()).toContain(`nats://${url}/${stream}`);
    expect(demo.out()).toMatch(/Hash chain verified: [\d,]+ events in [\d,]+ streams, every chain intact/);

    // Readers name only the stream: the subject layout is read off the stream.
    const from = `nats://${url}/${stream}`;
    const fromNats = io(dir);
    expect(await main(['replay', '--from', from, '--report', 'center', '--year', '2013'], fromNats.io)).toBe(0);
    const fromLog = io(dir);
    expect(await main(['replay', '--from', join(dir, 'out', 'taizhou-2013.jsonl'), '--report', 'center', '--year', '2013'], fromLog.io)).toBe(0);
    // The report's title, then the line that names the log it was replayed from; the rest is equal.
    const body = (s: string) => s.split('\n').slice(2).join('\n');
    expect(body(fromNats.out())).toBe(body(fromLog.out()));
    expect(fromNats.out().split('\n')[1]).toContain(from);

    const verify = io(dir);
    expect(await main(['verify', '--from', from], verify.io)).toBe(0);
    expect(verify.out()).toMatch(/^ok: [\d,]+ events/);
    expect(await main(['export', '--from', from, '--to', join(dir, 'back.jsonl')], io(dir).io)).toBe(0);
    expect(readFileSync(join(dir, 'back.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'out', 'taizhou-2013.jsonl'), 'utf8'));

    // A re-run with the same seed writes the same events: nothing is imported twice.
    expect(await main(['demo', '--cases', '100', '--dir', 'out', '--quiet', '--store', target], io(dir).io)).toBe(0);
    const again = io(dir);
    expect(await main(['verify', '--from', from], again.io)).toBe(0);
    expect(again.out().split(' in ')[0]).toBe(verify.out().split(' in ')[0]);

    // A stream that is not there is an error, not an empty report.
    const missing = io(dir);
    expect(await main(['replay', '--from', `nats://${url}/NO_SUCH_${stream}`, '--report', 'center', '--year', '2013'], missing.io)).not.toBe(0);
    expect(missing.err()).toMatch(/NO_SUCH_.*does not exist/);
    const bad = io(dir);
    expect(await main(['replay', '--from', `nats://${url}/bad.name`, '--report', 'center', '--year', '2013'], bad.io)).toBe(2);
    expect(bad.err()).toMatch(/nats:\/\/host:4222\/STREAM/);
  }, 240_000);
});
