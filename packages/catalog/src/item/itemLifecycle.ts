/**
 * Cleanup decisions (清理结果) and what each means for the catalog: `reduces` counts toward
 * the reduction rate (削减率), `remainsInForce` says whether the item stays in this level's
 * catalog after the decision.
 *
 * @example
 * cleanupDecisions.delegated; // { label: '下放', reduces: true, remainsInForce: false }
 */
export const cleanupDecisions = {
  cancelled: { label: '取消', reduces: true, remainsInForce: false },
  delegated: { label: '下放', reduces: true, remainsInForce: false },
  adjusted: { label: '调整', reduces: true, remainsInForce: true },
  retained: { label: '保留', reduces: false, remainsInForce: true },
} as const;

/**
 * The decision names, in report order.
 *
 * @example
 * cleanupDecisionTypes; // ['cancelled', 'delegated', 'adjusted', 'retained']
 */
export const cleanupDecisionTypes = ['cancelled', 'delegated', 'adjusted', 'retained'] as const satisfies readonly (keyof typeof cleanupDecisions)[];
/**
 * One of {@link cleanupDecisionTypes}.
 *
 * @example
 * const d: CleanupDecision = 'delegated';
 */
export type CleanupDecision = (typeof cleanupDecisionTypes)[number];

/**
 * An item's lifecycle states: registered → standardized (all four standards published) →
 * cancelled / delegated / adjusted / retained. A decision may also come before standardization.
 *
 * @example
 * itemStatuses.includes('retained'); // true
 */
export const itemStatuses = ['registered', 'standardized', ...cleanupDecisionTypes] as const;
/**
 * One of {@link itemStatuses}.
 *
 * @example
 * const s: ItemStatus = 'standardized';
 */
export type ItemStatus = (typeof itemStatuses)[number];
