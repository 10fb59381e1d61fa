import { DomainError } from '@banshi/core';
import type { z } from 'zod';

/**
 * Checks a command against its zod schema before a decider looks at it: a command from
 * untyped JavaScript or a form gets a `CATALOG_INVALID_COMMAND` error listing every problem,
 * and nothing is appended.
 */
export function parseCommand<T>(schema: z.ZodType<T>, command: unknown): T | DomainError {
  const result = schema.safeParse(command);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'} — ${i.message}`).join('; ');
  return new DomainError('CATALOG_INVALID_COMMAND', `the command is malformed: ${issues}. Nothing was written; fix the command and send it again`);
}
