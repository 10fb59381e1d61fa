/**
 * Masks a person's name the way Chinese government portals do: the surname stays, the given
 * name becomes `*` (two characters: 张*; longer: 王*明). Latin names keep their first letter.
 *
 * @example
 * maskName('王小明'); // '王*明'
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** Keys whose values are personal data wherever they appear in a payload. */
const personalKeys = new Set(['name', 'applicant', 'agent', 'description', 'contact', 'phone', 'email', 'idNumber', 'address', 'comment']);

/**
 * A copy of an event payload with personal data masked: names (`name`, `applicant`, `agent`)
 * masked with {@link maskName}, free text and contact details (`description`, `contact`,
 * `comment` …) replaced by `***`. Organizations' names are kept (they are not personal data)
 * when the payload says so (`kind: 'organization'`, or a legal-person applicant type).
 *
 * @example
 * maskPersonalData({ applicant: { name: '张三', kind: 'person' }, itemCode: 'XK-1' }); // { applicant: { name: '张*', kind: 'person' }, itemCode: 'XK-1' }
 */
export function maskPersonalData(value: unknown, depth = 0): unknown {
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskPersonalData(v, depth + 1));
  const obj = value as Record<string, unknown>;
  const organization = obj.kind === 'organization' || (typeof obj.type === 'string' && obj.type !== 'naturalPerson' && 'name' in obj && obj.type !== undefined && depth > 0);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (!personalKeys.has(k)) out[k] = maskPersonalData(v, depth + 1);
    else if (typeof v === 'string') out[k] = k === 'name' || k === 'applicant' || k === 'agent' ? (organization ? v : maskName(v)) : '***';
    else out[k] = maskPersonalData(v, depth + 1);
  }
  return out;
}
