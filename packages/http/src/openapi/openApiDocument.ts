import { z } from 'zod';
import type { AggregateDef } from '../aggregates/aggregates.js';
import { commandPermissions, queryPermissions, type AggregateKind } from '../auth/permissions.js';

const schemaName = (kind: string) =>
  kind
    .split('-')
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('') + 'Command';

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const s = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  delete s.$schema;
  return s;
}

const problemRef = { $ref: '#/components/schemas/Problem' };
const problems = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { description: { 400: 'malformed request', 401: 'bad credentials', 403: 'forbidden for this role, tenant or target; nothing written', 404: 'not found', 408: 'body too slow', 409: 'version conflict (or the catalog changed while a Receive was decided); nothing written — reload and retry', 413: 'body too large', 415: 'not JSON', 422: 'invalid command or refused by a rule (with its legal basis); nothing written', 429: 'rate limited (public writes)' }[code] ?? 'error', content: { 'application/problem+json': { schema: problemRef } } }]));
const tenantParam = { name: 'tenant', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,39}$' }, description: 'center or sub-center id' };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$' } };
const rolesOf = (roles: object) => Object.entries(roles).map(([r, s]) => `${r} (${String(s)})`).join(', ');

/**
 * The OpenAPI 3.1 document of the service, generated from the packages' own zod command
 * schemas (`z.toJSONSchema`) and the permission matrix, so it cannot drift from what the
 * routes validate and allow.
 *
 * @example
 * openApiDocument(aggregates(createEngine())).openapi; // '3.1.0'
 */
export function openApiDocument(defs: Readonly<Record<AggregateKind, AggregateDef>>): Record<string, unknown> {
  const schemas: Record<string, unknown> = {
    Problem: {
      type: 'object',
      required: ['type', 'title', 'status', 'code', 'detail'],
      properties: {
        type: { type: 'string', format: 'uri' },
        title: { type: 'string' },
        status: { type: 'integer' },
        code: { type: 'string', description: 'the banshi error code (stable)' },
        detail: { type: 'string', description: 'what went wrong and what to do' },
        instance: { type: 'string' },
        rule: { type: 'object', properties: { key: { type: 'string' }, basis: { type: 'string', description: 'the legal basis, e.g. 行政许可法 第三十二条' } }, required: ['basis'] },
        issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
        reload: { type: 'object', properties: { href: { type: 'string' }, version: { type: 'integer' } } },
      },
    },
    CommandResult: {
      type: 'object',
      required: ['stream', 'commandId', 'version', 'duplicate', 'events', 'state'],
      properties: {
        stream: { type: 'string' },
        commandId: { type: 'string' },
        version: { type: 'integer', description: 'send as If-Match with the next command' },
        duplicate: { type: 'boolean', description: 'true when this Idempotency-Key was handled before: nothing was appended' },
        events: { type: 'array', items: { type: 'object' } },
        accessCode: { type: 'string', description: 'on creation: lets the applicant follow the target (Banshi-Access-Code header)' },
        state: { type: 'object' },
      },
    },
    CommandResultMinimal: {
      type: 'object',
      description: 'the answer to a command sent with Prefer: return=minimal (RFC 7240): no events, no state',
      required: ['stream', 'commandId', 'version', 'duplicate'],
      properties: {
        stream: { type: 'string' },
        commandId: { type: 'string' },
        version: { type: 'integer', description: 'send as If-Match with the next command' },
        duplicate: { type: 'boolean', description: 'true when this Idempotency-Key was handled before: nothing was appended' },
        accessCode: { type: 'string', description: 'on creation: lets the applicant follow the target (Banshi-Access-Code header)' },
      },
    },
    Page: { type: 'object', required: ['items', 'next'], properties: { items: { type: 'array', items: { type: 'object' } }, next: { type: ['string', 'null'] }, position: { type: 'integer' } } },
  };
  const paths: Record<string, unknown> = {};
  const commandResult = { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/CommandResult' }, { $ref: '#/components/schemas/CommandResultMinimal' }] } } };
  const commandHeaders = {
    ETag: { description: 'the stream version after the command, e.g. "3"', schema: { type: 'string' } },
    'Preference-Applied': { description: 'the return preference honoured (return=minimal or return=representation), when the request named one', schema: { type: 'string' } },
  };
  for (const kind of Object.keys(defs) as AggregateKind[]) {
    const name = schemaName(kind);
    schemas[name] = jsonSchema(defs[kind].schema);
    const rows = commandPermissions[kind] as Record<string, { roles: object; basis: string | null }>;
    paths[`/t/{tenant}/${kind}/{id}/commands`] = {
      post: {
        operationId: `${kind}Command`,
        summary: `Send a command to one of the ${kind}`,
        description:
          'Who may send what:\n' +
          Object.entries(rows)
            .map(([type, row]) => `- ${type}: ${rolesOf(row.roles)}${row.basis ? ` — ${row.basis}` : ''}`)
            .join('\n') +
          '\n\nFields that carry authority (approvedBy, reviewer) are taken from the authenticated actor; outside parties (applicant, public, agency) get the business date and the online channel filled in.',
        parameters: [
          tenantParam,
          idParam,
          { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 200 }, description: 'the command id: a retry returns the first result and appends nothing' },
          { name: 'If-Match', in: 'header', schema: { type: 'string' }, description: 'the version the client saw, e.g. "3": a different version is 409 and nothing is written' },
          { name: 'Banshi-Access-Code', in: 'header', schema: { type: 'string' }, description: "the receipt's access code, for applicants acting on a case filed at the window" },
          { name: 'Prefer', in: 'header', schema: { type: 'string' }, description: 'return=minimal (RFC 7240): answer CommandResultMinimal, without the events and the state; return=representation (the default): CommandResult' },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } },
        responses: {
          '200': { description: 'handled (or replayed: duplicate = true)', headers: commandHeaders, content: commandResult },
          '201': { description: 'created the target', headers: { ...commandHeaders, Location: { description: 'with return=minimal: the target (GET it for its state)', schema: { type: 'string' } } }, content: commandResult },
          ...problems(400, 403, 404, 408, 409, 413, 415, 422, 429),
        },
      },
    };
    paths[`/t/{tenant}/${kind}/{id}`] = {
      get: {
        operationId: `${kind}Read`,
        summary: `Read one of the ${kind} (ETag = its version)`,
        description: `Readers: ${rolesOf(queryPermissions[`${kind}.read` as keyof typeof queryPermissions].roles)}`,
        parameters: [tenantParam, idParam, { name: 'Banshi-Access-Code', in: 'header', schema: { type: 'string' } }],
        responses: { '200': { description: 'the state', content: { 'application/json': { schema: { type: 'object' } } } }, ...problems(403, 404) },
      },
    };
  }
  const listParams = (fields: readonly string[]) => [
    tenantParam,
    ...fields.map((f) => ({ name: f, in: 'query', schema: { type: 'string' }, description: `equals (comma-separated: any of); ${f}_from / ${f}_to for a range` })),
    { name: 'orderBy', in: 'query', schema: { type: 'string', enum: [...fields] } },
    { name: 'descending', in: 'query', schema: { type: 'boolean' } },
    { name: 'after', in: 'query', schema: { type: 'string' }, description: 'the next cursor of the previous page' },
    { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
  ];
  const list = (operationId: string, summary: string, fields: readonly string[]) => ({
    get: { operationId, summary, parameters: listParams(fields), responses: { '200': { description: 'one page', content: { 'application/json': { schema: { $ref: '#/components/schemas/Page' } } } }, ...problems(400, 403) } },
  });
  paths['/t/{tenant}/cases'] = list('casesList', 'Cases from the case_tasks read model (task list: open=1, orderBy=statutory_due)', ['status', 'open', 'department', 'clerk', 'level', 'statutory_due', 'promised_due', 'received_on', 'item_code', 'filer', 'principal']);
  paths['/t/{tenant}/disclosure-requests'] = list('disclosureRequestsList', 'Disclosure requests from the disclosure_requests read model', ['status', 'open', 'agency', 'received_on', 'due_date', 'applicant_type', 'outcome', 'filer']);
  const simple = (operationId: string, summary: string, extra: readonly object[] = []) => ({ get: { operationId, summary, parameters: [tenantParam, ...extra], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } }, ...problems(403) } } });
  paths['/t/{tenant}/public-info'] = simple('publicInfoList', 'Proactively disclosed information (the public sees published items only)', [
    { name: 'category', in: 'query', schema: { type: 'string' } },
    { name: 'year', in: 'query', schema: { type: 'string' } },
  ]);
  paths['/t/{tenant}/catalog'] = simple('catalog', 'The approval-item catalog with each item’s service-guide elements in force on a date', [{ name: 'on', in: 'query', schema: { type: 'string', format: 'date' } }]);
  paths['/t/{tenant}/intermediaries'] = simple('intermediaries', 'The intermediary register (the public sees published agencies)');
  paths['/t/{tenant}/reports/center'] = simple('centerReport', 'Center statistics for a year (@banshi/center-report): cases, on-time rates, visits, cleanup, disclosure, intermediaries, surveys, trading, sub-centers', [
    { name: 'year', in: 'query', schema: { type: 'integer' } },
    { name: 'agency', in: 'query', schema: { type: 'string' } },
    { name: 'center', in: 'query', schema: { type: 'string' }, description: 'the center whose sub-centers are listed, for a tenant without a center configuration; a configured tenant reports its own center (another id is 400 HTTP_BAD_CENTER)' },
  ]);
  paths['/t/{tenant}/trading'] = simple('trading', 'Public-resource trading (公共资源交易): the deals of a year with their live announcements, and the year’s statistics by category', [
    { name: 'year', in: 'query', schema: { type: 'integer' } },
    { name: 'category', in: 'query', schema: { type: 'string' } },
    { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
  ]);
  paths['/t/{tenant}/network'] = simple('network', 'The service network (便民服务联网协作): the center and its sub-centers, the events each wrote and its cases received and decided in a year', [{ name: 'year', in: 'query', schema: { type: 'integer' } }]);
  paths['/t/{tenant}/surveys'] = simple('surveys', 'Satisfaction survey batches (征求意见表, 满意度测评) with returns, return rate and satisfaction rate, and the totals');
  paths['/t/{tenant}/publicity'] = simple('publicity', 'Reform publicity and printed publications (审改信息, 审改工作简报, 服务手册, 服务指南) with adoptions and print runs', [{ name: 'year', in: 'query', schema: { type: 'integer' } }]);
  paths['/t/{tenant}/reports/disclosure/{year}'] = simple('disclosureAnnualReport', 'The annual report on government information disclosure for a year (国办公开办函〔2021〕30号 tables)', [
    { name: 'year', in: 'path', required: true, schema: { type: 'integer' } },
    { name: 'agency', in: 'query', schema: { type: 'string' } },
  ]);
  paths['/t/{tenant}/events'] = {
    get: {
      operationId: 'events',
      summary: 'Server-Sent Events of the log after a position, filtered by role; resumable with Last-Event-ID',
      parameters: [
        tenantParam,
        { name: 'after', in: 'query', schema: { type: 'integer', minimum: 0 } },
        { name: 'types', in: 'query', schema: { type: 'string' }, description: 'comma-separated event types' },
        { name: 'Last-Event-ID', in: 'header', schema: { type: 'string' } },
      ],
      responses: { '200': { description: 'an event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...problems(400, 403) },
    },
  };
  paths['/t/{tenant}/read-models/{name}/rebuild'] = {
    post: {
      operationId: 'rebuildReadModel',
      summary: 'Empty a read model and fold the log into it again (admin)',
      parameters: [tenantParam, { name: 'name', in: 'path', required: true, schema: { type: 'string', enum: ['case_tasks', 'disclosure_requests'] } }],
      responses: { '200': { description: 'rebuilt', content: { 'application/json': { schema: { type: 'object' } } } }, ...problems(403, 404) },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'banshi', version: '0.1.0', description: 'The banshi engine as an HTTP service: commands, queries, read models, events.' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }, {}],
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'banshi_session' },
      },
    },
    paths,
  };
}
