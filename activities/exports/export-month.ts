// One month's fastpath rows as one export file on S3, exactly once:
// - a month whose exports row is `done` is left alone (nothing read, nothing written);
// - otherwise, holding a per-file advisory lock for the whole run (a second attempt waits its
//   turn and retries), the unfinished multipart uploads of a crashed attempt are aborted, the
//   row becomes `running` with the new upload id, the rows stream from a server-side cursor in
//   one repeatable-read snapshot (the count and the rows agree) through the encoder into the
//   multipart upload, and only after S3 completed the object are its size, row count and
//   sha256 recorded and the row set `done`. A crash anywhere before leaves a `running` row,
//   never listed, and the next attempt starts over.
import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import { EXPORT_CONTENT_TYPES, isExportFormat } from '../../domain/exports/formats.ts';
import { parseExportMonth } from '../../domain/exports/month.ts';
import { exportKey } from '../../domain/s3-keys.ts';
import { abortStaleUploads, MultipartWriter } from '../../lib/s3-multipart.ts';
import type { ActivityDeps } from '../deps.ts';
import { CsvZstdEncoder } from './encode-csv.ts';
import { ParquetEncoder } from './encode-parquet.ts';
import type { ExportEncoder } from './encoder.ts';
import { countMonthRows, selectMonthRows } from './month-rows.ts';
import type { ExportMonthInput, ExportProgress, ExportResult } from './types.ts';

const DEFAULT_BATCH_ROWS = 20_000;

interface DoneRow {
  key: string;
  bytes: number;
  rows: number;
  sha256: string;
  etag: string;
}

export function exportFastpathMonth(deps: ActivityDeps) {
  const findDone = async (month: string, format: string): Promise<DoneRow | undefined> => {
    const [row] = await deps.sql<DoneRow[]>`
      select key, bytes::float8 as bytes, rows::float8 as rows, sha256, etag from exports
      where month = ${month} and format = ${format} and status = 'done'`;
    return row;
  };

  return async (input: ExportMonthInput): Promise<ExportResult> => {
    const { month, format } = input;
    if (parseExportMonth(month) !== month || !isExportFormat(format)) {
      throw ApplicationFailure.create({ type: 'InvalidExport', nonRetryable: true, message: `bad export ${JSON.stringify({ month, format })}` });
    }
    const key = exportKey(month, format);
    const skipped = (row: DoneRow): ExportResult => ({ month, format, ...row, skipped: true });
    const done = await findDone(month, format);
    if (done) return skipped(done);

    return deps.sql.begin('isolation level repeatable read read only', async (tx) => {
      const [lock] = await tx<{ locked: boolean }[]>`select pg_try_advisory_xact_lock(hashtextextended(${`export:${key}`}, 0)) as locked`;
      if (!lock?.locked) throw ApplicationFailure.create({ type: 'ExportBusy', message: `another attempt is exporting ${key}` });
      const again = await findDone(month, format);
      if (again) return skipped(again);

      const aborted = await abortStaleUploads(deps.store, key);
      if (aborted > 0) deps.log.warn({ key, aborted }, 'aborted unfinished uploads of an earlier attempt');
      const [count] = await countMonthRows(tx, month);
      const progress: ExportProgress = { month, format, rows: 0, total: count?.n ?? 0, bytes: 0 };
      heartbeat(progress);

      const upload = await MultipartWriter.start(deps.store, key, EXPORT_CONTENT_TYPES[format], input.partBytes);
      try {
        await deps.sql`
          insert into exports (month, format, key, status, upload_id, started_at)
          values (${month}, ${format}, ${key}, 'running', ${upload.uploadId}, now())
          on conflict (month, format) do update set
            key = excluded.key, status = 'running', upload_id = excluded.upload_id, started_at = excluded.started_at,
            bytes = null, rows = null, sha256 = null, etag = null, completed_at = null`;
        const sink = (bytes: Uint8Array) => upload.write(bytes);
        const encoder: ExportEncoder = format === 'csv' ? new CsvZstdEncoder(sink) : new ParquetEncoder(sink);
        for await (const batch of selectMonthRows(tx, month).cursor(input.batchRows ?? DEFAULT_BATCH_ROWS)) {
          await encoder.push(batch);
          progress.rows += batch.length;
          progress.bytes = upload.bytes;
          heartbeat(progress);
        }
        await encoder.finish();
        const object = await upload.finish();
        const recorded = await deps.sql`
          update exports set status = 'done', bytes = ${object.bytes}, rows = ${progress.rows}, sha256 = ${object.sha256},
            etag = ${object.etag}, completed_at = now(), upload_id = null
          where month = ${month} and format = ${format} and status = 'running' and upload_id = ${upload.uploadId}`;
        if (recorded.count !== 1) throw new Error(`the exports row of ${key} changed during the export`);
        deps.log.info({ key, rows: progress.rows, bytes: object.bytes }, 'month exported');
        return { month, format, key, bytes: object.bytes, rows: progress.rows, sha256: object.sha256, etag: object.etag, skipped: false };
      } catch (err) {
        await upload.abort().catch(() => {});
        throw err;
      }
    });
  };
}
