/**
 * The figures the 2013 report prints, as printed (the seed's own rounding). The generator takes
 * its inputs from here, and the seed check compares replayed figures with them at the precision
 * the seed printed; nothing here is ever output as a result.
 */
export const seedFigures = {
  items: '897',
  cancelled: '159',
  delegated: '64',
  adjusted: '106',
  retained: '568',
  reductionRate: '36.7%',
  standardizedDepartments: '22',
  governmentWebsite: '877',
  centerPortal: '998',
  requestsReceived: '0',
  intermediariesSubmitted: '108',
  intermediariesPublished: '59',
  surveyIssued: '614',
  surveyReturned: '546',
  satisfaction: '100%',
  procurementDeals: '160',
  procurementMarket: '2.93亿元',
  procurementPrice: '2.42亿元',
  procurementSavingsRate: '16%',
  constructionDeals: '396',
  constructionPrice: '83.2亿元',
  constructionSavings: '8.73亿元',
  constructionSavingsRate: '10.5%',
  landDeals: '62',
  landArea: '276公顷',
  landPrice: '81.4亿元',
  propertyDeals: '4',
  propertyPrice: '1.08亿元',
  otherDeals: '24',
  otherPrice: '0.22亿元',
  subCenters: '4',
  noticePublications: '1441',
  noticeRate: '100%',
  reformArticles: '215',
  briefings: '13',
  adoptedPieces: '5',
  handbookCopies: '5000多册',
  serviceGuideCopies: '近万份',
} as const;

/** One trading line of seed §二.6, amounts in 0.01 亿元. */
export interface TradingLine {
  readonly category: 'governmentProcurement' | 'constructionTender' | 'landTransfer' | 'stateProperty' | 'other';
  readonly deals: number;
  readonly priceHundredthYi: number;
  readonly marketHundredthYi?: number;
  readonly savingsHundredthYi?: number;
  readonly areaSqm?: number;
}

/** The trading lines as generator input: only what the seed prints (procurement has no budget, construction no control price). */
export const tradingLines: readonly TradingLine[] = [
  { category: 'governmentProcurement', deals: 160, priceHundredthYi: 242, marketHundredthYi: 293 },
  { category: 'constructionTender', deals: 396, priceHundredthYi: 8320, savingsHundredthYi: 873 },
  { category: 'landTransfer', deals: 62, priceHundredthYi: 8140, areaSqm: 2_760_000 },
  { category: 'stateProperty', deals: 4, priceHundredthYi: 108 },
  { category: 'other', deals: 24, priceHundredthYi: 22 },
];
