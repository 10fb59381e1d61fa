export * from './disclosureEvents.js';
