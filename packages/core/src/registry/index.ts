import { z } from 'zod';
import { UnknownEventTypeError, ValidationError, type ValidationIssue } from '../errors/index.js';

/** Turns a payload of schema version `from` into version `from + 1`. */
export type Upcaster = (data: unknown) => unknown;

/**
 * One event type, declared once: its name, its current schema version, the zod schema of
 * the current payload and the upcasters from every older version.
 */
export interface EventDefinition<TType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  readonly type: TType;
  readonly schema: number;
  readonly data: TSchema;
  /** `upcasters[k]` turns a version-k payload into version k+1. */
  readonly upcasters: Readonly<Record<number, Upcaster>>;
}

/** The payload type of an event definition. */
export type EventData<D> = D extends EventDefinition<string, infer S> ? z.infer<S> : never;

/** The `{ type, data }` union of a list of event definitions. */
export type EventOf<Defs extends readonly EventDefinition[]> = {
  [K in keyof Defs]: Defs[K] extends EventDefinition<infer T, infer S> ? { readonly type: T; readonly data: z.infer<S> } : never;
}[number];

/**
 * Declares an event type with its zod payload schema and schema version.
 *
 * @example
 * const CaseReceived = defineEvent('CaseReceived', z.object({ itemCode: z.string() }), {
 *   schema: 2,
 *   upcasters: { 1: (old) => ({ itemCode: (old as { item: string }).item }) },
 * });
 */
export function defineEvent<TType extends string, TSchema extends z.ZodType>(
  type: TType,
  data: TSchema,
  options: { schema?: number; upcasters?: Readonly<Record<number, Upcaster>> } = {},
): EventDefinition<TType, TSchema> {
  const schema = options.schema ?? 1;
  if (!Number.isInteger(schema) || schema < 1) throw new RangeError(`schema version of ${type} must be an integer ≥ 1`);
  const upcasters = options.upcasters ?? {};
  for (let v = 1; v < schema; v++) {
    if (!upcasters[v]) throw new RangeError(`${type} is at schema ${schema} but has no upcaster from version ${v}`);
  }
  return { type, schema, data: refuseUnknownKeys(data), upcasters };
}

/**
 * Payloads are strict (issue #11, "Strict payloads"): a plain `z.object` becomes `.strict()`, so
 * an unknown key is refused at the edge instead of being stored, hashed and silently ignored by
 * every fold. A schema that chose its own policy for extra keys (`z.strictObject`, `z.looseObject`,
 * `.catchall(...)`) keeps it.
 */
function refuseUnknownKeys<S extends z.ZodType>(data: S): S {
  if (!(data instanceof z.ZodObject) || data._zod.def.catchall !== undefined) return data;
  return data.strict() as unknown as S;
}

/** What to do with an event type the registry does not know. */
export type UnknownEventPolicy = 'error' | 'passthrough';

/** A set of event definitions: validates payloads at the edges and upcasts on read. */
export interface EventRegistry {
  has(type: string): boolean;
  get(type: string): EventDefinition | undefined;
  /** The current schema version of `type`. */
  currentSchema(type: string): number;
  /** Throws `ValidationError` (listing the zod issues) or `UnknownEventTypeError`. */
  validate(type: string, data: unknown, schema?: number): void;
  /**
   * Returns `event` with its payload upcast to the current schema, or `event` itself when it
   * is already current. Stored bytes are never rewritten.
   */
  upcast<E extends { readonly type: string; readonly schema: number; readonly data: unknown; readonly stream?: string; readonly version?: number }>(
    event: E,
    unknown?: UnknownEventPolicy,
  ): E;
  readonly types: readonly string[];
}

/**
 * Builds a registry from event definitions.
 *
 * @example
 * const registry = createEventRegistry([CaseReceived, CaseAccepted]);
 * registry.validate('CaseReceived', { itemCode: 'XK-001' });
 */
export function createEventRegistry(definitions: readonly EventDefinition[]): EventRegistry {
  const byType = new Map<string, EventDefinition>();
  for (const d of definitions) {
    if (byType.has(d.type) && byType.get(d.type) !== d) throw new RangeError(`event type ${d.type} is defined twice`);
    byType.set(d.type, d);
  }
  const registry: EventRegistry = {
    types: [...byType.keys()],
    has: (type) => byType.has(type),
    get: (type) => byType.get(type),
    currentSchema(type) {
      const d = byType.get(type);
      if (!d) throw new UnknownEventTypeError(type);
      return d.schema;
    },
    validate(type, data, schema) {
      const d = byType.get(type);
      if (!d) throw new UnknownEventTypeError(type);
      if (schema !== undefined && schema !== d.schema) {
        throw new ValidationError(`${type} payload must be written at schema version ${d.schema}, got ${schema}`);
      }
      const result = d.data.safeParse(data);
      if (!result.success) {
        const issues: ValidationIssue[] = result.error.issues.map((i) => ({
          path: ['data', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
          message: i.message,
        }));
        throw new ValidationError(`${type} payload does not match its schema`, issues);
      }
    },
    upcast(event, unknown = 'error') {
      const d = byType.get(event.type);
      if (!d) {
        if (unknown === 'passthrough') return event;
        throw new UnknownEventTypeError(event.type, event.stream, event.version);
      }
      if (event.schema === d.schema) return event;
      if (event.schema > d.schema || event.schema < 1) {
        throw new UnknownEventTypeError(`${event.type}@schema${event.schema}`, event.stream, event.version);
      }
      let data = event.data;
      for (let v = event.schema; v < d.schema; v++) data = (d.upcasters[v] as Upcaster)(data);
      return { ...event, schema: d.schema, data };
    },
  };
  return registry;
}
