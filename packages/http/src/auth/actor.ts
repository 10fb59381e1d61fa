/**
 * The roles the service knows. Each maps to people of the seed's service hall:
 *
 * - `clerk` — 窗口工作人员: intake, 补正, acceptance, certificates; the disclosure office's staff.
 * - `reviewer` — a department's reviewer (审查人员), acting for `actor.department` only.
 * - `head` — 行政机关负责人 (the organ head): extensions under 行政许可法 第四十二条第一款, decisions.
 * - `governmentHead` — 本级人民政府负责人: the joint-handling extension (第四十二条第二款).
 * - `officeHead` — 政府信息公开工作机构负责人: the reply extension of 条例 第三十三条.
 * - `admin` — the center's registry staff: catalog items, intermediaries' review, surveys, deals.
 * - `applicant` — 申请人 (or their 代办 agent): only their own cases and requests.
 * - `agency` — an intermediary agency (中介机构): its own submission only.
 * - `auditor` — 电子监察 / audit: reads everything of its tenant, writes nothing.
 * - `public` — anyone without a login: published information only, personal data masked.
 * - `system` — a process of the service itself (the due check).
 *
 * @example
 * roles.includes('governmentHead'); // true
 */
export const roles = ['clerk', 'reviewer', 'head', 'governmentHead', 'officeHead', 'admin', 'applicant', 'agency', 'auditor', 'public', 'system'] as const;

/**
 * One of {@link roles}.
 *
 * @example
 * const r: Role = 'clerk';
 */
export type Role = (typeof roles)[number];

/**
 * Who is calling, as the app's `authenticate` establishes it. Authority comes from here and
 * never from a command's body (design §7).
 *
 * @example
 * const a: HttpActor = { id: 'w-07', role: 'clerk', tenant: 'taizhou', name: '王芳' };
 */
export interface HttpActor {
  readonly id: string;
  readonly role: Role;
  /** The center or sub-center this actor belongs to; routes of other tenants answer 403. */
  readonly tenant: string;
  /** A reviewer's department (required for `reviewer`). */
  readonly department?: string;
  /** Shown in the UI; never written to logs. */
  readonly name?: string;
}

/**
 * Whether `value` is a usable actor (what `authenticate` must return, or null).
 *
 * @example
 * isHttpActor({ id: 'w-07', role: 'clerk', tenant: 'taizhou' }); // true
 */
export function isHttpActor(value: unknown): value is HttpActor {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Record<string, unknown>;
  return (
    typeof a.id === 'string' &&
    a.id.length > 0 &&
    a.id.length <= 200 &&
    typeof a.role === 'string' &&
    (roles as readonly string[]).includes(a.role) &&
    typeof a.tenant === 'string' &&
    a.tenant.length > 0 &&
    (a.department === undefined || typeof a.department === 'string') &&
    (a.role !== 'reviewer' || typeof a.department === 'string')
  );
}

/**
 * The actor of a request nobody authenticated: the public, of the tenant in the path.
 *
 * @example
 * publicActor('taizhou'); // { id: 'public', role: 'public', tenant: 'taizhou' }
 */
export function publicActor(tenant: string): HttpActor {
  return { id: 'public', role: 'public', tenant };
}

/**
 * The app's authentication hook: read the request (cookie, header, client certificate) and
 * return who it is, or `null` for an anonymous caller (treated as `public`).
 *
 * @example
 * const authenticate: Authenticate = (req) => (req.headers.get('x-demo-user') === 'w-07' ? { id: 'w-07', role: 'clerk', tenant: 'taizhou' } : null);
 */
export type Authenticate = (request: Request) => HttpActor | null | Promise<HttpActor | null>;
