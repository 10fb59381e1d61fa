import { createRequire } from 'node:module';
import type pgTypes from 'pg';

const require = createRequire(import.meta.url);
let loaded: typeof pgTypes | undefined;

/** Loads `pg` (a CommonJS package) once, lazily, so PGlite-only users never load it. */
export function loadPg(): typeof pgTypes {
  if (loaded) return loaded;
  const mod = require('pg') as typeof pgTypes & { default?: typeof pgTypes };
  loaded = mod.default ?? mod;
  return loaded;
}
