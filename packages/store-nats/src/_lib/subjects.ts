/**
 * Subject layout of a deployment stream: `<prefix>.<node>.<stream id>`, each part one NATS token.
 * A token may not contain `.`, `*`, `>` or whitespace, so everything outside `A–Z a–z 0–9 _ -`
 * is written as `~` plus the hex of its UTF-8 bytes (`~` itself included): the mapping is
 * injective and reversible, and an id can never reach another stream's subject or a wildcard.
 */
const PLAIN = /^[A-Za-z0-9_-]$/;
const ALL_PLAIN = /^[A-Za-z0-9_-]*$/;
const utf8 = new TextEncoder();

/**
 * Encodes any string as one safe subject token.
 *
 * @example
 * encodeToken('case-TZ.2013 *'); // 'case-TZ~2e2013~20~2a'
 */
export function encodeToken(text: string): string {
  if (ALL_PLAIN.test(text)) return text;
  let out = '';
  for (const ch of text) {
    if (PLAIN.test(ch)) out += ch;
    else for (const b of utf8.encode(ch)) out += '~' + b.toString(16).padStart(2, '0');
  }
  return out;
}

/**
 * Inverse of {@link encodeToken}.
 *
 * @example
 * decodeToken('case-TZ~2e2013'); // 'case-TZ.2013'
 */
export function decodeToken(token: string): string {
  if (!token.includes('~')) return token;
  const bytes: number[] = [];
  let out = '';
  const flush = () => {
    if (bytes.length) out += new TextDecoder().decode(new Uint8Array(bytes.splice(0)));
  };
  for (let i = 0; i < token.length; ) {
    if (token[i] === '~') {
      bytes.push(parseInt(token.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      flush();
      out += token[i];
      i++;
    }
  }
  flush();
  return out;
}

/** A subject prefix of one or more plain tokens, e.g. `banshi` or `taizhou.banshi`. */
export const PREFIX_RE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
/** A JetStream stream or KV bucket name. */
export const NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;
