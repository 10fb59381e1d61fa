import type { ItemElements } from '../item/itemElements.js';

/** Test-only (excluded from the build and the package): a complete, valid 行政许可 item's elements, for tests and examples; override any field. */
export function exampleElements(overrides: Partial<ItemElements> = {}): ItemElements {
  return {
    name: '食品经营许可',
    type: '行政许可',
    department: '市市场监管局',
    level: 'city',
    legalBasis: ['食品安全法 第三十五条'],
    statutoryLimitDays: 20,
    promisedLimitDays: 5,
    handling: '承诺件',
    requiredVisits: 1,
    onlineDepth: 'onlineIntake',
    materials: ['申请书', '营业执照', '场所平面图'],
    steps: ['受理', '审查', '决定'],
    fees: [],
    specialProcedures: [],
    ...overrides,
  };
}
