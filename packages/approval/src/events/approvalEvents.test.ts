import { createMemoryStore } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { approvalRegistry } from './index.js';

const v1 = {
  caseId: 'TZ-1',
  itemCode: 'XK-1',
  department: '市工商局',
  applicant: { name: '申请人', kind: 'person' },
  agent: null,
  materials: ['申请书'],
  handling: 'standard',
  promisedLimit: 8,
  node: 'tz-center',
  renewal: null,
  on: '2013-09-16',
  channel: 'window',
  inPerson: true,
};

describe('CaseReceived schema versions', () => {
  it('writes schema 2 with the item’s required visits, and upcasts schema-1 events (no requiredVisits) on read', async () => {
    expect(approvalRegistry.currentSchema('CaseReceived')).toBe(2);
    const up = approvalRegistry.upcast({ type: 'CaseReceived', schema: 1, data: v1 });
    expect(up).toMatchObject({ schema: 2, data: { ...v1, requiredVisits: null } });
    expect(() => approvalRegistry.validate('CaseReceived', up.data)).not.toThrow();
    // A schema-1 event imported from an old log keeps its bytes and hash, and reads as schema 2.
    const old = createMemoryStore();
    await old.append('case-TZ-1', [{ type: 'CaseReceived', schema: 1, data: v1 }]);
    const store = createMemoryStore({ registry: approvalRegistry });
    const recorded = [];
    for await (const e of old.readAll()) recorded.push({ id: e.id, stream: e.stream, version: e.version, type: e.type, schema: e.schema, data: e.data, meta: e.meta, hash: e.hash });
    await store.importEvents(recorded);
    expect((await store.readStream('case-TZ-1'))[0]).toMatchObject({ schema: 2, data: { requiredVisits: null } });
    expect((await store.verify()).ok).toBe(true);
  });

  it('refuses a new CaseReceived without requiredVisits (null when unknown)', () => {
    expect(() => approvalRegistry.validate('CaseReceived', v1)).toThrow(/requiredVisits/);
  });
});
