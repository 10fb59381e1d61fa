/**
 * Units the center's reports print, as multiples of the stored integer unit, with the decimals
 * each unit is printed to (the precision belongs to the unit, never to one row of one report).
 *
 * @example
 * reportUnits.yi.perUnit; // 10_000_000_000 fen in 1 亿元
 */
export const reportUnits = {
  yi: { perUnit: 10_000_000_000, suffix: '亿元', digits: 2 },
  wan: { perUnit: 1_000_000, suffix: '万元', digits: 2 },
  yuan: { perUnit: 100, suffix: '元', digits: 2 },
  hectare: { perUnit: 10_000, suffix: '公顷', digits: 2 },
} as const;

/**
 * Decimals of every percentage the center's reports print.
 *
 * @example
 * formatPercent(329, 897, percentDigits); // '36.7%'
 */
export const percentDigits = 1;
/**
 * One of the keys of {@link reportUnits}.
 *
 * @example
 * const u: ReportUnit = 'hectare';
 */
export type ReportUnit = keyof typeof reportUnits;

/** numerator / denominator rounded half up to `digits` decimals, exactly (BigInt), as text. */
function roundedRatio(numerator: number, denominator: number, scalePow10: number, digits: number): string {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0 || numerator < 0) {
    throw new RangeError(`cannot format ${numerator}/${denominator}: give safe integers, numerator ≥ 0 and denominator > 0`);
  }
  if (!Number.isInteger(digits) || digits < 0 || digits > 6) throw new RangeError(`digits must be an integer 0–6, got ${digits}`);
  const scaled = BigInt(numerator) * 10n ** BigInt(scalePow10 + digits);
  const d = BigInt(denominator);
  let q = scaled / d;
  if ((scaled % d) * 2n >= d) q += 1n;
  const s = q.toString().padStart(digits + 1, '0');
  return digits === 0 ? s : `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/**
 * A ratio of counts as a percentage, rounded half up only here (reports compute from exact
 * integers). 0 / 0 prints as 0.
 *
 * @example
 * formatPercent(329, 897);      // '36.7%'
 * formatPercent(546, 546, 0);   // '100%'
 */
export function formatPercent(numerator: number, denominator: number, digits: number = percentDigits): string {
  if (denominator === 0 && numerator === 0) return `${roundedRatio(0, 1, 2, digits)}%`;
  return `${roundedRatio(numerator, denominator, 2, digits)}%`;
}

/**
 * An integer amount (fen for money, m² for area) in a report unit, rounded half up, to the
 * unit's decimals unless told otherwise.
 *
 * @example
 * formatAmount(29_300_000_000, 'yi');  // '2.93亿元'
 * formatAmount(2_760_000, 'hectare', 0); // '276公顷'
 */
export function formatAmount(value: number, unit: ReportUnit, digits: number = reportUnits[unit].digits): string {
  const u = reportUnits[unit];
  return `${roundedRatio(value, u.perUnit, 0, digits)}${u.suffix}`;
}
