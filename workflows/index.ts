/** Workflows registered by the worker (the bundle entry point). */
export { campaignWorkflow } from './campaign';
export { unitBatchWorkflow } from './unit-batch';
export { unitReviewWorkflow } from './unit-review';
export { synthesisWorkflow } from './synthesis';
export { conferenceWorkflow } from './conference';
export { scheduledCampaignWorkflow } from './scheduled-campaign';
export { awardsWorkflow } from './awards';
