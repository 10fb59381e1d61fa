/**
 * The whole role–permission matrix, walked: every role (and the anonymous public) against
 * every command of every aggregate and every query. A forbidden cell answers 403 and leaves
 * the log exactly as it was; an allowed cell never answers 403 for a target in its scope.
 */
import { approvalCommandSchema } from '@banshi/approval';
import { describe, expect, it } from 'vitest';
import { actors, fixture, receive, type ActorName } from '../_lib/testFixture.js';
import { roles, type Role } from './actor.js';
import { commandPermissions, commandScope, queryPermissions, queryScope, type AggregateKind, type QueryKey } from './permissions.js';

/** One actor per role (public = no credentials). */
const byRole: Record<Role, ActorName | 'public'> = {
  clerk: 'clerk',
  reviewer: 'reviewer',
  head: 'head',
  governmentHead: 'governmentHead',
  officeHead: 'officeHead',
  admin: 'admin',
  applicant: 'applicant',
  agency: 'agency',
  auditor: 'auditor',
  public: 'public',
  system: 'system',
};

const queryRoutes: Record<QueryKey, string> = {
  'cases.read': '/t/tz/cases/TZ-M',
  'cases.list': '/t/tz/cases',
  'disclosure-requests.read': '/t/tz/disclosure-requests/R-M',
  'disclosure-requests.list': '/t/tz/disclosure-requests',
  'public-info.read': '/t/tz/public-info',
  'items.read': '/t/tz/catalog',
  'intermediaries.read': '/t/tz/intermediaries',
  'surveys.read': '/t/tz/surveys/S-M',
  'deals.read': '/t/tz/deals/D-M',
  'reports.center': '/t/tz/reports/center',
  'trading.read': '/t/tz/trading?year=2013',
  'network.read': '/t/tz/network?year=2013',
  'surveys.list': '/t/tz/surveys',
  'publicity.read': '/t/tz/publicity',
  'publicity-pieces.read': '/t/tz/publicity-pieces/P-M',
  'publications.read': '/t/tz/publications/B-M',
  'reports.disclosure': '/t/tz/reports/disclosure/2013',
  events: '/t/tz/events?after=0',
  'read-models.rebuild': '/t/tz/read-models/case_tasks/rebuild',
};

describe('the role–permission matrix', () => {
  it('names every role in the matrix and gives every permission row at least one role', () => {
    for (const rows of Object.values(commandPermissions)) for (const row of Object.values(rows)) expect(Object.keys(row.roles).length).toBeGreaterThan(0);
    for (const row of Object.values(queryPermissions)) for (const r of Object.keys(row.roles)) expect(roles).toContain(r);
  });

  it('every approval command has its row, hearings included (行政许可法 第四十六–四十八条)', () => {
    const types = approvalCommandSchema.options.map((o) => o.shape.type.value);
    expect(Object.keys(commandPermissions.cases).sort()).toEqual([...types].sort());
    expect(commandScope('cases', 'RequestHearing', 'applicant')).toBe('own');
    for (const type of ['NotifyHearingRight', 'ScheduleHearing', 'HoldHearing']) {
      expect([type, commandScope('cases', type, 'clerk'), commandScope('cases', type, 'head'), commandScope('cases', type, 'applicant')]).toEqual([type, 'any', 'any', undefined]);
    }
  });

  it('every role × every command: forbidden cells are 403 and write nothing; allowed cells in scope are never 403', async () => {
    const f = await fixture();
    // A case of the reviewer's department, handled by one organ, in review: in scope for every staff role.
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-M/commands', receive('TZ-M'));
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-M/commands', { type: 'Accept', on: '2013-09-16', channel: 'window' });
    let cells = 0;
    let forbidden = 0;
    for (const kind of Object.keys(commandPermissions) as AggregateKind[]) {
      for (const type of Object.keys(commandPermissions[kind])) {
        for (const role of roles) {
          const who = byRole[role];
          const before = await f.stores.tz.headPosition();
          const id = kind === 'cases' ? 'TZ-M' : `X-${cells}`;
          const r = await f.call(who, 'POST', `/t/tz/${kind}/${id}/commands`, { type });
          cells++;
          const scope = commandScope(kind, type, role);
          if (scope === undefined) {
            forbidden++;
            expect({ kind, type, role, status: r.status }).toEqual({ kind, type, role, status: 403 });
            expect(r.headers.get('content-type')).toBe('application/problem+json');
            expect(await f.stores.tz.headPosition()).toBe(before);
          } else if (scope === 'any' || (scope === 'department' && kind === 'cases') || (scope === 'nonJoint' && kind === 'cases')) {
            // The body is incomplete, so the answer is a 422 (or a rule's refusal), never a 403.
            expect({ kind, type, role, status: r.status === 403 }).toEqual({ kind, type, role, status: false });
          }
        }
      }
    }
    expect(cells).toBe(Object.values(commandPermissions).reduce((n, rows) => n + Object.keys(rows).length, 0) * roles.length);
    expect(forbidden).toBeGreaterThan(cells / 2);
  });

  it('every role × every query: forbidden cells are 403, allowed ones are not', async () => {
    const f = await fixture({ sse: { maxDurationMs: 50, heartbeatMs: 1000, pollIntervalMs: 10 } });
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-M/commands', receive('TZ-M'));
    await f.call('clerk', 'POST', '/t/tz/disclosure-requests/R-M/commands', {
      type: 'ReceiveRequest',
      requestId: 'R-M',
      agency: '市行政服务中心',
      applicant: { type: 'naturalPerson', name: '张三' },
      channel: 'inPerson',
      submittedOn: '2013-09-16',
      description: '请求公开某项目环评报告',
    });
    await f.call('admin', 'POST', '/t/tz/surveys/S-M/commands', { type: 'IssueSurvey', surveyId: 'S-M', node: 'tz', subject: '满意度', forms: 10, issuedOn: '2013-09-16' });
    await f.call('admin', 'POST', '/t/tz/deals/D-M/commands', { type: 'RegisterDeal', dealId: 'D-M', category: 'governmentProcurement', title: '办公设备', node: 'tz', registeredOn: '2013-09-16', marketPriceFen: 100000 });
    await f.call('admin', 'POST', '/t/tz/publicity-pieces/P-M/commands', { type: 'PublishReformPiece', pieceId: 'P-M', kind: 'briefing', title: '审改工作简报', publishedOn: '2013-09-16' });
    await f.call('admin', 'POST', '/t/tz/publications/B-M/commands', { type: 'RegisterPublication', publicationId: 'B-M', kind: 'serviceGuide', title: '服务指南', registeredOn: '2013-09-16' });
    for (const query of Object.keys(queryPermissions) as QueryKey[]) {
      for (const role of roles) {
        const method = query === 'read-models.rebuild' ? 'POST' : 'GET';
        const r = await f.call(byRole[role], method, queryRoutes[query]);
        await r.body?.cancel();
        const scope = queryScope(query, role);
        if (scope === undefined) expect({ query, role, status: r.status }).toEqual({ query, role, status: 403 });
        else if (scope === 'any') expect({ query, role, ok: r.status < 300 }).toEqual({ query, role, ok: true });
        else expect({ query, role, status: r.status === 403 && scope !== 'own' && scope !== 'department' }).toEqual({ query, role, status: false });
      }
    }
  });

  it('scoped cells: a reviewer acts for its department only; the organ head extends cases handled alone, the government head joint ones', async () => {
    const f = await fixture();
    await f.call('clerk', 'POST', '/t/tz/cases/A/commands', receive('A'));
    await f.call('clerk', 'POST', '/t/tz/cases/A/commands', { type: 'Accept', on: '2013-09-16', channel: 'window' });
    await f.call('clerk', 'POST', '/t/tz/cases/A/commands', { type: 'AssignReview', on: '2013-09-16', channel: 'window', departments: ['市场监管'] });
    const opinion = { type: 'RecordOpinion', on: '2013-09-17', channel: 'window', opinion: 'approve' };
    const head = await f.stores.tz.headPosition();
    expect((await f.call('otherReviewer', 'POST', '/t/tz/cases/A/commands', opinion)).status).toBe(403);
    expect((await f.call('reviewer', 'POST', '/t/tz/cases/A/commands', { ...opinion, department: '住建' })).status).toBe(403);
    expect(await f.stores.tz.headPosition()).toBe(head);
    expect((await f.call('reviewer', 'POST', '/t/tz/cases/A/commands', opinion)).status).toBe(200);
    const extend = { type: 'Extend', on: '2013-09-18', channel: 'window', reasons: ['需现场核查'], applicantToldOn: '2013-09-18' };
    const gov = await f.call('governmentHead', 'POST', '/t/tz/cases/A/commands', extend);
    expect(gov.status).toBe(403);
    expect(((await gov.json()) as { rule: { basis: string } }).rule.basis).toContain('第四十二条');
    await f.call('clerk', 'POST', '/t/tz/cases/J/commands', receive('J', { handling: 'joint' }));
    await f.call('clerk', 'POST', '/t/tz/cases/J/commands', { type: 'Accept', on: '2013-09-16', channel: 'window' });
    expect((await f.call('head', 'POST', '/t/tz/cases/J/commands', extend)).status).toBe(403);
    const before = await f.stores.tz.headPosition();
    expect((await f.call('clerk', 'POST', '/t/tz/cases/J/commands', extend)).status).toBe(403);
    expect(await f.stores.tz.headPosition()).toBe(before);
  });

  it('tenants: a user of one center never sees or changes another center’s data', async () => {
    const f = await fixture();
    await f.call('clerk', 'POST', '/t/tz/cases/SAME/commands', receive('SAME'));
    const portCase = await f.call('portClerk', 'POST', '/t/port/cases/SAME/commands', receive('SAME', { department: '港航', node: 'port' }));
    expect(portCase.status).toBe(201);
    for (const [method, path] of [
      ['GET', '/t/tz/cases/SAME'],
      ['GET', '/t/tz/cases'],
      ['GET', '/t/tz/reports/center'],
      ['GET', '/t/tz/events?after=0'],
      ['POST', '/t/tz/cases/SAME/commands'],
    ] as const) {
      const r = await f.call('portClerk', method, path, method === 'POST' ? { type: 'Accept', on: '2013-09-16', channel: 'window' } : undefined);
      expect({ path, status: r.status }).toEqual({ path, status: 403 });
      expect(((await r.json()) as { code: string }).code).toBe('HTTP_TENANT_FORBIDDEN');
    }
    const tzList = (await (await f.call('clerk', 'GET', '/t/tz/cases')).json()) as { items: { department: string }[] };
    const portList = (await (await f.call('portClerk', 'GET', '/t/port/cases')).json()) as { items: { department: string }[] };
    expect(tzList.items.map((x) => x.department)).toEqual(['市场监管']);
    expect(portList.items.map((x) => x.department)).toEqual(['港航']);
    expect((await f.stores.tz.readStream('case-SAME')).length).toBe(1);
    expect((await f.call('clerk', 'GET', '/t/nowhere/cases')).status).toBe(404);
    expect(actors.portClerk.tenant).toBe('port');
  });
});
