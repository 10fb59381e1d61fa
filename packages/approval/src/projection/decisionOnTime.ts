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
