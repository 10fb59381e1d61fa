import { existsSync } from 'node:fs';

/** Where a worker thread's module is, and the flags it runs with. */
export interface WorkerModule {
  readonly url: URL;
  readonly execArgv?: string[];
}

/**
 * A worker's module (`file`, relative to the package's `src`/`dist`). Run from TypeScript sources
 * (development: vitest, tsx), a worker cannot load TypeScript here, so it runs the built module,
 * resolving packages to their built files; undefined when there is none (nothing built yet): the
 * import then runs on one thread.
 */
export function workerModule(file = 'jsonl/importWorker.js'): WorkerModule | undefined {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { url: new URL(`../${file}`, here) };
  const built = new URL(`../../dist/${file}`, here);
  return existsSync(built) ? { url: built, execArgv: [] } : undefined;
}
