export { catalogErrorCodes, ItemNotInForceError, type CatalogErrorCode } from './catalogErrors.js';
