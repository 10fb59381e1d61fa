/**
 * What a command's answer holds (RFC 7240 `return`): the full result with the target's state
 * (`representation`, the default) or only what the client needs to go on (`minimal`).
 */
export type ReturnPreference = 'minimal' | 'representation';

/** One preference of a `Prefer` header: its name, an optional token or quoted value, then `;` parameters, up to the comma. */
const preferenceRe = /\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*(?:=\s*(?:([!#$%&'*+.^_`|~0-9A-Za-z-]+)|"((?:[^"\\]|\\.)*)"))?((?:[^,"]|"(?:[^"\\]|\\.)*")*)(?:,|$)/y;

/**
 * The `return` preference of a `Prefer` header (RFC 7240 §4.2), or undefined when it names none
 * (or a value other than `minimal` and `representation`). Preference names are case-insensitive;
 * when one is given twice the first counts (§2).
 *
 * @example
 * returnPreference('respond-async, return=minimal'); // 'minimal'
 */
export function returnPreference(header: string | null | undefined): ReturnPreference | undefined {
  if (!header) return undefined;
  preferenceRe.lastIndex = 0;
  while (preferenceRe.lastIndex < header.length) {
    const at = preferenceRe.lastIndex;
    const m = preferenceRe.exec(header);
    if (!m || preferenceRe.lastIndex === at) return undefined;
    if (m[1]?.toLowerCase() !== 'return') continue;
    const value = m[2] ?? m[3]?.replace(/\\(.)/g, '$1');
    return value === 'minimal' || value === 'representation' ? value : undefined;
  }
  return undefined;
}
