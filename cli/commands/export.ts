// `ooni-pipeline export --month YYYY-MM [--format csv|parquet|both]`: exports one month of
// fastpath rows to S3 now. It starts the same workflow the monthly schedule runs
// (export-fastpath-YYYYMM, on the worker; one code path, retries and the exactly-once record
// included) and draws the running activity's heartbeats on stderr.
import { parseArgs } from 'node:util';
import type { ExportResult } from '../../activities/exports/types.ts';
import { connectClient, startExportFastpathWorkflow } from '../../client.ts';
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from '../../domain/exports/formats.ts';
import { displayMonth, parseExportMonth } from '../../domain/exports/month.ts';
import { loadRuntimeConfig } from '../../lib/config.ts';
import { drawExportProgress, exportProgressOf } from './export-progress.ts';

export const summary = 'export one month of fastpath rows to S3 as CSV (zstd) and Parquet';

const USAGE = `usage: ooni-pipeline export --month YYYY-MM [--format csv|parquet|both] [--batch-rows N]

Writes the month's fastpath rows (UTC measurement_start_time) to exports/fastpath/YYYYMM.csv.zst
and exports/fastpath/YYYYMM.parquet on S3, as the monthly fastpath-export schedule does
(workflow export-fastpath-YYYYMM). A file already exported is not written again. Needs a
running worker; progress goes to stderr, one JSON line per file to stdout.`;

interface ExportArgs {
  month: string;
  formats: ExportFormat[];
  batchRows?: number;
}

export function parseExportArgs(args: string[]): ExportArgs | string {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { month: { type: 'string' }, format: { type: 'string' }, 'batch-rows': { type: 'string' } } }));
  } catch (e) {
    return (e as Error).message;
  }
  const month = values.month === undefined ? null : parseExportMonth(values.month);
  if (!month) return '--month: YYYY-MM';
  const format = values.format ?? 'both';
  if (format !== 'both' && !isExportFormat(format)) return '--format: csv, parquet or both';
  const batchRows = values['batch-rows'] === undefined ? undefined : Number(values['batch-rows']);
  if (batchRows !== undefined && !(Number.isInteger(batchRows) && batchRows > 0 && batchRows <= 1_000_000))
    return '--batch-rows: an integer from 1 to 1000000';
  return { month, formats: format === 'both' ? [...EXPORT_FORMATS] : [format], ...(batchRows ? { batchRows } : {}) };
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) return (console.log(USAGE), 0);
  const parsed = parseExportArgs(args);
  if (typeof parsed === 'string') return (console.error(`${parsed}\n\n${USAGE}`), 2);
  const config = loadRuntimeConfig();
  const client = await connectClient(config);
  try {
    const handle = await startExportFastpathWorkflow(client, config.TEMPORAL_TASK_QUEUE, parsed);
    const started = Date.now();
    let drawn = false;
    const timer = setInterval(() => {
      exportProgressOf(handle)
        .then((p) => {
          if (!p) return;
          process.stderr.write(drawExportProgress(p, started, Date.now()));
          drawn = true;
        })
        .catch(() => {});
    }, 500);
    let results: ExportResult[];
    try {
      results = await handle.result();
    } finally {
      clearInterval(timer);
    }
    if (drawn) process.stderr.write('\n');
    for (const r of results) {
      process.stderr.write(
        `${displayMonth(r.month)} ${r.format}: ${r.skipped ? 'already exported' : 'exported'} ${r.rows} rows, ${r.bytes} bytes → ${r.key}\n`,
      );
      console.log(JSON.stringify(r));
    }
    return 0;
  } catch (e) {
    console.error(`export failed: ${(e as Error).message}${(e as Error).cause ? `: ${((e as Error).cause as Error).message}` : ''}`);
    return 1;
  } finally {
    await client.connection.close();
  }
}
