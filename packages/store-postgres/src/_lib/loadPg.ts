import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import type pgTypes from 'pg';

const require = createRequire(import.meta.url);
let loaded: typeof pgTypes | undefined;

/**
 * Loads `pg` through `require`. When the process resolves `require` with the `import`
 * condition (vitest forks get `--conditions import`), `pg`'s own `require('pg-pool')` would
 * receive pg-pool's default-only ESM wrapper and fail, so its CommonJS build is cached first.
 */
export function loadPg(): typeof pgTypes {
  if (loaded) return loaded;
  const fromPg = createRequire(require.resolve('pg/package.json'));
  const poolEntry = fromPg.resolve('pg-pool');
  const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
  if (poolEntry.endsWith('.mjs') && !cache[poolEntry]) {
    const shim = new Module(poolEntry);
    shim.filename = poolEntry;
    shim.loaded = true;
    shim.exports = fromPg(join(dirname(poolEntry), '..', 'index.js')) as unknown;
    cache[poolEntry] = shim;
  }
  const mod = require('pg') as typeof pgTypes & { default?: typeof pgTypes };
  loaded = mod.default ?? mod;
  return loaded;
}
