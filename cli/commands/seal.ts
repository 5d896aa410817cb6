// `ooni-pipeline seal [--hour YYYYMMDDHH]`: runs the seal workflow on the worker and waits.
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import { parseArgs } from 'node:util';
import { connectClient, sealArchiveWorkflowId, startSealArchiveWorkflow, startSealHourWorkflow } from '../../client.ts';
import { parseHour } from '../../domain/archive/bucket.ts';
import { loadRuntimeConfig } from '../../lib/config.ts';
import type { SealSummary } from '../../workflows/seal.ts';

export const summary = 'seal closed hour buckets into jsonl + postcans on S3 (or one --hour)';

const USAGE = `usage: ooni-pipeline seal [--hour YYYYMMDDHH] [--part-bytes N]

Without --hour, seals every closed hour that has staged measurements (what the seal-archive
schedule runs). With --hour, seals that hour (workflow seal-YYYYMMDDHH). Needs a running worker.`;

export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { hour: { type: 'string' }, 'part-bytes': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) return (console.log(USAGE), 0);
  if (values.hour !== undefined && !parseHour(values.hour)) return (console.error(`--hour: not YYYYMMDDHH\n\n${USAGE}`), 2);
  const partBytes = values['part-bytes'] === undefined ? undefined : Number(values['part-bytes']);
  if (partBytes !== undefined && !(Number.isInteger(partBytes) && partBytes > 0)) return (console.error('--part-bytes: a positive integer'), 2);

  const config = loadRuntimeConfig();
  const client = await connectClient(config);
  try {
    const options = { collectorId: config.COLLECTOR_ID, ...(partBytes ? { partBytes } : {}) };
    const taskQueue = config.TEMPORAL_TASK_QUEUE;
    const handle = values.hour
      ? await startSealHourWorkflow(client, taskQueue, { ...options, hour: values.hour })
      : await startSealArchiveWorkflow(client, taskQueue, options, {
          workflowId: sealArchiveWorkflowId('cli', Date.now()),
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        });
    const result: SealSummary = await handle.result();
    console.log(JSON.stringify(result));
    if (result.missing > 0) console.error(`${result.missing} staged measurements have no incoming object; run \`ooni-pipeline verify\``);
    return result.missing > 0 ? 1 : 0;
  } catch (e) {
    console.error(`seal failed: ${(e as Error).message}${(e as Error).cause ? `: ${((e as Error).cause as Error).message}` : ''}`);
    return 1;
  } finally {
    await client.connection.close();
  }
}
