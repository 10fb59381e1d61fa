import { HttpProblem } from '../errors/problem.js';

/**
 * Limits on what a request may send: body size, how long the body may take to arrive.
 *
 * @example
 * const l: BodyLimits = { maxBytes: 64 * 1024, timeoutMs: 10_000 };
 */
export interface BodyLimits {
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Reads a JSON request body within the limits: 413 when it is (or announces itself) larger
 * than `maxBytes`, 408 when it does not arrive within `timeoutMs`, 415 for another media
 * type, 400 for bytes that are not UTF-8 JSON or that use the keys `__proto__`,
 * `constructor` or `prototype`. An empty body reads as `{}`.
 *
 * @example
 * const body = await readJsonBody(c.req.raw, { maxBytes: 65536, timeoutMs: 10000 });
 */
export async function readJsonBody(request: Request, limits: BodyLimits): Promise<unknown> {
  const type = request.headers.get('content-type');
  const length = request.headers.get('content-length');
  if (length !== null && (!/^\d+$/.test(length) || Number(length) > limits.maxBytes)) {
    throw new HttpProblem(413, 'HTTP_BODY_TOO_LARGE', `the body may be at most ${limits.maxBytes} bytes: nothing was written. Send a smaller command.`);
  }
  if (request.body === null) return {};
  if (type !== null && !/^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i.test(type)) {
    await request.body.cancel().catch(() => undefined);
    throw new HttpProblem(415, 'HTTP_UNSUPPORTED_MEDIA_TYPE', `send the command as application/json, not ${type.slice(0, 80)}`);
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HttpProblem(408, 'HTTP_BODY_TIMEOUT', `the body did not arrive within ${limits.timeoutMs} ms: nothing was written. Send it again in one go.`)), limits.timeoutMs);
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), timeout]);
      if (done) break;
      total += value.byteLength;
      if (total > limits.maxBytes) throw new HttpProblem(413, 'HTTP_BODY_TOO_LARGE', `the body may be at most ${limits.maxBytes} bytes: nothing was written. Send a smaller command.`);
      chunks.push(value);
    }
  } catch (err) {
    void reader.cancel().catch(() => undefined);
    throw err;
  } finally {
    clearTimeout(timer);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpProblem(400, 'HTTP_BODY_NOT_UTF8', 'the body is not UTF-8 text: send JSON encoded as UTF-8');
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (forbiddenKeys.has(key)) throw new SyntaxError(`the key "${key}" is not allowed`);
      return value;
    });
  } catch (err) {
    throw new HttpProblem(400, 'HTTP_BODY_NOT_JSON', `the body is not valid JSON (${(err as Error).message.slice(0, 200)}): fix it and send it again`);
  }
}
