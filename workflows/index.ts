export { measurementWorkflow } from './measurement.ts';
export { sweepIncomingWorkflow } from './sweep-incoming.ts';
