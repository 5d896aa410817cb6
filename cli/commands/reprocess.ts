// `ooni-pipeline reprocess --start-day D --end-day D [--cc X] [--test-name Y]`: starts the
// reprocess workflow, draws its progress, prints the verdict changes.
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { parseArgs } from 'node:util';
import { connectClient } from '../../client.ts';
import { archiveTestName } from '../../domain/archive/bucket.ts';
import { loadRuntimeConfig } from '../../lib/config.ts';
import type { ReprocessInput, ReprocessProgress } from '../../workflows/reprocess.ts';
import { drawProgress, formatTransitions } from './reprocess-output.ts';

export const summary = 're-score archived measurements of a day range with the current fingerprints';

const USAGE = `usage: ooni-pipeline reprocess --start-day YYYY-MM-DD --end-day YYYY-MM-DD [--cc CC] [--test-name NAME]

Re-scores the sealed jsonl files of the days (both inclusive) and upserts the fastpath rows.
Needs a running worker; running it again is harmless.`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (d: string | undefined): d is string => !!d && DAY.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

export function parseReprocessArgs(args: string[]): ReprocessInput | string {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { 'start-day': { type: 'string' }, 'end-day': { type: 'string' }, cc: { type: 'string' }, 'test-name': { type: 'string' } },
    }));
  } catch (e) {
    return (e as Error).message;
  }
  const [start, end] = [values['start-day'], values['end-day']];
  if (!validDay(start) || !validDay(end)) return '--start-day and --end-day: YYYY-MM-DD';
  if (end < start) return '--end-day is before --start-day';
  if (values.cc !== undefined && !/^[A-Z]{2}$/.test(values.cc)) return '--cc: two upper-case letters';
  const testName = values['test-name'] === undefined ? undefined : archiveTestName(values['test-name']);
  if (testName !== undefined && !/^[a-z0-9]{2,30}$/.test(testName)) return '--test-name: a test name such as web_connectivity';
  return { startDay: start, endDay: end, probeCc: values.cc, testName };
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) return (console.log(USAGE), 0);
  const input = parseReprocessArgs(args);
  if (typeof input === 'string') return (console.error(`${input}\n\n${USAGE}`), 2);
  const config = loadRuntimeConfig();
  const client = await connectClient(config);
  try {
    const handle = await client.workflow.start('reprocessWorkflow', {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowId: `reprocess-${input.startDay}-${input.endDay}-${input.probeCc ?? 'all'}-${input.testName ?? 'all'}`,
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    });
    const started = Date.now();
    const timer = setInterval(() => {
      handle
        .query<ReprocessProgress>('reprocessProgress')
        .then((p) => drawProgress(p, started))
        .catch(() => {});
    }, 500);
    let result: ReprocessProgress;
    try {
      result = await handle.result();
    } finally {
      clearInterval(timer);
    }
    drawProgress(result, started);
    process.stderr.write('\n');
    console.log(`reprocessed ${result.measurements} measurements in ${result.files} files (${result.rejected} gave no row)`);
    console.log(formatTransitions(result.transitions));
    return 0;
  } catch (e) {
    console.error(`reprocess failed: ${(e as Error).message}`);
    return 1;
  } finally {
    await client.connection.close();
  }
}
