import { BanshiError } from '@banshi/core';

/**
 * Every stable error code `@banshi/store-postgres` throws (the prefix names the package; the table of every banshi
 * code is in `@banshi/core`'s README).
 *
 * @example
 * storePostgresErrorCodes.includes('STORE_POSTGRES_SCHEMA_VERSION'); // true
 */
export const storePostgresErrorCodes = [
  'STORE_POSTGRES_SCHEMA_VERSION',
] as const;
/**
 * One of {@link storePostgresErrorCodes}.
 *
 * @example
 * const code: StorePostgresErrorCode = 'STORE_POSTGRES_SCHEMA_VERSION';
 */
export type StorePostgresErrorCode = (typeof storePostgresErrorCodes)[number];

/**
 * The schema was written by a newer `@banshi/store-postgres` than the one running: this
 * version does not know its tables. Upgrade the package (never downgrade a live schema).
 *
 * @example
 * try { await createPostgresStore({ connectionString }); }
 * catch (e) { if (e instanceof SchemaVersionError) console.error(e.found, e.supported); }
 */
export class SchemaVersionError extends BanshiError {
  constructor(
    readonly schema: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      'STORE_POSTGRES_SCHEMA_VERSION',
      `schema "${schema}" is at version ${found}, but this @banshi/store-postgres only knows versions up to ${supported}: upgrade @banshi/store-postgres before opening it. Nothing was changed.`,
    );
  }
}
