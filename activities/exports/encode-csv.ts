// The CSV export as a zstd stream: each batch of rows becomes its own zstd frame (the header
// goes with the first). Concatenated frames are one valid .zst stream (zstd decoders read them
// in order: `zstd -d`, python-zstandard with read_across_frames, fzstd), and memory stays one batch.
import { compress, init } from '@bokuweb/zstd-wasm';
import { EXPORT_COLUMNS, type ExportRow } from '../../domain/exports/columns.ts';
import { csvHeader, csvRecord } from '../../domain/exports/csv-record.ts';
import type { ByteSink, ExportEncoder } from './encoder.ts';

const ZSTD_LEVEL = 3;

let ready: Promise<void> | undefined;

export class CsvZstdEncoder implements ExportEncoder {
  private header: string | null = csvHeader(EXPORT_COLUMNS);
  private readonly utf8 = new TextEncoder();

  constructor(private readonly out: ByteSink) {}

  private async frame(text: string): Promise<void> {
    await (ready ??= init());
    await this.out(compress(this.utf8.encode(text), ZSTD_LEVEL));
  }

  async push(rows: readonly ExportRow[]): Promise<void> {
    if (rows.length === 0) return;
    let text = this.header ?? '';
    this.header = null;
    for (const row of rows) text += csvRecord(EXPORT_COLUMNS, row);
    await this.frame(text);
  }

  /** A month without rows is the header alone. */
  async finish(): Promise<void> {
    if (this.header !== null) await this.frame(this.header);
    this.header = null;
  }
}
