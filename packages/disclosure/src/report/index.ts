export {
  annualReport,
  annualReportProjection,
  checkRequestTable,
  finishAnnualReport,
  table3RowKeys,
  table3RowKeys2019,
  type AnnualReport,
  type AnnualReport2008,
  type AnnualReport2019,
  type AnnualReport2021,
  type AnnualReportOptions,
  type FeeSummary,
  type ProactiveActivity,
  type ProactiveTable,
  type ProactiveTable2019,
  type ReportCheck,
  type RequestSummary,
  type Requests2008,
  type Table3Cells,
  type Table3Row,
  type Table3Row2019,
} from './annualReport.js';
export { annualReportFormatFor, annualReportFormats, type AnnualReportFormatId } from './annualReportFormats.js';
export { emptyReportState, foldReportEvent, reportEventTypes, type ReportInputEvent } from './foldReportEvent.js';
export type { AnnualReportState, ReportItem, ReportRequest } from './reportState.js';
export { formatReport, reportFormats, type ReportFormat } from './formatReport.js';
export { reportSections, type ReportSection, type ReportTable } from './reportSections.js';
