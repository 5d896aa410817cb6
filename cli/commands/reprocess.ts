// `ooni-pipeline reprocess --start-day D --end-day D [--cc X] [--test-name Y]`: starts the
// reprocess workflow, draws its progress, prints the verdict changes.
import { parseArgs } from 'node:util';
import { connectClient, reprocessProgressQuery, startReprocessWorkflow } from '../../client.ts';
import { validateReprocessRequest, type ReprocessProblem } from '../../domain/reprocess-request.ts';
import { loadRuntimeConfig } from '../../lib/config.ts';
import type { ReprocessInput, ReprocessProgress } from '../../workflows/reprocess.ts';
import { drawProgress, formatTransitions } from './reprocess-output.ts';

export const summary = 're-score archived measurements of a day range with the current fingerprints';

const USAGE = `usage: ooni-pipeline reprocess --start-day YYYY-MM-DD --end-day YYYY-MM-DD [--cc CC] [--test-name NAME]

Re-scores the sealed jsonl files of the days (both inclusive) and upserts the fastpath rows.
Needs a running worker; running it again is harmless.`;

/** The usage line for each problem of the request. */
const PROBLEMS: Record<ReprocessProblem, string> = {
  invalid_day: '--start-day and --end-day: YYYY-MM-DD',
  end_before_start: '--end-day is before --start-day',
  invalid_probe_cc: '--cc: two upper-case letters',
  invalid_test_name: '--test-name: a test name such as web_connectivity',
};

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
  const request = validateReprocessRequest({
    startDay: values['start-day'],
    endDay: values['end-day'],
    probeCc: values.cc,
    testName: values['test-name'],
  });
  return request.ok ? request.input : PROBLEMS[request.problem];
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) return (console.log(USAGE), 0);
  const input = parseReprocessArgs(args);
  if (typeof input === 'string') return (console.error(`${input}\n\n${USAGE}`), 2);
  const config = loadRuntimeConfig();
  const client = await connectClient(config);
  try {
    const handle = await startReprocessWorkflow(client, config.TEMPORAL_TASK_QUEUE, input);
    const started = Date.now();
    const timer = setInterval(() => {
      handle
        .query(reprocessProgressQuery)
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
