/**
 * Whether a decision met its statutory and promised due dates, from the `CaseDecided` payload alone (no calendar):
 * `true` / `false`, or `null` when the due date is unknown (the calendar lacked `missingYear` when the case was
 * decided) and the decision came in or after that year. A decision before the missing year began was on time: the
 * due date lies in that year or later.
 *
 * @example
 * decisionOnTime({ on: '2026-12-30', statutoryDueDate: null, promisedDueDate: null, missingYear: 2027 }); // { statutory: true, promised: true }
 * decisionOnTime({ on: '2013-10-21', statutoryDueDate: '2013-10-18', promisedDueDate: '2013-10-18', missingYear: null }); // { statutory: false, promised: false }
 */
export function decisionOnTime(data: {
  readonly on: string;
  readonly statutoryDueDate?: string | null;
  readonly promisedDueDate?: string | null;
  readonly missingYear?: number | null;
}): { readonly statutory: boolean | null; readonly promised: boolean | null } {
  const judge = (due: string | null | undefined): boolean | null => {
    if (typeof due === 'string') return data.on <= due;
    const year = data.missingYear;
    return typeof year === 'number' && data.on < `${String(year).padStart(4, '0')}-01-01` ? true : null;
  };
  return { statutory: judge(data.statutoryDueDate), promised: judge(data.promisedDueDate) };
}

/**
 * The events that record a case's decision: a decision (准予 / 不予), a decision on the spot (第三十四条), and a renewal
 * deemed granted when the licence expired undecided (第五十条第二款). Every read model that counts decisions counts these.
 *
 * @example
 * decisionEventTypes.includes('RenewalDeemedGranted'); // true
 */
export const decisionEventTypes = ['CaseDecided', 'CaseDecidedOnSpot', 'RenewalDeemedGranted'] as const;
const decisionTypes: ReadonlySet<string> = new Set(decisionEventTypes);

/**
 * Whether a stored event met the statutory and promised limits, if it is a decision ({@link decisionEventTypes}), else
 * `null`. A decision on the spot is within both. A renewal deemed granted is within neither: the organ let the licence
 * expire without deciding (第五十条第二款; rule `renewalDeemed`, our reading). A `CaseDecided` is judged by
 * {@link decisionOnTime} from its own payload (`null` where its due date is unknown).
 *
 * @example
 * decisionEventOnTime({ type: 'RenewalDeemedGranted', data: { on: '2013-11-01' } }); // { statutory: false, promised: false }
 * decisionEventOnTime({ type: 'CaseAccepted', data: {} }); // null
 */
export function decisionEventOnTime(event: { readonly type: string; readonly data: unknown }): { readonly statutory: boolean | null; readonly promised: boolean | null } | null {
  if (!decisionTypes.has(event.type)) return null;
  if (event.type === 'CaseDecidedOnSpot') return { statutory: true, promised: true };
  if (event.type === 'RenewalDeemedGranted') return { statutory: false, promised: false };
  const d = (event.data ?? {}) as { on?: unknown; statutoryDueDate?: string | null; promisedDueDate?: string | null; missingYear?: number | null };
  if (typeof d.on !== 'string' || d.on === '') return { statutory: false, promised: false };
  return decisionOnTime({ ...d, on: d.on });
}
