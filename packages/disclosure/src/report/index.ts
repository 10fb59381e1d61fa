export {
  annualReport,
  annualReportProjection,
  checkRequestTable,
  finishAnnualReport,
  table3RowKeys,
  type AnnualReport,
  type AnnualReportOptions,
  type ProactiveActivity,
  type ProactiveTable,
  type ReportCheck,
  type Table3Cells,
  type Table3Row,
} from './annualReport.js';
export { emptyReportState, foldReportEvent, reportEventTypes, type ReportInputEvent } from './foldReportEvent.js';
export type { AnnualReportState, ReportItem, ReportRequest } from './reportState.js';
export { formatReport, reportFormats, type ReportFormat } from './formatReport.js';
