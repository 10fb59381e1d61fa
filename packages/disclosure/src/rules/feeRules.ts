import type { BusinessDate } from '@banshi/calendar';

/**
 * 信息处理费 of 政府信息公开信息处理费管理办法（国办函〔2020〕109号）, in force from 2021-01-01 under
 * 2019 第四十二条. Charged per request either by count (按件, 第四条: the applicant's requests in one
 * calendar month) or by pages (按量, 第五条), never both (第三条), both progressive over the excess.
 * Amounts in fen (分), so arithmetic stays exact.
 *
 * @example
 * informationProcessingFee.perRequest.bands[1]; // { from: 11, to: 30, fenEach: 10000 }
 */
export const informationProcessingFee = {
  document: '国办函〔2020〕109号',
  inForceFrom: '2021-01-01',
  basis: '政府信息公开条例（2019） 第四十二条；国办函〔2020〕109号',
  /** 第四条: 同一申请人一个自然月内累计申请 — 10件以下不收费；11—30件 100元/件；31件以上以10件为一档，每增加一档提高100元/件. */
  perRequest: {
    basis: '国办函〔2020〕109号 第四条',
    bands: [
      { from: 1, to: 10, fenEach: 0 },
      { from: 11, to: 30, fenEach: 10_000 },
    ],
    /** From the 31st request: bands of 10, each 100 元/件 dearer than the one before. */
    beyond: { from: 31, bandSize: 10, firstFenEach: 20_000, stepFen: 10_000 },
  },
  /** 第五条: 30页以下不收费；31—100页 10元/页；101—200页 20元/页；201页以上 40元/页. */
  perPage: {
    basis: '国办函〔2020〕109号 第五条',
    bands: [
      { from: 1, to: 30, fenEach: 0 },
      { from: 31, to: 100, fenEach: 1_000 },
      { from: 101, to: 200, fenEach: 2_000 },
      { from: 201, to: null, fenEach: 4_000 },
    ],
  },
  /** 第六条: 申请人应当在收到收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请. */
  payment: { limit: 20, unit: 'workingDays', basis: '国办函〔2020〕109号 第六条' },
} as const;

/**
 * The fee for the `n`-th request of one applicant in one calendar month (按件, 第四条).
 *
 * @example
 * perRequestFenFor(10); // 0
 * perRequestFenFor(31); // 20000 (200 元)
 */
export function perRequestFenFor(n: number): number {
  const t = informationProcessingFee.perRequest;
  for (const b of t.bands) if (n >= b.from && n <= b.to) return b.fenEach;
  const band = Math.floor((n - t.beyond.from) / t.beyond.bandSize);
  return t.beyond.firstFenEach + band * t.beyond.stepFen;
}

/**
 * The 按件 fee of a request that counts as `pieces` requests (一事一申请) and brings the
 * applicant's total for the calendar month to `monthlyCount`: the excess is charged progressively.
 *
 * @example
 * perRequestFee(12, 3); // 20000: the 10th is free, the 11th and 12th are 100 元 each
 */
export function perRequestFee(monthlyCount: number, pieces: number): number {
  let fen = 0;
  for (let n = monthlyCount - pieces + 1; n <= monthlyCount; n++) fen += perRequestFenFor(n);
  return fen;
}

/**
 * The 按量 fee of one request of `pages` pages (第五条), progressive over the bands.
 *
 * @example
 * perPageFee(30); // 0
 * perPageFee(250); // 70 × 10 + 100 × 20 + 50 × 40 = 4700 元 → 470000
 */
export function perPageFee(pages: number): number {
  let fen = 0;
  for (const b of informationProcessingFee.perPage.bands) {
    const top = b.to === null ? pages : Math.min(pages, b.to);
    if (top >= b.from) fen += (top - b.from + 1) * b.fenEach;
  }
  return fen;
}

/**
 * A published fee standard for the 2008 era's cost fees (2008 第二十七条): the price and finance
 * departments of the place set it (发改价格〔2008〕1828号 leaves the amounts to them), so a center
 * configures its own, with the document that published it. Amounts in fen.
 *
 * @example
 * const fj: CostFeeStandard = { document: '闽价费〔2008〕472号', publishedOn: '2008-09-10', searchFen: 500, copyPerPageFen: 20 };
 */
export interface CostFeeStandard {
  /** The document number that published the standard. */
  readonly document: string;
  readonly publishedOn: BusinessDate;
  /** 检索费 per request. */
  readonly searchFen: number;
  /** 复制费 per page. */
  readonly copyPerPageFen: number;
}

/**
 * The 2008 cost fee of a reply: search, copies and postage at cost (第二十七条), from a standard.
 *
 * @example
 * costFee({ document: '闽价费〔2008〕472号', publishedOn: '2008-09-10', searchFen: 500, copyPerPageFen: 20 }, { search: true, pages: 12, postageFen: 1200 }); // 1940
 */
export function costFee(standard: CostFeeStandard, items: { readonly search: boolean; readonly pages: number; readonly postageFen: number }): number {
  return (items.search ? standard.searchFen : 0) + items.pages * standard.copyPerPageFen + items.postageFen;
}

/**
 * Fen as yuan with two decimals, exactly (no floating point).
 *
 * @example
 * yuan(470000); // '4700.00'
 */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
