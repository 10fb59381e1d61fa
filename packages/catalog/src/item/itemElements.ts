import { z } from 'zod';
import { count, fen, text } from '../_lib/schemas.js';

/**
 * The three kinds of catalog item (事项类别).
 *
 * @example
 * itemTypes[0]; // '行政许可'
 */
export const itemTypes = ['行政许可', '非行政许可审批', '日常管理服务事项'] as const;
/**
 * One of {@link itemTypes}.
 *
 * @example
 * const t: ItemType = '非行政许可审批';
 */
export type ItemType = (typeof itemTypes)[number];

/**
 * Administrative levels, highest first: 市 / 县(市、区) / 乡镇(街道) / 村(社区). 下放 moves an item down this list.
 *
 * @example
 * itemLevels.indexOf('county') > itemLevels.indexOf('city'); // true: county is lower
 */
export const itemLevels = ['city', 'county', 'township', 'village'] as const;
/**
 * One of {@link itemLevels}.
 *
 * @example
 * const l: ItemLevel = 'township';
 */
export type ItemLevel = (typeof itemLevels)[number];

/**
 * How an item is handled: decided on the spot (即办件) or within a promised limit (承诺件).
 *
 * @example
 * handlingModes; // ['即办件', '承诺件']
 */
export const handlingModes = ['即办件', '承诺件'] as const;
/**
 * One of {@link handlingModes}.
 *
 * @example
 * const h: HandlingMode = '即办件';
 */
export type HandlingMode = (typeof handlingModes)[number];

/**
 * Online service depth, shallowest first: information published online, forms downloadable,
 * online intake and review (网上受理、网上审核), fully online (全程网办).
 *
 * @example
 * onlineDepths.indexOf('fullyOnline'); // 3
 */
export const onlineDepths = ['information', 'download', 'onlineIntake', 'fullyOnline'] as const;
/**
 * One of {@link onlineDepths}.
 *
 * @example
 * const d: OnlineDepth = 'fullyOnline';
 */
export type OnlineDepth = (typeof onlineDepths)[number];

/**
 * Special procedures not counted in the limit (行政许可法 第四十五条).
 *
 * @example
 * specialProcedureKinds.includes('专家评审'); // true
 */
export const specialProcedureKinds = ['听证', '招标', '拍卖', '检验', '检测', '检疫', '鉴定', '专家评审'] as const;
/**
 * One of {@link specialProcedureKinds}.
 *
 * @example
 * const k: SpecialProcedureKind = '听证';
 */
export type SpecialProcedureKind = (typeof specialProcedureKinds)[number];

/**
 * The four standards of 审批标准化: power elements (权力要素标准), process (流程标准),
 * discretion (裁量标准) and service (服务标准). An item is standardized once all four are published.
 *
 * @example
 * standardKinds.length; // 4
 */
export const standardKinds = ['powerElements', 'process', 'discretion', 'service'] as const;
/**
 * One of {@link standardKinds}.
 *
 * @example
 * const k: StandardKind = 'discretion';
 */
export type StandardKind = (typeof standardKinds)[number];

const fee = z.strictObject({ name: text, amountFen: fen, basis: z.string() });
const specialProcedure = z.strictObject({ kind: z.enum(specialProcedureKinds), expectedDays: count });

/**
 * An item's elements (事项要素) as stored in events. Limits are in working days;
 * `statutoryLimitDays` is `null` when no statute sets one (e.g. 日常管理服务事项);
 * `statutoryLimitBasis` names the law and article of a limit that differs from 第四十二条's.
 *
 * @example
 * itemElementsSchema.parse({ name: '食品经营许可', type: '行政许可', department: '市市场监管局', level: 'city',
 *   legalBasis: ['食品安全法 第三十五条'], statutoryLimitDays: 20, promisedLimitDays: 5, handling: '承诺件',
 *   requiredVisits: 1, onlineDepth: 'onlineIntake', materials: ['申请书'], steps: ['受理', '审查', '决定'],
 *   fees: [], specialProcedures: [] });
 */
export const itemElementsSchema = z.strictObject({
  name: text,
  type: z.enum(itemTypes),
  department: text,
  level: z.enum(itemLevels),
  legalBasis: z.array(text),
  statutoryLimitDays: count.nullable(),
  /**
   * Where a statutory limit other than 第四十二条's comes from (行政许可法 第四十二条: 法律、法规另有规定的，依照其规定),
   * e.g. `{ law: '食品安全法', article: '第三十五条' }`. Absent when the item follows 第四十二条.
   */
  statutoryLimitBasis: z.object({ law: text, article: text }).strict().optional(),
  promisedLimitDays: count,
  handling: z.enum(handlingModes),
  requiredVisits: count,
  onlineDepth: z.enum(onlineDepths),
  materials: z.array(text),
  steps: z.array(text),
  fees: z.array(fee),
  specialProcedures: z.array(specialProcedure),
});
/**
 * An item's elements in force (see {@link itemElementsSchema}).
 *
 * @example
 * const e: ItemElements = itemElementsSchema.parse(input);
 */
export type ItemElements = z.infer<typeof itemElementsSchema>;

/**
 * Elements as a command gives them: `statutoryLimitDays` may be left out, and a 行政许可 item
 * then gets the default of 行政许可法 第四十二条.
 *
 * @example
 * itemElementsInputSchema.safeParse({ ...elements, statutoryLimitDays: undefined }).success; // true
 */
export const itemElementsInputSchema = itemElementsSchema.extend({ statutoryLimitDays: count.nullable().optional() });
/**
 * See {@link itemElementsInputSchema}.
 *
 * @example
 * const { statutoryLimitDays: _, ...input }: ItemElementsInput = elements; // Art. 42 default applies
 */
export type ItemElementsInput = z.infer<typeof itemElementsInputSchema>;
