import { approvalCommandSchema, clockNames, createApprovalDecider, type ApprovalDecider, type CaseState } from '@banshi/approval';
import { mainlandChinaCalendar, type BusinessDate, type WorkingCalendar } from '@banshi/calendar';
import {
  agencyCommandSchema,
  agencyDecider,
  catalogStreams,
  dealCommandSchema,
  dealDecider,
  itemCommandSchema,
  itemDecider,
  pieceCommandSchema,
  pieceDecider,
  publicationCommandSchema,
  publicationDecider,
  surveyCommandSchema,
  surveyDecider,
} from '@banshi/catalog';
import type { Decider, DomainEvent, StoredEvent } from '@banshi/core';
import {
  createDisclosureDecider,
  createProactiveDecider,
  publicInfoCommandSchema,
  publicInfoStream,
  requestCommandSchema,
  requestStream,
  type DisclosureDecider,
  type RequestState,
} from '@banshi/disclosure';
import type { z } from 'zod';
import type { HttpActor } from '../auth/actor.js';
import type { AggregateKind } from '../auth/permissions.js';
import { maskName } from '../auth/masking.js';
import { HttpProblem } from '../errors/problem.js';

/** A decider with its state and command types erased, as routes use it. */
export type AnyDecider = Decider<unknown, unknown, DomainEvent>;

/**
 * What the routes need of the engine: the calendar and the deciders built on it.
 *
 * @example
 * const env = createEngine({ calendar: mainlandChinaCalendar() });
 */
export interface Engine {
  readonly calendar: WorkingCalendar;
  readonly approval: ApprovalDecider;
  readonly disclosure: DisclosureDecider;
  readonly proactive: AnyDecider;
}

/**
 * Options of {@link createEngine}: the calendar (default: the State Council's) and the
 * approval decider's options.
 *
 * @example
 * const o: EngineOptions = { calendar: mainlandChinaCalendar() };
 */
export interface EngineOptions {
  readonly calendar?: WorkingCalendar;
  readonly approval?: ApprovalDecider;
  readonly disclosure?: DisclosureDecider;
}

/**
 * Builds the deciders every route uses, once per app.
 *
 * @example
 * createEngine().approval.dueCheck(state, '2013-10-10');
 */
export function createEngine(options: EngineOptions = {}): Engine {
  const calendar = options.calendar ?? mainlandChinaCalendar();
  return {
    calendar,
    approval: options.approval ?? createApprovalDecider({ calendar }),
    disclosure: options.disclosure ?? createDisclosureDecider({ calendar }),
    proactive: createProactiveDecider({ calendar }) as unknown as AnyDecider,
  };
}

/** Who filed a stream: the actor of its first event. */
export interface Filer {
  readonly id: string;
  readonly role: string;
}

/** What an aggregate view may show to whom. */
export interface ViewContext {
  readonly today: BusinessDate;
  /** Personal data is masked (the public's scope). */
  readonly mask: boolean;
}

/**
 * One aggregate as the HTTP layer serves it: its stream naming, its zod command schema (the
 * package's own), its decider, and how its state is shown.
 *
 * @example
 * aggregates(createEngine()).cases.stream('TZ-2013-000001'); // 'case-TZ-2013-000001'
 */
export interface AggregateDef {
  readonly kind: AggregateKind;
  /** The package's own command schema: routes validate with it and OpenAPI is generated from it. */
  readonly schema: z.ZodType;
  readonly stream: (id: string) => string;
  readonly decider: AnyDecider;
  /** The version of the calendar the decider computes deadlines with (recorded as `meta.calendarVersion`); none for aggregates without deadlines. */
  readonly calendarVersion: string | undefined;
  /** The body field that must name the same id as the path (e.g. `caseId`), for the commands that carry one. */
  readonly idField: string | undefined;
  /** Business-date fields of each command, which the service fills for external actors (they may not backdate). */
  readonly dateFields: (type: string) => readonly string[];
  /** Fills fields that carry authority (an approver, a reviewer) from the actor, and channels for external actors. */
  readonly fromActor: (body: Record<string, unknown>, actor: HttpActor, today: BusinessDate) => Record<string, unknown>;
  /** Whether the public may see this target (published information). */
  readonly published: (state: unknown) => boolean;
  /** The state as JSON for a reader. */
  readonly view: (state: unknown, events: readonly StoredEvent[], ctx: ViewContext) => Record<string, unknown>;
}

const external = (actor: HttpActor) => actor.role === 'applicant' || actor.role === 'public' || actor.role === 'agency';

const setDates = (body: Record<string, unknown>, fields: readonly string[], today: BusinessDate): Record<string, unknown> => {
  const out = { ...body };
  for (const f of fields) out[f] = today;
  return out;
};

/** The case's warning level now: the worst of its running clocks. */
export function caseLevel(engine: Engine, state: CaseState, today: BusinessDate): 'normal' | 'yellow' | 'red' {
  return worstLevel(state, (name) => engine.approval.clockStatus(state, name, today));
}

type ClockReading = ReturnType<Engine['approval']['clockStatus']>;

/** The worst level of the running clocks, in clock order, as `read` gives them (a reading that throws, throws). */
function worstLevel(state: CaseState, read: (name: (typeof clockNames)[number]) => ClockReading): 'normal' | 'yellow' | 'red' {
  let level: 'normal' | 'yellow' | 'red' = 'normal';
  for (const name of clockNames) {
    const facts = state.data.clocks[name];
    if (!facts || facts.stoppedOn !== null) continue;
    const s = read(name);
    if (s?.level === 'red') return 'red';
    if (s?.level === 'yellow') level = 'yellow';
  }
  return level;
}

const unreadable = Symbol('unreadable');

/**
 * A case as readers see it: status, data, each clock read on `today`, the warning level, and
 * the timeline. The applicant's name is masked for the public.
 *
 * @example
 * caseView(engine, state, { today: '2013-10-10', mask: false }).clocks.statutory?.dueDate; // '2013-10-18'
 */
export function caseView(engine: Engine, state: CaseState, ctx: ViewContext) {
  const d = state.data;
  const clocks: Record<string, unknown> = {};
  // Each clock is read once: the level below is derived from the same readings.
  const readings = new Map<string, ClockReading | typeof unreadable>();
  for (const name of clockNames) {
    const facts = d.clocks[name];
    if (!facts) {
      clocks[name] = null;
      continue;
    }
    let reading: ClockReading | typeof unreadable;
    try {
      reading = engine.approval.clockStatus(state, name, ctx.today);
    } catch {
      reading = unreadable; // a calendar year without data: the due date is unknown, never an error (design §7)
    }
    readings.set(name, reading);
    clocks[name] = { ...facts, status: reading === unreadable ? null : reading };
  }
  let level: string = 'unknown';
  try {
    level = worstLevel(state, (name) => {
      const r = readings.get(name);
      if (r === unreadable || r === undefined) throw new Error(`clock ${name} has no reading`);
      return r;
    });
  } catch {
    level = 'unknown';
  }
  return {
    status: state.status,
    caseId: d.caseId,
    itemCode: d.itemCode,
    department: d.department,
    node: d.node,
    applicant: ctx.mask ? maskName(d.applicant) : d.applicant,
    agent: d.agent === null ? null : ctx.mask ? maskName(d.agent) : d.agent,
    agentParty: d.agentParty === null || ctx.mask ? null : d.agentParty,
    applicantId: ctx.mask ? null : d.applicantId,
    handling: d.handling,
    receivedOn: d.receivedOn,
    acceptance: d.acceptance,
    acceptedFrom: d.acceptedFrom,
    supplementNotices: d.supplementNotices,
    review: d.review,
    specialProcedure: d.specialProcedure,
    // 行政许可法 第四十六–四十八条: the right told, the request, the notice, the record; the parties' names masked for the public.
    hearing: d.hearing === null || !ctx.mask ? d.hearing : { ...d.hearing, parties: d.hearing.parties.map(maskName), requestedBy: d.hearing.requestedBy === null ? null : maskName(d.hearing.requestedBy) },
    extensions: d.extensions,
    outcome: d.outcome,
    decidedOn: d.decidedOn,
    certificateNo: d.certificateNo,
    rating: d.rating,
    visits: d.visits,
    requiredVisits: d.requiredVisits,
    promisedLimit: d.promisedLimit,
    warningLevel: level,
    statutoryDueDate: d.clocks.statutory?.dueDate ?? null,
    promisedDueDate: d.clocks.promised?.dueDate ?? null,
    clocks,
    timeline: d.timeline,
  };
}

/**
 * A disclosure request as readers see it: state, the reply clock on `today`, masked for the public.
 *
 * @example
 * requestView(engine, state, { today: '2020-03-20', mask: true }).reply?.dueDate;
 */
export function requestView(engine: Engine, state: RequestState, events: readonly StoredEvent[], ctx: ViewContext) {
  let reply: unknown = null;
  try {
    const clock = engine.disclosure.clock(state);
    reply = clock ? { ...clock.at(ctx.today), dueDate: clock.dueDate } : null;
  } catch {
    reply = null;
  }
  const first = events[0]?.data as { applicant?: { type?: string; name?: string }; description?: string } | undefined;
  const applicant = first?.applicant ? { type: first.applicant.type ?? null, name: ctx.mask && first.applicant.type === 'naturalPerson' ? maskName(first.applicant.name ?? '') : (first.applicant.name ?? '') } : null;
  // eventTypes: the steps taken, in order (a page draws the path on the machine's diagram); no personal data.
  return { ...state, applicant, description: ctx.mask ? null : (first?.description ?? null), reply, eventTypes: events.map((e) => e.type) };
}

/**
 * Who an outside party's online application names, from its session, never from the body: filing for itself it is the
 * applicant (`applicant.id`); filing as an agent (代办, 行政许可法 第二十九条第二款) it is the agent (`agent.id`, its
 * name), the applicant is whoever the body names, and the written authorisation (民法典 第一百六十五条) is required.
 */
function partiesFromActor(body: Record<string, unknown>, actor: HttpActor): Record<string, unknown> {
  const applicant = body.applicant as Record<string, unknown> | undefined;
  const agent = body.agent as Record<string, unknown> | undefined;
  if (agent === undefined || agent === null) {
    if (applicant && typeof applicant === 'object') return { ...body, applicant: { ...applicant, id: actor.id } };
    return body;
  }
  if (typeof agent !== 'object' || agent.authorization === undefined) {
    throw new HttpProblem(422, 'HTTP_AGENT_AUTHORIZATION_REQUIRED', 'an agent filing online must give its written authorisation (agent.authorization: document, ref, matter, signedOn, validUntil): nothing was written', {
      rule: { basis: '行政许可法 第二十九条第二款；民法典 第一百六十五条' },
    });
  }
  return { ...body, agent: { ...agent, id: actor.id, name: actor.name ?? (typeof agent.name === 'string' ? agent.name : actor.id) } };
}

/** Whether a register's target exists (its first event is stored). */
const recorded = (state: unknown) => (state as { status?: string }).status !== 'none';

/** A register the center keeps for itself (its staff write, no deadlines, no dates filled from the actor): shown as state and events. */
const centerRecord = (kind: AggregateKind, schema: z.ZodType, stream: (id: string) => string, decider: object, idField: string, published: (state: unknown) => boolean): AggregateDef => ({
  kind,
  schema,
  stream,
  decider: decider as AnyDecider,
  calendarVersion: undefined,
  idField,
  dateFields: () => [],
  fromActor: (body) => body,
  published,
  view: (state, events) => plain(state, events),
});

const plain = (state: unknown, events: readonly StoredEvent[]) => ({ state, events: events.map((e) => ({ position: e.position, version: e.version, type: e.type, data: e.data, on: e.meta.occurredAt })) });

/**
 * The aggregates the service takes commands for, keyed by their path segment.
 *
 * @example
 * const defs = aggregates(createEngine());
 * defs['disclosure-requests'].stream('R-1'); // 'disclosure-R-1'
 */
export function aggregates(engine: Engine): Readonly<Record<AggregateKind, AggregateDef>> {
  const approvalDates = (type: string) => (type === 'CheckDue' ? ['on'] : ['on']);
  return {
    cases: {
      kind: 'cases',
      schema: approvalCommandSchema,
      stream: (id) => `case-${id}`,
      decider: engine.approval as unknown as AnyDecider,
      calendarVersion: engine.calendar.version,
      idField: 'caseId',
      dateFields: approvalDates,
      fromActor(body, actor, today) {
        let out = body;
        // @banshi/approval takes the approver from the authenticated actor (DecideContext) and refuses a body that names one.
        if (body.type === 'Extend' && 'approvedBy' in out) {
          const { approvedBy: _fromBody, ...rest } = out;
          out = rest;
        }
        if (body.type === 'RecordOpinion' && actor.role === 'reviewer' && actor.department !== undefined && out.department === undefined) out = { ...out, department: actor.department };
        if (external(actor)) out = { ...setDates(out, approvalDates(String(body.type)), today), ...(body.type === 'CheckDue' ? {} : { channel: 'online', inPerson: false }) };
        if (external(actor) && body.type === 'Receive') out = partiesFromActor(out, actor);
        return out;
      },
      published: () => false,
      view: (state, _events, ctx) => caseView(engine, state as CaseState, ctx),
    },
    'disclosure-requests': {
      kind: 'disclosure-requests',
      schema: requestCommandSchema,
      stream: requestStream,
      decider: engine.disclosure as unknown as AnyDecider,
      calendarVersion: engine.calendar.version,
      idField: 'requestId',
      dateFields: (type) => (type === 'ReceiveRequest' ? ['submittedOn', 'confirmedOn'] : type === 'CheckDue' ? ['today'] : ['on']),
      fromActor(body, actor, today) {
        let out = body;
        if (external(actor) && body.type === 'ReceiveRequest') {
          const { signedOn: _s, ...rest } = out;
          out = { ...rest, channel: 'internet', submittedOn: today, confirmedOn: today };
        }
        return out;
      },
      published: () => false,
      view: (state, events, ctx) => requestView(engine, state as RequestState, events, ctx),
    },
    'public-info': {
      kind: 'public-info',
      schema: publicInfoCommandSchema,
      stream: publicInfoStream,
      decider: engine.proactive,
      calendarVersion: engine.calendar.version,
      idField: 'itemId',
      dateFields: (type) => (type === 'FormInfo' ? ['formedOn'] : ['on']),
      fromActor: (body) => body,
      published: (state) => (state as { status?: string }).status === 'published',
      view: (state) => ({ ...(state as object) }),
    },
    items: centerRecord('items', itemCommandSchema, catalogStreams.item, itemDecider, 'code', () => true),
    intermediaries: {
      kind: 'intermediaries',
      schema: agencyCommandSchema,
      stream: catalogStreams.agency,
      decider: agencyDecider as unknown as AnyDecider,
      calendarVersion: undefined,
      idField: 'agencyId',
      dateFields: (type) => ({ SubmitAgency: ['submittedOn'], UpdateAgency: ['updatedOn'] })[type] ?? [],
      fromActor(body, actor, today) {
        let out = body;
        if (body.type === 'ApproveAgency') out = { ...out, reviewer: actor.id };
        if (external(actor)) out = setDates(out, ({ SubmitAgency: ['submittedOn'], UpdateAgency: ['updatedOn'] } as Record<string, string[]>)[String(body.type)] ?? [], today);
        return out;
      },
      published: (state) => (state as { status?: string }).status === 'published',
      view: (state, events) => plain(state, events),
    },
    surveys: centerRecord('surveys', surveyCommandSchema, catalogStreams.survey, surveyDecider, 'surveyId', () => false),
    deals: centerRecord('deals', dealCommandSchema, catalogStreams.deal, dealDecider, 'dealId', recorded),
    'publicity-pieces': centerRecord('publicity-pieces', pieceCommandSchema, catalogStreams.publicity, pieceDecider, 'pieceId', recorded),
    publications: centerRecord('publications', publicationCommandSchema, catalogStreams.publication, publicationDecider, 'publicationId', recorded),
  };
}

/**
 * Which aggregate a stream belongs to, by its prefix (for SSE filtering and ownership).
 *
 * @example
 * kindOfStream('disclosure-R-1'); // 'disclosure-requests'
 */
export function kindOfStream(stream: string): AggregateKind | undefined {
  const prefix = stream.slice(0, stream.indexOf('-') + 1);
  return (
    {
      'case-': 'cases',
      'disclosure-': 'disclosure-requests',
      'publicinfo-': 'public-info',
      'item-': 'items',
      'agency-': 'intermediaries',
      'survey-': 'surveys',
      'deal-': 'deals',
      'publicity-': 'publicity-pieces',
      'publication-': 'publications',
    } as const satisfies Record<string, AggregateKind>
  )[prefix as 'case-'];
}
