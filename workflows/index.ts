export { measurementWorkflow } from './measurement.ts';
