export { CampaignOpened, CampaignClosed, campaignEvents, type CampaignEvent } from './campaignEvents.js';
export { campaignDecider, campaignCommandSchema, campaignLifecycle, type CampaignCommand, type CampaignState, type CampaignStatus } from './campaignDecider.js';
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
