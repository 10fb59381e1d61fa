import { createEventRegistry, ValidationError } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { syncEvents } from './index.js';

const registry = createEventRegistry(syncEvents);
const shipped = { id: 'ev-2', stream: 'case-1', version: 2, type: 'Noted', schema: 1, data: { text: 'x' }, meta: {}, hash: 'h' };

describe('sync event schemas', () => {
  it('accepts well-formed hand-overs and conflicts', () => {
    expect(() => registry.validate('StreamOwnershipTransferred', { from: 'port', to: 'center' })).not.toThrow();
    for (const reason of ['diverged', 'follows-conflict']) {
      expect(() =>
        registry.validate('SyncConflictDetected', { node: 'port', stream: 'case-1', version: 2, reason, existingEventId: reason === 'diverged' ? 'ev-9' : null, event: shipped }),
      ).not.toThrow();
    }
  });

  it.each([
    ['StreamOwnershipTransferred', { from: 'port', to: '' }, 'to'],
    ['StreamOwnershipTransferred', { from: 'port' }, 'to'],
    ['SyncConflictDetected', { node: 'port', stream: 'case-1', version: 0, reason: 'diverged', existingEventId: null, event: shipped }, 'version'],
    ['SyncConflictDetected', { node: 'port', stream: 'case-1', version: 1.5, reason: 'diverged', existingEventId: null, event: shipped }, 'version'],
    ['SyncConflictDetected', { node: 'port', stream: 'case-1', version: 2, reason: 'merged', existingEventId: null, event: shipped }, 'reason'],
    ['SyncConflictDetected', { node: 'port', stream: 'case-1', version: 2, reason: 'diverged', existingEventId: 7, event: shipped }, 'existingEventId'],
    ['SyncConflictDetected', { node: 'port', stream: 'case-1', version: 2, reason: 'diverged', existingEventId: null, event: [shipped] }, 'event'],
  ])('refuses %s with a bad field (%j) naming data.%s', (type, data, field) => {
    let err: unknown;
    try {
      registry.validate(type, data);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.path.join('.'))).toContain(`data.${field}`);
  });
});
