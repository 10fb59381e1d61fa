/**
 * Design §7, "nothing is appended that cannot be folded", over every decider banshi ships:
 * random commands (with real and impossible business dates) go through `handle()` on a store
 * that validates payloads. Two things must hold after every run:
 * - a command that was refused (any error) left the store exactly as it was;
 * - every stream that exists still folds.
 * And at the edge: a direct `append` of an event whose date is impossible (CaseAccepted on
 * 2013-02-30) is a ValidationError for every event type that carries a business date.
 */
import { exampleElements } from '../packages/catalog/src/_test/exampleElements.js';
import { approvalCommandSchema, approvalEvents, approvalRegistry, createApprovalDecider } from '@banshi/approval';
import { mainlandChinaCalendar } from '@banshi/calendar';
import { agencyCommandSchema, agencyDecider, campaignCommandSchema, campaignDecider, catalogEvents, catalogRegistry, dealCommandSchema, dealDecider, itemCommandSchema, itemDecider, nodeCommandSchema, nodeDecider, surveyCommandSchema, surveyDecider } from '@banshi/catalog';
import { createMemoryStore, foldDecider, handle, ValidationError, type Decider, type DomainEvent, type EventDefinition, type EventRegistry, type EventStore } from '@banshi/core';
import { createDisclosureDecider, createProactiveDecider, disclosureEvents, disclosureRegistry, publicInfoCommandSchema, requestCommandSchema } from '@banshi/disclosure';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { impossibleDates, realDates, zodArbitrary, type Schema } from './_lib/zodArbitrary.js';

const calendar = mainlandChinaCalendar();
/** A complete 行政许可 item: the catalog's own test fixture, one definition. */
const itemElements = exampleElements();

interface Subject {
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each decider has its own state and command types
  readonly decider: Decider<any, any, DomainEvent>;
  readonly commands: Schema & { safeParse(v: unknown): { success: boolean } };
  readonly registry: EventRegistry;
  /** Commands the generic generator rarely gets right (a whole item's elements), mixed in. */
  readonly extra?: fc.Arbitrary<unknown>;
}

const subjects: readonly Subject[] = [
  { name: 'approval', decider: createApprovalDecider({ calendar }), commands: approvalCommandSchema as unknown as Subject['commands'], registry: approvalRegistry },
  { name: 'disclosure request', decider: createDisclosureDecider({ calendar }), commands: requestCommandSchema as unknown as Subject['commands'], registry: disclosureRegistry },
  { name: 'proactive disclosure', decider: createProactiveDecider({ calendar }), commands: publicInfoCommandSchema as unknown as Subject['commands'], registry: disclosureRegistry },
  {
    name: 'catalog item',
    decider: itemDecider,
    commands: itemCommandSchema as unknown as Subject['commands'],
    registry: catalogRegistry,
    extra: fc.record({ type: fc.constant('RegisterItem'), code: fc.constantFrom('XK-1', 'a', 'x'), elements: fc.constant(itemElements), effectiveFrom: fc.constantFrom(...realDates, ...impossibleDates) }),
  },
  { name: 'cleanup campaign', decider: campaignDecider, commands: campaignCommandSchema as unknown as Subject['commands'], registry: catalogRegistry },
  { name: 'intermediary agency', decider: agencyDecider, commands: agencyCommandSchema as unknown as Subject['commands'], registry: catalogRegistry },
  { name: 'survey', decider: surveyDecider, commands: surveyCommandSchema as unknown as Subject['commands'], registry: catalogRegistry },
  { name: 'trading deal', decider: dealDecider, commands: dealCommandSchema as unknown as Subject['commands'], registry: catalogRegistry },
  { name: 'sub-center registry', decider: nodeDecider, commands: nodeCommandSchema as unknown as Subject['commands'], registry: catalogRegistry },
];

async function snapshot(store: EventStore): Promise<string> {
  const out: string[] = [];
  for await (const e of store.readAll({ upcast: false })) out.push(`${e.position} ${e.stream}@${e.version} ${e.hash}`);
  return out.join('\n');
}

describe('every decider: refused commands write nothing, and every stream still folds', () => {
  for (const s of subjects) {
    it(s.name, async () => {
      const step = fc.record({ stream: fc.integer({ min: 0, max: 2 }), command: s.extra ? fc.oneof(zodArbitrary(s.commands), s.extra) : zodArbitrary(s.commands) });
      let refused = 0;
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
          const store = createMemoryStore({ registry: s.registry });
          const streams = new Set<string>();
          for (const { stream, command } of steps) {
            if (!s.commands.safeParse(command).success) {
              refused++; // refused at the edge (an impossible date, a bad code): never reaches handle()
              continue;
            }
            const id = `${s.name.replace(/\s/g, '')}-${stream}`;
            const before = await snapshot(store);
            try {
              await handle(store, id, command, s.decider);
              accepted++;
              streams.add(id);
            } catch {
              refused++;
              expect(await snapshot(store), `a refused ${(command as { type: string }).type} changed the store`).toBe(before);
            }
          }
          for (const id of streams) foldDecider(s.decider, await store.readStream(id));
        }),
        { numRuns: 60, seed: 11 },
      );
      expect(accepted).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
    });
  }
});

/** Every path in `value` holding one of the real dates the generator drew. */
function datePaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return (realDates as readonly string[]).includes(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => datePaths(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => datePaths(v, [...path, k]));
  return [];
}

function withDate(value: unknown, path: readonly (string | number)[], date: string): unknown {
  if (path.length === 0) return date;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? withDate(v, rest, date) : v));
  return { ...(value as Record<string, unknown>), [head]: withDate((value as Record<string, unknown>)[head], rest, date) };
}

describe('every event type that carries a business date refuses an impossible one on append', () => {
  const registries: readonly [string, readonly EventDefinition[], EventRegistry][] = [
    ['approval', approvalEvents, approvalRegistry],
    ['disclosure', disclosureEvents, disclosureRegistry],
    ['catalog', catalogEvents, catalogRegistry],
  ];
  for (const [name, defs, registry] of registries) {
    it(name, async () => {
      let checked = 0;
      for (const def of defs) {
        const schema = def.data as unknown as Schema & { safeParse(v: unknown): { success: boolean } };
        const valid = fc.sample(zodArbitrary(schema, '', fc.constantFrom(...realDates)), { numRuns: 200, seed: 7 }).filter((v) => schema.safeParse(v).success);
        const sample = valid.find((v) => datePaths(v).length > 0);
        if (sample === undefined) continue;
        for (const path of datePaths(sample)) {
          for (const bad of impossibleDates) {
            const store = createMemoryStore({ registry });
            await expect(store.append('x-1', [{ type: def.type, data: withDate(sample, path, bad) }]), `${def.type}.${path.join('.')} = ${bad}`).rejects.toThrow(ValidationError);
            expect(await store.headPosition()).toBe(0);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});
