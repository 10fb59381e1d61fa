import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex, toRecorded, type RecordedEvent } from '../envelope/index.js';
import { IntegrityError, ValidationError } from '../errors/index.js';
import { checkImported, isSealed, sealRecorded } from './adapterKit.js';
import { createMemoryStore } from './memoryStore.js';

/** Three events of one stream as a receiver holds them: parsed from the JSON a sender wrote. */
async function wireEvents(): Promise<RecordedEvent[]> {
  const node = createMemoryStore({ node: 'port' });
  for (let i = 0; i < 3; i++) {
    await node.append('case-1', [{ type: 'MaterialReceived', data: { pages: i, title: '营业执照副本', tags: ['a', { b: i }] }, meta: { channel: 'window', actor: { id: 'clerk-7', role: 'clerk' } } }]);
  }
  return JSON.parse(JSON.stringify((await node.readStream('case-1')).map(toRecorded))) as RecordedEvent[];
}

const opts = { registry: undefined, hasher: sha256Hex } as const;

describe('sealRecorded: an event checked once on its way in', () => {
  it('is frozen (meta and data too) and imported without a copy, the hash chain still checked', async () => {
    const events = await wireEvents();
    for (const e of events) expect(sealRecorded(e)).toEqual([]);
    const e = events[0] as RecordedEvent;
    expect(isSealed(e)).toBe(true);
    expect(Object.isFrozen(e) && Object.isFrozen(e.meta) && Object.isFrozen(e.meta.actor) && Object.isFrozen((e.data as { tags: unknown[] }).tags[1])).toBe(true);
    expect(() => ((e.data as { pages: number }).pages = 9)).toThrow(TypeError);
    // A store that writes text (SQLite, PostgreSQL) gets the canonical texts the hash covers.
    expect(checkImported(e, undefined, opts)).toEqual({ version: 1, hash: e.hash, data: canonicalJson(e.data), meta: canonicalJson(e.meta) });

    const center = createMemoryStore();
    expect(await center.importEvents(events)).toMatchObject({ imported: 3, skipped: 0 });
    const stored = await center.readStream('case-1');
    expect(stored.map((s) => s.data)).toEqual(events.map((x) => x.data));
    expect(stored[0]?.data).toBe(e.data); // kept, not copied
    expect((await center.verify()).ok).toBe(true);
  });

  it('refuses a sealed event whose hash does not match, or that is out of sequence, writing nothing', async () => {
    const forged = await wireEvents();
    (forged[1] as { data: unknown }).data = { pages: 1, title: '伪造', tags: ['a', { b: 1 }] }; // altered after it was recorded
    for (const e of forged) sealRecorded(e);
    const center = createMemoryStore();
    await expect(center.importEvents(forged)).rejects.toMatchObject({ code: 'CORE_INTEGRITY', breakAt: { reason: 'hash mismatch', version: 2 } });
    expect(await center.headPosition()).toBe(0);

    const skipping = await wireEvents();
    for (const e of skipping) sealRecorded(e);
    await expect(center.importEvents([skipping[0] as RecordedEvent, skipping[2] as RecordedEvent])).rejects.toBeInstanceOf(IntegrityError);
    expect(await center.headPosition()).toBe(0);
  });

  it('never takes a look-alike for a sealed event: an unsealed copy is checked and copied in full', async () => {
    const events = await wireEvents();
    for (const e of events) sealRecorded(e);
    const lookAlike = events.map((e) => JSON.parse(JSON.stringify(e)) as RecordedEvent);
    expect(lookAlike.some(isSealed)).toBe(false);
    const center = createMemoryStore();
    await center.importEvents(lookAlike);
    expect((await center.readStream('case-1'))[0]?.data).not.toBe(lookAlike[0]?.data);
    const bad = { ...(events[0] as RecordedEvent), meta: { ...(events[0] as RecordedEvent).meta, channel: 'fax' } } as unknown as RecordedEvent;
    expect(() => checkImported(bad, undefined, opts)).toThrow(ValidationError);
  });

  it('returns the envelope issues of a malformed event and leaves it unsealed', async () => {
    const [e] = await wireEvents();
    const bad = { ...(e as RecordedEvent), hash: 'not-a-hash', version: 0 };
    expect(sealRecorded(bad).map((x) => x.path.join('.'))).toEqual(['version', 'hash']);
    expect(isSealed(bad)).toBe(false);
    expect(sealRecorded(null)).toHaveLength(1);
  });

  it('leaves data that is not plain JSON unsealed, so the store canonicalizes and copies it as before', async () => {
    const [e] = await wireEvents();
    const base = e as RecordedEvent;
    const withDate = { ...base, data: { at: new Date(0) } };
    const withUndefined = { ...base, data: { pages: undefined, title: 'x' } };
    const withProto = { ...base, data: JSON.parse('{"__proto__":{"admin":true}}') as unknown };
    for (const x of [withDate, withUndefined, withProto]) {
      expect(sealRecorded(x)).toEqual([]);
      expect(isSealed(x)).toBe(false);
    }
    // The store's own check still refuses the key that cannot be stored as plain data.
    await expect(createMemoryStore().importEvents([withProto])).rejects.toBeInstanceOf(ValidationError);
  });
});
