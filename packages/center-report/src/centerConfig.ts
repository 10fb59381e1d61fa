import { BanshiError } from '@banshi/core';
import { z } from 'zod';

const id = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'write letters, digits, ".", "_" or "-", starting with a letter or digit, as the log writes it' });
const name = z.string().trim().min(1, { message: 'write the name as the report should print it' });

/**
 * The organisation a center report prints, as data: which center, under which name it discloses,
 * its departments, sub-centers and trading categories. A JSON file of this shape is what
 * `banshi replay --report center --center FILE` reads.
 *
 * @example
 * centerConfigSchema.parse({ centerId: 'demo', name: '示例市政务服务中心', tradingCategories: [{ code: 'procurement', label: '政府采购', savings: 'budget', rateBasis: 'reference' }] });
 */
export const centerConfigSchema = z.strictObject({
  /** The center's id as the node registry writes it (`CenterEstablished.centerId`). */
  centerId: id,
  /** The center's name as the report's title prints it. */
  name,
  /** The disclosing agency (发布机构) whose requests and proactive items count; omit for all. */
  agency: name.optional(),
  /** Departments as the log names them (`department` of a case), with the name to print; a plain string is both. */
  departments: z.array(z.union([name, z.strictObject({ id: name, name })])).default([]),
  /** Sub-centers by node id (`SubCenterOpened.nodeId`), with the name to print. */
  subCenters: z.array(z.strictObject({ nodeId: id, name })).default([]),
  /**
   * The trading categories in report order: `code` as deals carry it (`DealRegistered.category`),
   * `label` to print, `area` whether it records 出让面积, `savings` what savings are measured
   * against (`budget`, `marketPrice`, or `null` for none) and `rateBasis` the denominator of the
   * savings rate (`reference`: savings / budget or market price, `award`: savings / winning price).
   * Omitted: the categories the log's deals carry.
   */
  tradingCategories: z
    .array(
      z.strictObject({
        code: id,
        label: name,
        area: z.boolean().default(false),
        savings: z.enum(['budget', 'marketPrice']).nullable().default(null),
        rateBasis: z.enum(['reference', 'award']).nullable().default(null),
      }),
    )
    .optional(),
});

/**
 * A center's organisation as {@link centerConfigSchema} reads it (defaults filled in).
 *
 * @example
 * const c: CenterConfig = parseCenterConfig(JSON.parse(readFileSync('center.json', 'utf8')));
 */
export type CenterConfig = z.output<typeof centerConfigSchema>;

/**
 * What a center configuration file may contain: {@link CenterConfig} before defaults.
 *
 * @example
 * const input: CenterConfigInput = { centerId: 'demo', name: '示例市政务服务中心' };
 */
export type CenterConfigInput = z.input<typeof centerConfigSchema>;

/**
 * Codes of the errors `@banshi/center-report` throws, with what to do.
 *
 * @example
 * centerReportErrorCodes.CENTER_REPORT_CONFIG_INVALID;
 */
export const centerReportErrorCodes = {
  CENTER_REPORT_CONFIG_INVALID: 'the center configuration does not have the documented shape: fix the field the message names (see "Reports for any center" in the @banshi/center-report README)',
} as const;

/**
 * A center configuration that does not have the documented shape. `field` is the path of the
 * first wrong field (`tradingCategories.1.savings`), `issues` every problem found.
 *
 * @example
 * try { parseCenterConfig({}); } catch (e) { if (e instanceof CenterConfigError) console.log(e.field); } // 'centerId'
 */
export class CenterConfigError extends BanshiError {
  readonly field: string;
  readonly issues: readonly { readonly field: string; readonly message: string }[];
  constructor(issues: readonly { readonly field: string; readonly message: string }[], source?: string) {
    const first = issues[0] ?? { field: '(root)', message: 'not a center configuration' };
    super(
      'CENTER_REPORT_CONFIG_INVALID',
      `invalid center configuration${source ? ` in ${source}` : ''}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}. ` +
        `A center configuration is { "centerId": "demo", "name": "示例市政务服务中心", "agency"?, "departments"?: ["…"], "subCenters"?: [{ "nodeId", "name" }], "tradingCategories"?: [{ "code", "label", "area"?, "savings"?: "budget"|"marketPrice"|null, "rateBasis"?: "reference"|"award"|null }] }.`,
    );
    this.field = first.field;
    this.issues = issues;
  }
}

/**
 * Reads a center configuration (a parsed JSON value) and fills in its defaults. Throws
 * {@link CenterConfigError} (`CENTER_REPORT_CONFIG_INVALID`) naming each wrong field and what to
 * write; a sub-center, department or category given twice is refused too.
 *
 * @example
 * const center = parseCenterConfig({ centerId: 'demo', name: '示例市政务服务中心', subCenters: [{ nodeId: 'demo-east', name: '东区分中心' }] });
 * centerReport(state, { year: 2014, center });
 */
export function parseCenterConfig(input: unknown, source?: string): CenterConfig {
  const r = centerConfigSchema.safeParse(input);
  if (!r.success) {
    throw new CenterConfigError(
      r.error.issues.map((i) => {
        const field = i.path.length ? i.path.map(String).join('.') : '(root)';
        return { field, message: i.code === 'unrecognized_keys' ? `${i.message}: not a field of a center configuration, remove it` : i.message };
      }),
      source,
    );
  }
  const c = r.data;
  const twice: { field: string; message: string }[] = [];
  const unique = (field: string, values: readonly string[]) => {
    const seen = new Set<string>();
    values.forEach((v, i) => {
      if (seen.has(v)) twice.push({ field: `${field}.${i}`, message: `${JSON.stringify(v)} is given twice: list each once` });
      seen.add(v);
    });
  };
  unique('departments', c.departments.map((d) => (typeof d === 'string' ? d : d.id)));
  unique('subCenters', c.subCenters.map((s) => s.nodeId));
  unique('tradingCategories', (c.tradingCategories ?? []).map((t) => t.code));
  (c.tradingCategories ?? []).forEach((t, i) => {
    if ((t.savings === null) !== (t.rateBasis === null)) twice.push({ field: `tradingCategories.${i}.rateBasis`, message: t.savings === null ? 'a category without savings has no savings rate: write null' : 'a category with savings needs the rate basis: write "reference" or "award"' });
  });
  if (twice.length) throw new CenterConfigError(twice, source);
  return c;
}
