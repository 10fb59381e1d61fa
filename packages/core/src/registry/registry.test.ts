import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UnknownEventTypeError, ValidationError } from '../errors/index.js';
import { createEventRegistry, defineEvent } from './index.js';

const Received = defineEvent('CaseReceived', z.object({ itemCode: z.string(), materials: z.array(z.string()) }), {
  schema: 3,
  upcasters: {
    1: (d) => ({ itemCode: (d as { item: string }).item }),
    2: (d) => ({ ...(d as object), materials: [] }),
  },
});
const registry = createEventRegistry([Received]);

describe('event registry', () => {
  it('upcasts every older schema step by step to the current one, leaving the input untouched', () => {
    const v1 = { type: 'CaseReceived', schema: 1, data: { item: 'XK-1' } };
    expect(registry.upcast(v1)).toEqual({ type: 'CaseReceived', schema: 3, data: { itemCode: 'XK-1', materials: [] } });
    expect(v1.data).toEqual({ item: 'XK-1' });
    const current = { type: 'CaseReceived', schema: 3, data: { itemCode: 'X', materials: [] } };
    expect(registry.upcast(current)).toBe(current);
  });

  it('refuses an unknown key in a payload, naming it, unless the schema chose its own policy (issue #11)', () => {
    const err = (() => {
      try {
        registry.validate('CaseReceived', { itemCode: 'X', materials: [], outcome: 'grant' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect(JSON.stringify((err as ValidationError).issues)).toContain('outcome');
    const loose = createEventRegistry([defineEvent('Note', z.looseObject({ text: z.string() }))]);
    expect(() => loose.validate('Note', { text: 'x', extra: 1 })).not.toThrow();
  });

  it('validates payloads and lists the zod issues with their paths', () => {
    const err = (() => {
      try {
        registry.validate('CaseReceived', { itemCode: 1 });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['data.itemCode', 'data.materials']);
  });

  it('rejects unknown types, or passes them through when asked', () => {
    const e = { type: 'Mystery', schema: 1, data: {} };
    expect(() => registry.upcast(e)).toThrow(UnknownEventTypeError);
    expect(registry.upcast(e, 'passthrough')).toBe(e);
    expect(() => registry.upcast({ ...e, type: 'CaseReceived', schema: 4 })).toThrow(UnknownEventTypeError);
  });

  it('refuses a definition that lacks an upcaster for an old version', () => {
    expect(() => defineEvent('X', z.object({}), { schema: 2 })).toThrow(/no upcaster from version 1/);
  });
});
