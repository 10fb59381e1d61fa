export {
  itemTypes,
  itemLevels,
  handlingModes,
  onlineDepths,
  specialProcedureKinds,
  standardKinds,
  itemElementsSchema,
  itemElementsInputSchema,
  type ItemType,
  type ItemLevel,
  type HandlingMode,
  type OnlineDepth,
  type SpecialProcedureKind,
  type StandardKind,
  type ItemElements,
  type ItemElementsInput,
} from './itemElements.js';
export { cleanupDecisions, cleanupDecisionTypes, itemStatuses, type CleanupDecision, type ItemStatus } from './itemLifecycle.js';
export { applyItemEvent, emptyItemData, itemGuards, itemMachine, itemMachineStatuses, itemTable, nextItemStatus, type ItemData, type ItemGuard, type ItemMachineStatus } from './itemMachine.js';
export { ItemRegistered, ItemRevised, ItemStandardPublished, ItemCleanupDecided, itemEvents, type ItemEvent } from './itemEvents.js';
export { itemDecider, itemCommandSchema, type ItemCommand, type ItemState } from './itemDecider.js';
export {
  catalogView,
  itemVersionOn,
  requireItemVersionOn,
  departmentStandardization,
  type CatalogViewState,
  type CatalogItem,
  type CatalogItemVersion,
  type ItemVersion,
  type DepartmentStandardization,
} from './catalogView.js';
