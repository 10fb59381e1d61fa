export { catalogEvents, catalogRegistry, catalogStreams, type CatalogEvent } from './catalogEvents.js';
