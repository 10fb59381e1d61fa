import { approvalEventTypes, clockNames, openStatuses, warningKey, type CaseState } from '@banshi/approval';
import type { DocumentProjection, StoredEvent } from '@banshi/core';
import { disclosureEvents, requestStream, type RequestState } from '@banshi/disclosure';
import type { Engine } from '../aggregates/aggregates.js';

/** The actor of a stream's first event when it was an outside party (who may then read it as its own). */
export interface FilerRef {
  readonly id: string;
  readonly role: string;
}

const externalRoles: ReadonlySet<string> = new Set(['applicant', 'public', 'agency']);
const filerOf = (e: StoredEvent): FilerRef | null => (externalRoles.has(e.meta.actor.role) ? { id: e.meta.actor.id, role: e.meta.actor.role } : null);

/**
 * A document of the case list: the folded case, who filed it, and the clerk who last acted.
 *
 * @example
 * const doc: CaseTaskDoc = await tables.get('case_tasks', 'case-TZ-2013-000001');
 */
export interface CaseTaskDoc {
  readonly stream: string;
  readonly state: CaseState;
  readonly filer: FilerRef | null;
  readonly clerk: string | null;
}

/**
 * The warning level the due check has recorded for a case: red or yellow when a running
 * clock was warned at that level for its current due date, else normal. (Views read the
 * clocks against today; this is what the log says, so the table needs no clock.)
 *
 * @example
 * recordedLevel(state); // 'yellow'
 */
export function recordedLevel(state: CaseState): 'normal' | 'yellow' | 'red' {
  let level: 'normal' | 'yellow' | 'red' = 'normal';
  for (const name of clockNames) {
    const c = state.data.clocks[name];
    if (!c || c.stoppedOn !== null || c.dueDate === null) continue;
    if (state.data.warnings.includes(warningKey(name, 'red', c.dueDate))) return 'red';
    if (state.data.warnings.includes(warningKey(name, 'yellow', c.dueDate))) level = 'yellow';
  }
  return level;
}

const open: ReadonlySet<string> = new Set(openStatuses);

/**
 * The case list (table `case_tasks`): one document per case, queryable by department, status,
 * open or not, the clerk who last acted, the recorded warning level, due dates, item,
 * filer and principal (the applicant an agent filed for). The open-case task list is `{ open: 1 }` sorted by `statutoryDue`.
 *
 * @example
 * await runDocumentProjection(store, tables, caseTasksProjection(engine));
 * await tables.find('case_tasks', { where: { open: 1, department: '市场监管', level: 'red' }, orderBy: 'statutoryDue' });
 */
export function caseTasksProjection(engine: Engine): DocumentProjection<CaseTaskDoc> {
  return {
    name: 'case_tasks',
    version: 2,
    types: approvalEventTypes,
    fields: { status: 'text', open: 'integer', department: 'text', clerk: 'text', level: 'text', statutory_due: 'text', promised_due: 'text', received_on: 'text', item_code: 'text', filer: 'text', principal: 'text' },
    key: (e) => (e.stream.startsWith('case-') ? e.stream : undefined),
    evolve(doc, e) {
      const state = engine.approval.evolve(doc?.state ?? engine.approval.initialState, e as never);
      return {
        stream: e.stream,
        state,
        filer: doc ? doc.filer : filerOf(e),
        clerk: e.meta.actor.role === 'clerk' ? e.meta.actor.id : (doc?.clerk ?? null),
      };
    },
    fieldsOf: (doc) => ({
      status: doc.state.status,
      open: open.has(doc.state.status) ? 1 : 0,
      department: doc.state.data.department,
      clerk: doc.clerk,
      level: recordedLevel(doc.state),
      statutory_due: doc.state.data.clocks.statutory?.dueDate ?? null,
      promised_due: doc.state.data.clocks.promised?.dueDate ?? null,
      received_on: doc.state.data.receivedOn,
      item_code: doc.state.data.itemCode,
      filer: doc.filer ? `${doc.filer.role}:${doc.filer.id}` : null,
      // The applicant's account when the receipt named it: an agent's case is also its principal's (行政许可法 第二十九条第二款).
      principal: doc.state.data.applicantId === null ? null : `applicant:${doc.state.data.applicantId}`,
    }),
  };
}

/**
 * A document of the disclosure request list.
 *
 * @example
 * const doc: DisclosureRequestDoc = await tables.get('disclosure_requests', 'disclosure-R-1');
 */
export interface DisclosureRequestDoc {
  readonly stream: string;
  readonly state: RequestState;
  readonly filer: FilerRef | null;
  readonly applicant: { readonly type: string; readonly name: string } | null;
  readonly dueDate: string | null;
}

/**
 * The disclosure request list (table `disclosure_requests`): queryable by status, open or
 * not, agency, receipt date, reply due date, applicant type, outcome and filer.
 *
 * @example
 * await tables.find('disclosure_requests', { where: { open: 1 }, orderBy: 'due_date' });
 */
export function disclosureRequestsProjection(engine: Engine): DocumentProjection<DisclosureRequestDoc> {
  return {
    name: 'disclosure_requests',
    version: 1,
    types: disclosureEvents.map((d) => d.type).filter((t) => t.startsWith('Disclosure')),
    fields: { status: 'text', open: 'integer', agency: 'text', received_on: 'text', due_date: 'text', applicant_type: 'text', outcome: 'text', filer: 'text' },
    key: (e) => (e.stream.startsWith(requestStream('')) ? e.stream : undefined),
    evolve(doc, e) {
      const state = engine.disclosure.evolve(doc?.state ?? engine.disclosure.initialState, e as never);
      let dueDate: string | null = null;
      try {
        dueDate = engine.disclosure.clock(state)?.dueDate ?? null;
      } catch {
        dueDate = null; // a year without calendar data: unknown, never an error
      }
      const applicant = e.type === 'DisclosureRequestReceived' ? ((e.data as { applicant?: { type: string; name: string } }).applicant ?? null) : (doc?.applicant ?? null);
      return { stream: e.stream, state, filer: doc ? doc.filer : filerOf(e), applicant, dueDate };
    },
    fieldsOf: (doc) => ({
      status: doc.state.status,
      open: doc.state.status === 'concluded' || doc.state.status === 'none' ? 0 : 1,
      agency: doc.state.agency,
      received_on: doc.state.receivedOn,
      due_date: doc.dueDate,
      applicant_type: doc.state.applicantType,
      outcome: doc.state.outcome,
      filer: doc.filer ? `${doc.filer.role}:${doc.filer.id}` : null,
    }),
  };
}
