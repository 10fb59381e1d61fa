/**
 * What a command's answer holds (RFC 7240 `return`): the full result with the target's state
 * (`representation`, the default) or only what the client needs to go on (`minimal`).
 */
export type ReturnPreference = 'minimal' | 'representation';

/** Where the quoted string opening at `at` closes (backslash escapes one character), or -1 when it does not. */
function closingQuote(header: string, at: number): number {
  let i = at + 1;
  while (i < header.length && header[i] !== '"') i += header[i] === '\\' ? 2 : 1;
  return i < header.length ? i : -1;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The `return` preference of a `Prefer` header (RFC 7240 §4.2), or undefined when it names none
 * (or a value other than `minimal` and `representation`). Preference names are case-insensitive;
 * when one is given twice the first counts (§2); empty list elements are skipped (RFC 9110 §5.6.1).
 * One pass over the header, so a hostile header costs time linear in its length (a regular
 * expression over the whole list backtracked quadratically on `a<spaces>"`).
 *
 * @example
 * returnPreference('respond-async, return=minimal'); // 'minimal'
 */
export function returnPreference(header: string | null | undefined): ReturnPreference | undefined {
  if (!header) return undefined;
  let i = 0;
  while (i < header.length) {
    // One list element: the preference up to `;` or `,` (outside quotes), then its parameters, skipped.
    let end = i;
    let eq = -1;
    while (end < header.length && header[end] !== ',' && header[end] !== ';') {
      if (header[end] === '=' && eq < 0) eq = end;
      if (header[end] === '"') end = closingQuote(header, end);
      if (end < 0) return undefined; // an unclosed quoted string: the header is not well-formed
      end++;
    }
    const name = header.slice(i, eq < 0 ? end : eq).trim();
    const raw = eq < 0 ? undefined : header.slice(eq + 1, end).trim();
    // Skip the element's parameters (`;` … up to the next `,` outside quotes).
    while (end < header.length && header[end] !== ',') {
      if (header[end] === '"') end = closingQuote(header, end);
      if (end < 0) return undefined;
      end++;
    }
    i = end + 1;
    if (name === '') continue;
    if (!TOKEN.test(name)) return undefined;
    if (name.toLowerCase() !== 'return') continue;
    const value = raw === undefined ? undefined : raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    return value === 'minimal' || value === 'representation' ? value : undefined;
  }
  return undefined;
}
