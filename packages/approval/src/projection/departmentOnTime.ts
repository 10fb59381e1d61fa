import type { Projection, StoredEvent } from '@banshi/core';
import { decidedWithin } from './caseVisits.js';

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
 * State of {@link departmentOnTime}: each case's department (from `CaseReceived`) and the
 * figures per department.
 *
 * @example
 * state.departments.get('市工商局')?.decided;
 */
export interface DepartmentOnTimeState {
  readonly caseDepartment: Map<string, string>;
  readonly departments: Map<string, DepartmentFigures>;
}

const types = ['CaseReceived', 'CaseDecided', 'CaseDecidedOnSpot'] as const;

/**
 * On-time decisions per department: a plain reducer over `CaseReceived` and the due dates the
 * decision events carry (no calendar, no machine). A decision in a stream whose receipt is not
 * in the log counts under `unknown`.
 *
 * @example
 * const s = await foldProjection(store.readAll(), departmentOnTime);
 * departmentRates(s)[0]; // { department: '市工商局', decided: 412, onTimeStatutory: 412, onTimePromised: 398 }
 */
export const departmentOnTime: Projection<DepartmentOnTimeState> = {
  name: 'approval.departmentOnTime',
  types,
  init: () => ({ caseDepartment: new Map(), departments: new Map() }),
  apply(state, event: StoredEvent) {
    if (event.type === 'CaseReceived') {
      const d = (event.data ?? {}) as { department?: unknown };
      state.caseDepartment.set(event.stream, typeof d.department === 'string' ? d.department : 'unknown');
      return state;
    }
    const within = decidedWithin(event);
    if (within === null) return state;
    const department = state.caseDepartment.get(event.stream) ?? 'unknown';
    let f = state.departments.get(department);
    if (!f) state.departments.set(department, (f = { decided: 0, onTimeStatutory: 0, onTimePromised: 0 }));
    f.decided++;
    if (within.statutory) f.onTimeStatutory++;
    if (within.promised) f.onTimePromised++;
    return state;
  },
  snapshot: (state) => ({ caseDepartment: [...state.caseDepartment], departments: [...state.departments].map(([k, v]) => [k, { ...v }]) }),
  restore: (snapshot) => {
    const s = snapshot as { caseDepartment: [string, string][]; departments: [string, DepartmentFigures][] };
    return { caseDepartment: new Map(s.caseDepartment), departments: new Map(s.departments.map(([k, v]) => [k, { ...v }])) };
  },
};

/**
 * The departments, most decisions first (ties by name), each with its figures.
 *
 * @example
 * departmentRates(state).slice(0, 3).map((d) => d.department);
 */
export function departmentRates(state: DepartmentOnTimeState): ({ readonly department: string } & DepartmentFigures)[] {
  return [...state.departments]
    .map(([department, f]) => ({ department, ...f }))
    .sort((a, b) => b.decided - a.decided || (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
}
