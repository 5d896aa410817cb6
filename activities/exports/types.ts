// The export activity's input, heartbeat and result, shared by the workflow, the CLI and the tests.
import type { ExportFormat } from '../../domain/exports/formats.ts';

export interface ExportMonthInput {
  /** `YYYYMM` */
  month: string;
  format: ExportFormat;
  /** rows per cursor fetch, CSV zstd frame and Parquet row group (default 20 000) */
  batchRows?: number;
  /** multipart part size (default 8 MiB) */
  partBytes?: number;
}

/** The heartbeat details: what the CLI draws. */
export interface ExportProgress {
  month: string;
  format: ExportFormat;
  rows: number;
  /** rows of the month in the export's snapshot */
  total: number;
  bytes: number;
}

export interface ExportResult {
  month: string;
  format: ExportFormat;
  key: string;
  bytes: number;
  rows: number;
  sha256: string;
  etag: string;
  /** true when the month was already exported: nothing was read or written */
  skipped: boolean;
}
