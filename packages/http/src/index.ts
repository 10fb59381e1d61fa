/**
 * @banshi/http — the banshi engine as an HTTP service (Hono): commands with Idempotency-Key
 * and If-Match, per-case queries, lists from read models kept in the store's own database,
 * center reports, Server-Sent Events, webhooks from the log, the due-check scheduler, a
 * role–permission matrix with legal bases, tenants, RFC 9457 problems and OpenAPI 3.1.
 */
export { createBanshiApp } from './app/createBanshiApp.js';
export type { AccessLogEntry, BanshiApp, BanshiAppOptions, TenantConfig, TenantRuntime } from './app/createBanshiApp.js';
export { aggregates, caseLevel, caseView, createEngine, kindOfStream, requestView } from './aggregates/aggregates.js';
export type { AggregateDef, AnyDecider, Engine, EngineOptions, ViewContext } from './aggregates/aggregates.js';
export { isHttpActor, publicActor, roles } from './auth/actor.js';
export type { Authenticate, HttpActor, Role } from './auth/actor.js';
export { commandPermissions, commandScope, queryPermissions, queryScope } from './auth/permissions.js';
export type { AggregateKind, Permission, QueryKey, Scope } from './auth/permissions.js';
export { maskName, maskPersonalData } from './auth/masking.js';
export { anyOf, createBearerAuth, createSessionAuth } from './auth/session.js';
export type { BearerAuthOptions, SessionAuth, SessionAuthOptions } from './auth/session.js';
export { settableClock, systemClock } from './clock/businessClock.js';
export type { BusinessClock, SettableClock } from './clock/businessClock.js';
export { httpErrorCodes, HttpProblem, problemType, ruleOf, toProblem } from './errors/problem.js';
export type { HttpErrorCode, Problem } from './errors/problem.js';
export { readJsonBody } from './app/body.js';
export type { BodyLimits } from './app/body.js';
export { createRateLimiter } from './app/rateLimit.js';
export type { RateLimiter } from './app/rateLimit.js';
export { executeCommand, inSpan, tracer } from './app/execute.js';
export type { ExecuteInput, ExecuteResult } from './app/execute.js';
export { jsonReplacer, liveFold } from './app/liveFold.js';
export type { LiveFold } from './app/liveFold.js';
export { caseTasksProjection, disclosureRequestsProjection, recordedLevel } from './readModels/readModels.js';
export type { CaseTaskDoc, DisclosureRequestDoc, FilerRef } from './readModels/readModels.js';
export { tradingBoard } from './readModels/tradingBoard.js';
export type { TradingDeal } from './readModels/tradingBoard.js';
export { publicityBoard, serviceNetwork, surveyBoard, surveyRates } from './readModels/centerRegisters.js';
export type { NetworkNode, PublicityBoard, ServiceNetworkState, SurveyBatch } from './readModels/centerRegisters.js';
export { eventsRoute, sseId } from './sse/eventStream.js';
export type { EventsRouteOptions } from './sse/eventStream.js';
export { openApiDocument } from './openapi/openApiDocument.js';
export { banshiRegistry } from './aggregates/registry.js';
export { createDueCheckScheduler } from './scheduler/dueCheckScheduler.js';
export type { DueCheckRun, DueCheckScheduler, DueCheckSchedulerOptions } from './scheduler/dueCheckScheduler.js';
export { createWebhookOutbox, signWebhook, verifyWebhook } from './outbox/webhookOutbox.js';
export type { SubscriberStatus, WebhookOutbox, WebhookOutboxOptions, WebhookSubscriber } from './outbox/webhookOutbox.js';
export { startServer } from './server/startServer.js';
export type { RunningServer, StartServerOptions } from './server/startServer.js';
