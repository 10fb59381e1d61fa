/**
 * Runs async tasks one at a time, in call order (a FIFO async mutex); a failed task does not
 * block the next. For work that must not interleave on one resource: PGlite's single session,
 * a sync center applying one batch at a time.
 *
 * @example
 * const serial = createSerializer();
 * await Promise.all([serial(() => apply(a)), serial(() => apply(b))]); // a finishes before b starts
 */
export function createSerializer(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
