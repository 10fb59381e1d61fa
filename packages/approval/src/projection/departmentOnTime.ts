import type { Projection, StoredEvent } from '@banshi/core';
import { decidedWithin } from './caseVisits.js';
import { decisionEventTypes } from './decisionOnTime.js';

/**
 * One department's decisions and how many were within each limit.
 *
 * @example
 * const f: DepartmentFigures = { decided: 40, onTimeStatutory: 40, onTimePromised: 37 };
 */
export interface DepartmentFigures {
  decided: number;
  onTimeStatutory: number;
  onTimePromised: number;
}

/**
 * State of {@link departmentOnTime}: the department of each case not yet decided, refused or
 * withdrawn (from `CaseReceived`; the machine allows one decision per case and none after a
 * refusal or withdrawal, so the entry goes with the first of them) and the figures per department.
 *
 * @example
 * state.departments.get('市工商局')?.decided;
 */
export interface DepartmentOnTimeState {
  readonly caseDepartment: Map<string, string>;
  readonly departments: Map<string, DepartmentFigures>;
  /** The same figures by the business year of the decision (`yyyy`). */
  readonly years: Map<string, Map<string, DepartmentFigures>>;
}

const types = ['CaseReceived', ...decisionEventTypes, 'IntakeRefused', 'CaseWithdrawn'] as const;

/**
 * On-time decisions per department: a plain reducer over `CaseReceived` and the decision events
 * ({@link decisionEventTypes}, a renewal deemed granted included) with the due dates they carry (no calendar, no machine). A decision in a stream whose receipt is not
 * in the log counts under `unknown`. The department of a case is kept only until its decision, refusal or
 * withdrawal, so the state grows with the cases in progress, not with the log.
 *
 * @example
 * const s = await foldProjection(store.readAll(), departmentOnTime);
 * departmentRates(s)[0]; // { department: '市工商局', decided: 412, onTimeStatutory: 412, onTimePromised: 398 }
 */
export const departmentOnTime: Projection<DepartmentOnTimeState> = {
  name: 'approval.departmentOnTime',
  types,
  init: () => ({ caseDepartment: new Map(), departments: new Map(), years: new Map() }),
  apply(state, event: StoredEvent) {
    if (event.type === 'CaseReceived') {
      const d = (event.data ?? {}) as { department?: unknown };
      state.caseDepartment.set(event.stream, typeof d.department === 'string' ? d.department : 'unknown');
      return state;
    }
    const within = decidedWithin(event);
    const department = state.caseDepartment.get(event.stream) ?? 'unknown';
    // No decision can follow in this stream: keep nothing for it (issue #18, memory flat over a long log).
    state.caseDepartment.delete(event.stream);
    if (within === null) return state;
    const on = (event.data as { on?: unknown } | null)?.on;
    const year = typeof on === 'string' && /^\d{4}-/.test(on) ? on.slice(0, 4) : null;
    let byDepartment = year === null ? undefined : state.years.get(year);
    if (year !== null && !byDepartment) state.years.set(year, (byDepartment = new Map()));
    for (const table of byDepartment ? [state.departments, byDepartment] : [state.departments]) {
      let f = table.get(department);
      if (!f) table.set(department, (f = { decided: 0, onTimeStatutory: 0, onTimePromised: 0 }));
      f.decided++;
      if (within.statutory) f.onTimeStatutory++;
      if (within.promised) f.onTimePromised++;
    }
    return state;
  },
  snapshot: (state) => ({
    caseDepartment: [...state.caseDepartment],
    departments: [...state.departments].map(([k, v]) => [k, { ...v }]),
    years: [...state.years].map(([y, m]) => [y, [...m].map(([k, v]) => [k, { ...v }])]),
  }),
  restore: (snapshot) => {
    const s = snapshot as { caseDepartment: [string, string][]; departments: [string, DepartmentFigures][]; years?: [string, [string, DepartmentFigures][]][] };
    return {
      caseDepartment: new Map(s.caseDepartment),
      departments: new Map(s.departments.map(([k, v]) => [k, { ...v }])),
      years: new Map((s.years ?? []).map(([y, m]) => [y, new Map(m.map(([k, v]) => [k, { ...v }]))])),
    };
  },
};

/**
 * The departments, most decisions first (ties by name), each with its figures.
 *
 * @example
 * departmentRates(state).slice(0, 3).map((d) => d.department);
 */
export function departmentRates(state: DepartmentOnTimeState, year?: number): ({ readonly department: string } & DepartmentFigures)[] {
  const table = year === undefined ? state.departments : (state.years.get(String(year)) ?? new Map<string, DepartmentFigures>());
  return [...table]
    .map(([department, f]) => ({ department, ...f }))
    .sort((a, b) => b.decided - a.decided || (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
}
