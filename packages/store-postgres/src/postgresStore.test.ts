import { PGlite } from '@electric-sql/pglite';
import { describeEventStoreContract } from '@banshi/testing';
import { afterAll } from 'vitest';
import { loadPg } from './_lib/loadPg.js';
import { createPostgresStore, type PostgresStore } from './index.js';

// Against the server in DATABASE_URL when set, else PostgreSQL in process (PGlite).
const url = process.env.DATABASE_URL;
const admin = url ? new (loadPg().Pool)({ connectionString: url, max: 2 }) : undefined;
const lite = url ? undefined : await PGlite.create();
const exec = async (text: string) => {
  if (admin) await admin.query(text);
  else await lite?.exec(text);
};
const schemas: string[] = [];

afterAll(async () => {
  for (const schema of schemas) await exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin?.end();
  await lite?.close();
});

describeEventStoreContract(`postgres (${url ? 'server' : 'pglite'})`, {
  async make(options) {
    const schema = `t_${Math.random().toString(36).slice(2, 10)}`;
    schemas.push(schema);
    return createPostgresStore({ ...options, schema, ...(url ? { connectionString: url, poolSize: 9 } : { pglite: lite as PGlite }) });
  },
  async corrupt(store, position) {
    const { schema } = store as PostgresStore;
    await exec(`UPDATE "${schema}".events SET data = '{"text":"flipped"}' WHERE position = ${Number(position)}`);
  },
});
