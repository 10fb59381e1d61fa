import { isBusinessDate } from '@banshi/calendar';
import { z } from 'zod';

/** A business date `yyyy-MM-dd` (Asia/Shanghai), checked against the real calendar. */
export const businessDate = z.string().refine((s) => isBusinessDate(s), { message: 'expected a real date written yyyy-MM-dd, e.g. 2013-09-16' });

/** A stream-safe identifier: letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const identifier = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'use letters, digits, ".", "_" or "-", starting with a letter or digit' });

/** A non-empty trimmed text. */
export const text = z.string().trim().min(1, { message: 'must not be empty' });

/** A count or a number of days: an integer ≥ 0. */
export const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** Money in integer fen (分): no float drift; 1 亿元 = 10,000,000,000 fen. */
export const fen = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
