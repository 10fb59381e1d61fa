import { tradingCategories, tradingCategoryNames } from '@banshi/catalog';
import { parseCenterConfig, type CenterConfig } from '@banshi/center-report';
import { agencyName, centerId, centerName, departments, taizhouNodes } from './taizhouOrg.js';

/**
 * The Taizhou center as a center-report configuration: the same data the generator writes from,
 * so `centerReport(state, { year: 2013, center: taizhouCenter })` prints the seed's organisation.
 * The trading categories are the five the seed reports (§二.6), in its order, each reporting as
 * `@banshi/catalog`'s built-in definition says.
 *
 * @example
 * writeFileSync('center.json', JSON.stringify(taizhouCenter, null, 2));
 */
export const taizhouCenter: CenterConfig = parseCenterConfig({
  centerId,
  name: centerName,
  agency: agencyName,
  departments: departments.map((d) => d.name),
  subCenters: taizhouNodes.filter((n) => n.domain !== null).map((n) => ({ nodeId: n.nodeId, name: n.name })),
  tradingCategories: tradingCategoryNames.map((code) => {
    const { label, area, savings, rateBasis } = tradingCategories[code];
    return { code, label, area, savings, rateBasis };
  }),
});
