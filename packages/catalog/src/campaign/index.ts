export { CampaignOpened, CampaignClosed, campaignEvents, type CampaignEvent } from './campaignEvents.js';
export { campaignDecider, campaignCommandSchema, type CampaignCommand, type CampaignState } from './campaignDecider.js';
export { campaignMachine, campaignTable, nextCampaignStatus, campaignStatuses, type CampaignStatus } from './campaignMachine.js';
export {
  cleanupReport,
  decidedItems,
  reducedItems,
  reductionRate,
  fourReductions,
  decisionsWithinCampaign,
  type CleanupReportState,
  type CampaignFigures,
  type ReductionTotals,
  type ReductionLine,
} from './cleanupReport.js';
