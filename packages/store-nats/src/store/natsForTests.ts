// Test-only helper (not exported): finds or starts the NATS server the package tests run on.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect as tcp, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

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
