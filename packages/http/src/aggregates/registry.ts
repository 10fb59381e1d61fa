import { approvalEvents } from '@banshi/approval';
import { calendarEvents } from '@banshi/calendar';
import { catalogEvents } from '@banshi/catalog';
import { createEventRegistry } from '@banshi/core';
import { disclosureEvents } from '@banshi/disclosure';

/**
 * Every event type the service writes (approval, disclosure, catalog) and the calendar years a
 * deployment adds to its own log (`banshi calendar add-year … --to <store>`): give it to the
 * stores so they validate payloads on append and upcast on read.
 *
 * @example
 * const store = createSqliteStore('taizhou.db', { registry: banshiRegistry });
 */
export const banshiRegistry = createEventRegistry([...calendarEvents, ...approvalEvents, ...disclosureEvents, ...catalogEvents]);
