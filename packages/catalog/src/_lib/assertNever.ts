/** Compile-time exhaustiveness for switches over unions; throws if reached with bad data. */
export function assertNever(value: never, what: string): never {
  throw new TypeError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
