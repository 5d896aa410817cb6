export { measurementWorkflow } from './measurement.ts';
export { sweepIncomingWorkflow } from './sweep-incoming.ts';
export { sealArchiveWorkflow, sealHourWorkflow } from './seal.ts';
export { reprocessWorkflow } from './reprocess.ts';
