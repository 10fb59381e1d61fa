import type { defineEvent } from '@banshi/core';

/** The schema parameter `defineEvent` takes (a zod schema). */
type EventSchema = Parameters<typeof defineEvent>[1];

/** Checks one field; returns the problem, or undefined when the value is fine. */
export type FieldCheck = (value: unknown) => string | undefined;

/**
 * A payload schema with zod's `safeParse` contract, for an object of required fields.
 * (sync does not depend on zod: its package.json lists only @banshi/core.)
 */
export function payloadSchema(fields: Readonly<Record<string, FieldCheck>>): EventSchema {
  const schema = {
    safeParse(data: unknown) {
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        return { success: false, error: { issues: [{ path: [], message: 'Invalid input: expected object' }] } };
      }
      const issues: { path: string[]; message: string }[] = [];
      for (const [key, check] of Object.entries(fields)) {
        const problem = check((data as Record<string, unknown>)[key]);
        if (problem !== undefined) issues.push({ path: [key], message: problem });
      }
      return issues.length ? { success: false, error: { issues } } : { success: true, data };
    },
  };
  return schema as unknown as EventSchema;
}

export const nonEmptyString: FieldCheck = (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'Invalid input: expected non-empty string');
export const positiveInteger: FieldCheck = (v) => (Number.isInteger(v) && (v as number) >= 1 ? undefined : 'Invalid input: expected integer ≥ 1');
export const plainObject: FieldCheck = (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? undefined : 'Invalid input: expected object');
export const nullableString: FieldCheck = (v) => (v === null || typeof v === 'string' ? undefined : 'Invalid input: expected string or null');
export function oneOf(values: readonly string[]): FieldCheck {
  return (v) => (typeof v === 'string' && values.includes(v) ? undefined : `Invalid input: expected one of ${values.join(', ')}`);
}
