import type { Role } from './actor.js';

/**
 * How far a role's permission reaches:
 * - `any` — every target of the tenant;
 * - `own` — targets the actor filed itself (an applicant's cases and requests, an agency's submission), or holds the access code of;
 * - `department` — cases of the reviewer's department, or a joint review it is one of;
 * - `nonJoint` / `joint` — an extension of a case handled alone / jointly (行政许可法 第四十二条 两款);
 * - `published` — published information only, with personal data masked.
 *
 * @example
 * const s: Scope = 'own';
 */
export type Scope = 'any' | 'own' | 'department' | 'nonJoint' | 'joint' | 'published';

/**
 * One cell row of the matrix: which roles may, how far, and on what legal basis.
 *
 * @example
 * const p: Permission = { roles: { head: 'nonJoint' }, basis: '行政许可法 第四十二条第一款' };
 */
export interface Permission {
  readonly roles: Readonly<Partial<Record<Role, Scope>>>;
  /** The legal basis of who may do it, or `null` when it is the center's own rule. */
  readonly basis: string | null;
}

const intake = '行政许可法 第三十二条';
const decision = '行政许可法 第三十四条、第三十七条';
const staffRead = { clerk: 'any', reviewer: 'department', head: 'any', governmentHead: 'any', officeHead: 'any', admin: 'any', auditor: 'any' } as const satisfies Partial<Record<Role, Scope>>;

/**
 * The role–permission matrix of every command, by aggregate (routes `POST /t/{tenant}/{aggregate}/{id}/commands`).
 * A role missing from a row is refused with 403 and nothing is written; the test in
 * `permissions.test.ts` walks every role against every row.
 *
 * @example
 * commandPermissions.cases.Extend.roles.head; // 'nonJoint'
 */
export const commandPermissions = {
  cases: {
    Receive: { roles: { clerk: 'any', applicant: 'own' }, basis: intake },
    NotifySupplement: { roles: { clerk: 'any' }, basis: intake },
    ReceiveSupplement: { roles: { clerk: 'any', applicant: 'own' }, basis: intake },
    Accept: { roles: { clerk: 'any' }, basis: intake },
    RefuseIntake: { roles: { clerk: 'any' }, basis: intake },
    DecideOnSpot: { roles: { clerk: 'any' }, basis: '行政许可法 第三十四条第二款' },
    AssignReview: { roles: { clerk: 'any', head: 'any' }, basis: '行政许可法 第二十六条' },
    RecordOpinion: { roles: { reviewer: 'department' }, basis: '行政许可法 第二十六条、第三十四条' },
    Return: { roles: { reviewer: 'department', head: 'any' }, basis: null },
    Resubmit: { roles: { clerk: 'any', applicant: 'own' }, basis: null },
    StartSpecialProcedure: { roles: { clerk: 'any', reviewer: 'department' }, basis: '行政许可法 第四十五条' },
    EndSpecialProcedure: { roles: { clerk: 'any', reviewer: 'department' }, basis: '行政许可法 第四十五条' },
    NotifyHearingRight: { roles: { clerk: 'any', head: 'any' }, basis: '行政许可法 第四十七条第一款（行政机关告知）' },
    RequestHearing: { roles: { applicant: 'own', clerk: 'any' }, basis: '行政许可法 第四十七条第一款（申请人、利害关系人申请；书面申请由窗口录入）' },
    ScheduleHearing: { roles: { clerk: 'any', head: 'any' }, basis: '行政许可法 第四十六条、第四十八条第一款第一项（行政机关通知、公告）' },
    HoldHearing: { roles: { clerk: 'any', head: 'any' }, basis: '行政许可法 第四十八条第一款第五项（听证笔录）' },
    Extend: { roles: { head: 'nonJoint', governmentHead: 'joint' }, basis: '行政许可法 第四十二条第一款（本行政机关负责人）、第二款（本级人民政府负责人）' },
    Decide: { roles: { head: 'any', reviewer: 'department' }, basis: decision },
    IssueCertificate: { roles: { clerk: 'any' }, basis: '行政许可法 第三十九条、第四十四条' },
    DeliverCertificate: { roles: { clerk: 'any' }, basis: '行政许可法 第四十四条' },
    Evaluate: { roles: { applicant: 'own' }, basis: null },
    CloseFollowUp: { roles: { clerk: 'any', head: 'any' }, basis: null },
    Withdraw: { roles: { clerk: 'any', applicant: 'own' }, basis: null },
    CheckDue: { roles: { system: 'any', clerk: 'any' }, basis: '行政许可法 第三十二条、第四十二条' },
  },
  'disclosure-requests': {
    ReceiveRequest: { roles: { clerk: 'any', applicant: 'own', public: 'own' }, basis: '政府信息公开条例（2019） 第二十九条' },
    RequestSupplement: { roles: { clerk: 'any' }, basis: '政府信息公开条例（2019） 第三十条' },
    ReceiveSupplement: { roles: { clerk: 'any' }, basis: '政府信息公开条例（2019） 第三十条' },
    ConsultThirdParty: { roles: { clerk: 'any' }, basis: '政府信息公开条例（2019） 第三十二条' },
    RecordThirdPartyReply: { roles: { clerk: 'any' }, basis: '政府信息公开条例（2019） 第三十二条' },
    ConsultOrgans: { roles: { clerk: 'any' }, basis: '政府信息公开条例（2019） 第三十四条' },
    RecordOrgansReply: { roles: { clerk: 'any' }, basis: '政府信息公开条例（2019） 第三十四条' },
    DeferReply: { roles: { officeHead: 'any' }, basis: '政府信息公开条例（2019） 第三十五条' },
    ChargeCostFee: { roles: { clerk: 'any' }, basis: '政府信息公开条例（2008） 第二十七条' },
    WaiveFee: { roles: { officeHead: 'any' }, basis: '政府信息公开条例（2008） 第二十八条' },
    ExtendReply: { roles: { officeHead: 'any' }, basis: '政府信息公开条例（2019） 第三十三条第二款（政府信息公开工作机构负责人同意）' },
    IssueFeeNotice: { roles: { clerk: 'any' }, basis: '政府信息公开条例（2019） 第四十二条' },
    RecordFeePaid: { roles: { clerk: 'any' }, basis: '政府信息公开条例（2019） 第四十二条' },
    Conclude: { roles: { clerk: 'any', officeHead: 'any' }, basis: '政府信息公开条例（2019） 第三十六条' },
    FileRemedy: { roles: { clerk: 'any' }, basis: '政府信息公开条例（2019） 第五十一条' },
    DecideRemedy: { roles: { clerk: 'any' }, basis: '政府信息公开条例（2019） 第五十一条' },
    CheckDue: { roles: { system: 'any', clerk: 'any' }, basis: '政府信息公开条例（2019） 第三十三条' },
  },
  'public-info': {
    FormInfo: { roles: { clerk: 'any' }, basis: '政府信息公开条例（2019） 第二十六条' },
    ChangeInfo: { roles: { clerk: 'any' }, basis: '政府信息公开条例（2019） 第二十六条' },
    ReviewInfo: { roles: { head: 'any', officeHead: 'any' }, basis: '政府信息公开条例（2019） 第十七条（公开前审查）' },
    PublishInfo: { roles: { clerk: 'any' }, basis: '政府信息公开条例（2019） 第二十三条、第二十六条' },
    RevokeInfo: { roles: { head: 'any', officeHead: 'any' }, basis: null },
    RepealInfo: { roles: { clerk: 'any' }, basis: null },
  },
  items: {
    RegisterItem: { roles: { admin: 'any' }, basis: null },
    ReviseItem: { roles: { admin: 'any' }, basis: null },
    PublishStandard: { roles: { admin: 'any' }, basis: null },
    DecideCleanup: { roles: { admin: 'any' }, basis: null },
  },
  intermediaries: {
    SubmitAgency: { roles: { agency: 'own', admin: 'any' }, basis: null },
    UpdateAgency: { roles: { agency: 'own', admin: 'any' }, basis: null },
    ApproveAgency: { roles: { admin: 'any' }, basis: null },
    ReturnAgency: { roles: { admin: 'any' }, basis: null },
    PublishAgency: { roles: { admin: 'any' }, basis: null },
    DelistAgency: { roles: { admin: 'any' }, basis: null },
  },
  surveys: {
    IssueSurvey: { roles: { admin: 'any' }, basis: null },
    RecordSurveyReturns: { roles: { admin: 'any' }, basis: null },
    CloseSurvey: { roles: { admin: 'any' }, basis: null },
  },
  deals: {
    RegisterDeal: { roles: { admin: 'any' }, basis: null },
    ConcludeDeal: { roles: { admin: 'any' }, basis: null },
    FailDeal: { roles: { admin: 'any' }, basis: null },
  },
  // 政务公开与审改宣传: the center's own record of what it published and printed (the seed's §一.(1), §二.5).
  'publicity-pieces': {
    PublishReformPiece: { roles: { admin: 'any' }, basis: null },
    RecordAdoption: { roles: { admin: 'any' }, basis: null },
  },
  publications: {
    RegisterPublication: { roles: { admin: 'any' }, basis: null },
    PrintCopies: { roles: { admin: 'any' }, basis: null },
  },
} as const satisfies Record<string, Record<string, Permission>>;

/**
 * The aggregates that take commands (the path segment of their routes).
 *
 * @example
 * const k: AggregateKind = 'disclosure-requests';
 */
export type AggregateKind = keyof typeof commandPermissions;

/**
 * Who may read what (routes under `GET /t/{tenant}/…`). `own` and `published` narrow the
 * answer rather than refuse it where a list is asked for.
 *
 * @example
 * queryPermissions['cases.read'].roles.applicant; // 'own'
 */
export const queryPermissions = {
  'cases.read': { roles: { ...staffRead, applicant: 'own' }, basis: null },
  'cases.list': { roles: { ...staffRead, applicant: 'own' }, basis: null },
  'disclosure-requests.read': { roles: { clerk: 'any', officeHead: 'any', head: 'any', admin: 'any', auditor: 'any', applicant: 'own', public: 'own' }, basis: null },
  'disclosure-requests.list': { roles: { clerk: 'any', officeHead: 'any', head: 'any', admin: 'any', auditor: 'any', applicant: 'own' }, basis: null },
  'public-info.read': { roles: { ...staffRead, applicant: 'published', agency: 'published', public: 'published' }, basis: '政府信息公开条例（2019） 第十九条—第二十三条' },
  'items.read': { roles: { ...staffRead, applicant: 'any', agency: 'any', public: 'any' }, basis: '行政许可法 第三十条（公示）' },
  'intermediaries.read': { roles: { ...staffRead, applicant: 'published', agency: 'own', public: 'published' }, basis: null },
  'surveys.read': { roles: { ...staffRead }, basis: null },
  'deals.read': { roles: { ...staffRead, applicant: 'published', agency: 'published', public: 'published' }, basis: null },
  'reports.center': { roles: { ...staffRead }, basis: null },
  // The center's reading: trading announcements and their yearly figures are published (the seed's 6th paragraph reports them).
  'trading.read': { roles: { ...staffRead, applicant: 'any', agency: 'any', public: 'any' }, basis: null },
  // The center's reading: the service network (center and sub-centers, their events and case counts) holds no personal data.
  'network.read': { roles: { ...staffRead, applicant: 'any', agency: 'any', public: 'any' }, basis: null },
  // The center's reading: satisfaction results are published (the seed's 6th paragraph reports 满意度100%).
  'surveys.list': { roles: { ...staffRead, applicant: 'any', agency: 'any', public: 'any' }, basis: null },
  'publicity.read': { roles: { ...staffRead, applicant: 'any', agency: 'any', public: 'any' }, basis: '政府信息公开条例（2019） 第十九条、第二十三条' },
  'publicity-pieces.read': { roles: { ...staffRead, applicant: 'any', agency: 'any', public: 'any' }, basis: '政府信息公开条例（2019） 第十九条、第二十三条' },
  'publications.read': { roles: { ...staffRead, applicant: 'any', agency: 'any', public: 'any' }, basis: '政府信息公开条例（2019） 第十九条、第二十三条' },
  'reports.disclosure': { roles: { ...staffRead, applicant: 'any', agency: 'any', public: 'any' }, basis: '政府信息公开条例（2019） 第四十九条、第五十条' },
  events: { roles: { ...staffRead, applicant: 'own', agency: 'own', public: 'published' }, basis: null },
  'read-models.rebuild': { roles: { admin: 'any' }, basis: null },
} as const satisfies Record<string, Permission>;

/**
 * A query's key in {@link queryPermissions}.
 *
 * @example
 * const q: QueryKey = 'cases.list';
 */
export type QueryKey = keyof typeof queryPermissions;

/**
 * The scope `role` has for a command, or `undefined` when it may not send it at all.
 *
 * @example
 * commandScope('cases', 'Extend', 'clerk'); // undefined
 */
export function commandScope(kind: AggregateKind, command: string, role: Role): Scope | undefined {
  const row = (commandPermissions[kind] as Readonly<Record<string, Permission>>)[command];
  return row && Object.hasOwn(row.roles, role) ? row.roles[role] : undefined;
}

/**
 * The scope `role` has for a query, or `undefined` when it may not ask it.
 *
 * @example
 * queryScope('events', 'public'); // 'published'
 */
export function queryScope(query: QueryKey, role: Role): Scope | undefined {
  const row: Permission = queryPermissions[query];
  return Object.hasOwn(row.roles, role) ? row.roles[role] : undefined;
}
