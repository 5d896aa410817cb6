// What an export format's encoder is: rows in (batch by batch), bytes out to a sink that may
// make it wait (the S3 upload), so a month of any size goes through in bounded memory.
import type { ExportRow } from '../../domain/exports/columns.ts';

export type ByteSink = (bytes: Uint8Array) => Promise<void>;

export interface ExportEncoder {
  push(rows: readonly ExportRow[]): Promise<void>;
  finish(): Promise<void>;
}
