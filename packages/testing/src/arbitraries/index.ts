import type { Channel, NewEvent } from '@banshi/core';
import fc from 'fast-check';

/**
 * A stream id such as `case-a3`.
 *
 * @example
 * fc.sample(arbStreamId('case', 3), 2); // e.g. ['case-s0', 'case-s2']
 */
export const arbStreamId = (prefix = 'case', count = 8): fc.Arbitrary<string> => fc.integer({ min: 0, max: count - 1 }).map((i) => `${prefix}-s${i}`);

/**
 * A JSON-safe payload (strings include CJK text).
 *
 * @example
 * fc.assert(fc.property(arbPayload, (data) => canonicalJson(data).length > 0));
 */
export const arbPayload: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.constantFrom('itemCode', 'name', 'count', 'ok', 'note', '事项', 'tags'),
  fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: fc.constantFrom('办', '事', '许', '可', 'a', '1'), maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 })),
  { maxKeys: 4 },
);

const arbChannel: fc.Arbitrary<Channel> = fc.constantFrom('window', 'online', 'mail', 'agent', 'system');

/**
 * A new event of one of `types`, with a business instant in 2013 and a channel.
 *
 * @example
 * fc.sample(arbNewEvent(['Noted']), 1)[0]?.type; // 'Noted'
 */
export const arbNewEvent = (types: readonly string[] = ['Noted', 'Counted', 'Closed']): fc.Arbitrary<NewEvent> =>
  fc.record({
    type: fc.constantFrom(...types),
    data: arbPayload,
    meta: fc.record({
      occurredAt: fc.integer({ min: Date.UTC(2013, 0, 1), max: Date.UTC(2013, 11, 31) }).map((t) => new Date(t).toISOString()),
      channel: arbChannel,
    }),
  });

/**
 * A list of (stream, events) appends, for properties over whole logs.
 *
 * @example
 * fc.assert(fc.asyncProperty(arbAppends(), async (appends) => {
 *   for (const a of appends) await store.append(a.stream, a.events);
 * }));
 */
export const arbAppends = (options: { maxAppends?: number; streams?: number; types?: readonly string[] } = {}): fc.Arbitrary<readonly { stream: string; events: NewEvent[] }[]> =>
  fc.array(fc.record({ stream: arbStreamId('case', options.streams ?? 6), events: fc.array(arbNewEvent(options.types), { minLength: 1, maxLength: 4 }) }), {
    minLength: 1,
    maxLength: options.maxAppends ?? 25,
  });
