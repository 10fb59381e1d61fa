/**
 * The tamper matrix (issue #11): every way of altering a log is detected, on a JSONL file, a
 * SQLite file and a PostgreSQL schema. "Detected" means the per-stream hash chains break
 * (`verify`), an import refuses the log, or the log no longer extends the Ed25519-signed
 * checkpoint taken before the tampering (`verify --against`), which names what happened.
 */
import { checkAgainstCheckpoint, createCheckpoint, createMemoryStore, eventHash, GENESIS_HASH, importJsonl, toJsonlLine, verifyJsonl, type AgainstReport, type EventStore, type RecordedEvent, type SignedCheckpoint } from '@banshi/core';
import { ed25519Signer, ed25519Verifier, generateCheckpointKeys } from '@banshi/core/node';
import { createPostgresStore } from '@banshi/store-postgres';
import { createSqliteStore } from '@banshi/store-sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchema, hasServer, openPglite, rawClient, serverUrl, type TestPGlite } from './fixtures/postgres-env.js';

/** better-sqlite3, resolved from the store's own folder: the attacker's raw access to the file. */
interface RawSqlite {
  exec(sql: string): void;
  prepare(sql: string): { run(...params: unknown[]): unknown };
  transaction(fn: () => void): () => void;
  close(): void;
}
const Database = createRequire(new URL('../packages/store-sqlite/package.json', import.meta.url))('better-sqlite3') as new (path: string) => RawSqlite;
const keys = generateCheckpointKeys();
const signer = ed25519Signer(keys.privateKeyPem);
const verifier = ed25519Verifier(keys.publicKeyPem);
const dir = mkdtempSync(join(tmpdir(), 'banshi-tamper-'));

const log: RecordedEvent[] = [];
let checkpoint: SignedCheckpoint;

/** A forged copy of `e` with a recomputed hash chained to `prevHash`. */
function reforge(e: RecordedEvent, prevHash: string, data: unknown): RecordedEvent {
  const { hash: _h, ...rest } = { ...e, data };
  return { ...rest, hash: eventHash(prevHash, rest) };
}

/** Each case turns the honest log into lines of a tampered JSONL file. */
const cases: Record<string, () => string[]> = {
  'one byte': () => log.map((e, i) => (i === 7 ? toJsonlLine(e).replace('"text":"step 1"', '"text":"step 7"') : toJsonlLine(e))),
  'a duplicated line': () => {
    const lines = log.map(toJsonlLine);
    lines.splice(9, 0, lines[8] as string);
    return lines;
  },
  'a reordered stream (moved to the end of the log)': () => {
    const moved = log.filter((e) => e.stream === 'case-1');
    return [...log.filter((e) => e.stream !== 'case-1'), ...moved].map(toJsonlLine);
  },
  'a deleted tail (the last events of a stream)': () => log.filter((e) => !(e.stream === 'case-2' && e.version >= 3)).map(toJsonlLine),
  'a deleted stream': () => log.filter((e) => e.stream !== 'case-2').map(toJsonlLine),
  'a forged event with a recomputed hash': () => {
    let prev = GENESIS_HASH;
    return log.map((e) => {
      if (e.stream !== 'case-0') return toJsonlLine(e);
      const f = e.version === 2 ? reforge(e, prev, { text: 'approved' }) : e.version > 2 ? reforge(e, prev, e.data) : e;
      prev = f.hash;
      return toJsonlLine(f);
    });
  },
  'a __proto__ injection': () => log.map((e, i) => (i === 5 ? toJsonlLine(e).replace('"data":{', '"data":{"__proto__":{"text":"granted"},') : toJsonlLine(e))),
  'truncation after a checkpoint': () => log.slice(0, log.length - 4).map(toJsonlLine),
};

beforeAll(async () => {
  const s = createMemoryStore({ node: 'center' });
  for (let i = 0; i < 24; i++) await s.append(`case-${i % 5}`, [{ type: 'Noted', data: { text: `step ${Math.floor(i / 5)}` } }]);
  for await (const e of s.readAll({ upcast: false })) log.push(toRecordedPlain(e));
  checkpoint = await createCheckpoint(log, { origin: 'tamper-matrix', signer });
});

function toRecordedPlain(e: RecordedEvent & { position?: number }): RecordedEvent {
  const { position: _p, ...r } = e;
  return r;
}

const parse = (lines: readonly string[]) => lines.map((l) => JSON.parse(l) as RecordedEvent);

function against(events: Iterable<RecordedEvent> | AsyncIterable<RecordedEvent>): Promise<AgainstReport> {
  return checkAgainstCheckpoint(events, checkpoint, verifier);
}

describe('the honest log passes everywhere (the matrix is not vacuous)', () => {
  it('verifies and extends its checkpoint', async () => {
    expect((await verifyJsonl(log.map((e) => toJsonlLine(e) + '\n'))).ok).toBe(true);
    expect((await against(log)).ok).toBe(true);
  });
});

describe('tamper matrix: JSONL', () => {
  for (const [name, make] of Object.entries(cases)) {
    it(name, async () => {
      const lines = make();
      const chains = await verifyJsonl(lines.map((l) => l + '\n'));
      let detected = !chains.ok;
      if (!detected) {
        const r = await against(parse(lines));
        detected = !r.ok;
      }
      expect(detected, `${name} went unnoticed`).toBe(true);
    });
  }
});

/** A store adapter whose table the attacker rewrites behind its back. */
interface Target {
  readonly name: string;
  open(): Promise<{ store: EventStore; overwrite(events: readonly RecordedEvent[]): Promise<void>; done(): Promise<void> }>;
}

let lite: TestPGlite | undefined;
const pgSchemas: string[] = [];
afterAll(async () => {
  if (hasServer) {
    const admin = rawClient();
    await admin.connect();
    for (const s of pgSchemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await admin.end();
  }
  await lite?.close();
  rmSync(dir, { recursive: true, force: true });
});

const targets: Target[] = [
  {
    name: 'SQLite',
    async open() {
      const path = join(dir, `${Math.random().toString(36).slice(2)}.db`);
      const store = createSqliteStore(path);
      return {
        store,
        async overwrite(events) {
          const db = new Database(path);
          db.transaction(() => {
            db.exec('DELETE FROM events; DELETE FROM streams;');
            const ins = db.prepare('INSERT INTO events (position, id, stream, version, type, schema, data, meta, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
            const head = db.prepare('INSERT INTO streams (stream, version, hash) VALUES (?, ?, ?) ON CONFLICT (stream) DO UPDATE SET version = excluded.version, hash = excluded.hash');
            events.forEach((e, i) => {
              // The attacker writes whatever text it likes (JSON.stringify keeps a __proto__ key).
              ins.run(i + 1, e.id + (events.slice(0, i).some((x) => x.id === e.id) ? `-dup${i}` : ''), e.stream, e.version + (events.slice(0, i).some((x) => x.stream === e.stream && x.version === e.version) ? 1000 : 0), e.type, e.schema, JSON.stringify(e.data), JSON.stringify(e.meta), e.hash);
              head.run(e.stream, e.version, e.hash);
            });
          })();
          db.close();
        },
        done: () => store.close(),
      };
    },
  },
  {
    name: `PostgreSQL (${hasServer ? 'server' : 'PGlite'})`,
    async open() {
      const schema = freshSchema('tamper');
      pgSchemas.push(schema);
      lite ??= hasServer ? undefined : await openPglite();
      const store = await createPostgresStore({ ...(hasServer ? { connectionString: serverUrl as string } : { pglite: lite as TestPGlite }), schema });
      const raw = async (text: string, params: unknown[] = []) => {
        if (lite) return void (await lite.query(text, params));
        const c = rawClient();
        await c.connect();
        try {
          await c.query(text, params);
        } finally {
          await c.end();
        }
      };
      return {
        store,
        async overwrite(events) {
          await raw(`DELETE FROM "${schema}".events`);
          for (const [i, e] of events.entries()) {
            const dupId = events.slice(0, i).some((x) => x.id === e.id);
            const dupVersion = events.slice(0, i).some((x) => x.stream === e.stream && x.version === e.version);
            await raw(`INSERT INTO "${schema}".events (position, id, stream, version, type, schema, data, meta, hash) OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
              i + 1,
              e.id + (dupId ? `-dup${i}` : ''),
              e.stream,
              e.version + (dupVersion ? 1000 : 0),
              e.type,
              e.schema,
              JSON.stringify(e.data),
              JSON.stringify(e.meta),
              e.hash,
            ]);
          }
        },
        done: () => store.close(),
      };
    },
  },
];

for (const target of targets) {
  describe(`tamper matrix: ${target.name}`, () => {
    it('the honest log imports, verifies and extends its checkpoint', async () => {
      const t = await target.open();
      try {
        await importJsonl(t.store, log.map((e) => toJsonlLine(e) + '\n'));
        expect((await t.store.verify()).ok).toBe(true);
        expect((await against(t.store.readAll({ upcast: false }))).ok).toBe(true);
      } finally {
        await t.done();
      }
    });

    for (const [name, make] of Object.entries(cases)) {
      it(`${name}: caught by the import or its checks, and in the store written directly`, async () => {
        const lines = make();
        const t = await target.open();
        try {
          // The front door: an import of the tampered log either refuses it or the result fails the checks.
          let importDetected = false;
          try {
            await importJsonl(t.store, lines.map((l) => l + '\n'));
          } catch {
            importDetected = true;
          }
          if (!importDetected) {
            const chains = await t.store.verify();
            importDetected = !chains.ok || !(await against(t.store.readAll({ upcast: false }))).ok;
          }
          expect(importDetected, `${name} imported unnoticed`).toBe(true);
          // The back door: the attacker writes the table directly.
          await t.overwrite(parse(lines));
          const chains = await t.store.verify();
          const detected = !chains.ok || !(await against(t.store.readAll({ upcast: false }))).ok;
          expect(detected, `${name} written into the table went unnoticed`).toBe(true);
        } finally {
          await t.done();
        }
      });
    }
  });
}

describe('verify --against names what happened', () => {
  const kindOf = async (lines: string[]) => {
    const r = await against(parse(lines));
    return r.ok ? 'ok' : r.kind;
  };
  it('truncation, deletion, reordering, insertion, alteration and a bad signature each get their name', async () => {
    expect(await kindOf(cases['truncation after a checkpoint']!())).toBe('truncated');
    expect(await kindOf(cases['a deleted stream']!())).toBe('deleted');
    expect(await kindOf(cases['a forged event with a recomputed hash']!())).toBe('altered');
    const swapped = log.map(toJsonlLine);
    [swapped[3], swapped[4]] = [swapped[4] as string, swapped[3] as string];
    expect(await kindOf(swapped)).toBe('reordered');
    const inserted = log.map(toJsonlLine);
    const extra = createMemoryStore();
    const [x] = (await extra.append('case-new', [{ type: 'Noted', data: { text: 'inserted' } }])).events;
    inserted.splice(2, 0, toJsonlLine(x as RecordedEvent));
    expect(await kindOf(inserted)).toBe('inserted');
    const forgedSig = { ...checkpoint, checkpoint: { ...checkpoint.checkpoint, size: checkpoint.checkpoint.size - 4 } };
    expect((await checkAgainstCheckpoint(log, forgedSig, verifier)).ok).toBe(false);
    expect(await checkAgainstCheckpoint(log, forgedSig, verifier)).toMatchObject({ kind: 'signature' });
    // Appending after the checkpoint is what a log does: still ok.
    expect(await kindOf([...log.map(toJsonlLine), toJsonlLine(x as RecordedEvent)])).toBe('ok');
  });
});
