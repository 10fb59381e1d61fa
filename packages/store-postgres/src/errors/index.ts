import { BanshiError } from '@banshi/core';

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
      'SCHEMA_VERSION',
      `schema "${schema}" is at version ${found}, but this @banshi/store-postgres only knows versions up to ${supported}: upgrade @banshi/store-postgres before opening it. Nothing was changed.`,
    );
  }
}
