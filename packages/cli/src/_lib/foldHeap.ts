import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 may grow the heap past what survived its last full collection, in percent, while the
 * CLI folds a log. V8's own choice on a 64-bit machine is up to 4× (300 %) when collecting is
 * cheap, so a fold whose state grows with the log peaked at about four times that state: peak RSS
 * rose with the log although nothing leaked (docs/performance.md, "Why peak RSS grew").
 */
export const FOLD_HEAP_GROWING_PERCENT = 50;

/** The V8 flag a fold sets, or `undefined` when the user chose a heap growth (node flag or NODE_OPTIONS) themselves. */
export function foldHeapFlag(execArgv: readonly string[] = process.execArgv, nodeOptions: string = process.env.NODE_OPTIONS ?? ''): string | undefined {
  const chosen = [...execArgv, ...nodeOptions.split(/\s+/)].some((a) => /^--heap[-_]growing[-_]percent\b/.test(a));
  return chosen ? undefined : `--heap-growing-percent=${FOLD_HEAP_GROWING_PERCENT}`;
}

let applied = false;

/** Caps V8's heap growth for the rest of the process (once), unless the user set it; a CLI process folds one log and ends. */
export function keepFoldHeapNearLive(): void {
  if (applied) return;
  applied = true;
  const flag = foldHeapFlag();
  if (flag) setFlagsFromString(flag);
}
