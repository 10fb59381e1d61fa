/** The Taizhou City Administrative Service Center in 2013 as the seed report describes it. */

export const centerId = 'tz';
export const centerName = '台州市人民政府行政服务中心';
/** The name the center discloses under (发布机构 of its proactive items and its annual report). */
export const agencyName = '台州市行政服务中心';

/** The main center and its four sub-centers (seed §二.3): node ids as written in `meta.node`. */
export const taizhouNodes = [
  { nodeId: 'tz-center', name: '市行政服务中心', domain: null },
  { nodeId: 'tz-sub-port', name: '港航分中心', domain: '港航' },
  { nodeId: 'tz-sub-hrss', name: '人力资源社会保障分中心', domain: '人力资源社会保障' },
  { nodeId: 'tz-sub-exit-entry', name: '公安出入境分中心', domain: '公安出入境' },
  { nodeId: 'tz-sub-vehicle', name: '公安车辆管理分中心', domain: '公安车辆管理' },
] as const;
export type TaizhouNode = (typeof taizhouNodes)[number]['nodeId'];

/**
 * City-level departments with approval items. The first 22 completed their standardization
 * (seed: "市质监局、文广新局、商务局等22家单位基本完成了编制工作"). `node` is where their
 * window sits.
 */
export const departments: readonly { readonly name: string; readonly node: TaizhouNode; readonly weight: number }[] = [
  { name: '市质监局', node: 'tz-center', weight: 3 },
  { name: '市文广新局', node: 'tz-center', weight: 2 },
  { name: '市商务局', node: 'tz-center', weight: 2 },
  { name: '市发改委', node: 'tz-center', weight: 3 },
  { name: '市经信委', node: 'tz-center', weight: 2 },
  { name: '市教育局', node: 'tz-center', weight: 2 },
  { name: '市民政局', node: 'tz-center', weight: 2 },
  { name: '市财政局', node: 'tz-center', weight: 1 },
  { name: '市环保局', node: 'tz-center', weight: 3 },
  { name: '市住建局', node: 'tz-center', weight: 5 },
  { name: '市规划局', node: 'tz-center', weight: 4 },
  { name: '市交通运输局', node: 'tz-center', weight: 3 },
  { name: '市水利局', node: 'tz-center', weight: 2 },
  { name: '市农业局', node: 'tz-center', weight: 2 },
  { name: '市林业局', node: 'tz-center', weight: 1 },
  { name: '市卫生局', node: 'tz-center', weight: 3 },
  { name: '市工商局', node: 'tz-center', weight: 8 },
  { name: '市安监局', node: 'tz-center', weight: 2 },
  { name: '市食品药品监管局', node: 'tz-center', weight: 4 },
  { name: '市国土资源局', node: 'tz-center', weight: 4 },
  { name: '市旅游局', node: 'tz-center', weight: 1 },
  { name: '市人防办', node: 'tz-center', weight: 1 },
  { name: '市港航管理局', node: 'tz-sub-port', weight: 4 },
  { name: '市人力社保局', node: 'tz-sub-hrss', weight: 6 },
  { name: '市公安局出入境管理局', node: 'tz-sub-exit-entry', weight: 8 },
  { name: '市公安局车辆管理所', node: 'tz-sub-vehicle', weight: 8 },
  { name: '市科技局', node: 'tz-center', weight: 1 },
  { name: '市民宗局', node: 'tz-center', weight: 1 },
  { name: '市司法局', node: 'tz-center', weight: 1 },
  { name: '市海洋与渔业局', node: 'tz-center', weight: 2 },
  { name: '市人口计生委', node: 'tz-center', weight: 1 },
  { name: '市国资委', node: 'tz-center', weight: 1 },
  { name: '市物价局', node: 'tz-center', weight: 1 },
  { name: '市粮食局', node: 'tz-center', weight: 1 },
  { name: '市气象局', node: 'tz-center', weight: 1 },
  { name: '市消防支队', node: 'tz-center', weight: 2 },
  { name: '市烟草专卖局', node: 'tz-center', weight: 1 },
  { name: '市统计局', node: 'tz-center', weight: 1 },
  { name: '市审计局', node: 'tz-center', weight: 1 },
  { name: '市地税局', node: 'tz-center', weight: 1 },
];
export const standardizedDepartments = 22;

/** Where the center publishes its trading notices (seed §二.6: 台州招投标网、台州日报、省政府采购网等). */
export const tradingOutlets = { platform: '台州招投标网', newspaper: '台州日报', provincialProcurement: '省政府采购网' } as const;

/** The municipal bulletin that adopts the center's reform pieces (seed §二.5: 被《台州政务信息》录用刊登). */
export const governmentBulletin = '台州政务信息';

/** The center's printed publications (seed §一.(1): 行政审批窗口许可、代理代办服务手册等; 服务指南). */
export const publications = [
  { publicationId: 'sc-window-licensing', kind: 'handbook', title: '行政审批窗口许可服务手册' },
  { publicationId: 'sc-agency-service', kind: 'handbook', title: '代理代办服务手册' },
  { publicationId: 'zn-service-guide', kind: 'serviceGuide', title: '行政审批服务指南' },
] as const;
