// The CSV export as a zstd stream: records are gathered into chunks of about `frameChars`
// characters and each chunk is compressed into its own zstd frame. Concatenated frames are one
// valid .zst stream (every zstd decoder reads them in order), and memory stays one chunk.
import { compress, init } from '@bokuweb/zstd-wasm';
import { EXPORT_COLUMNS, type ExportRow } from '../../domain/exports/columns.ts';
import { csvHeader, csvRecord } from '../../domain/exports/csv-record.ts';
import type { ExportEncoder, ByteSink } from './encoder.ts';

const ZSTD_LEVEL = 3;
const DEFAULT_FRAME_CHARS = 4 * 1024 * 1024;

let ready: Promise<void> | undefined;

export class CsvZstdEncoder implements ExportEncoder {
  private parts: string[] = [];
  private chars = 0;
  private readonly utf8 = new TextEncoder();

  constructor(
    private readonly out: ByteSink,
    private readonly frameChars = DEFAULT_FRAME_CHARS,
  ) {
    this.add(csvHeader(EXPORT_COLUMNS));
  }

  private add(s: string): void {
    this.parts.push(s);
    this.chars += s.length;
  }

  async push(rows: readonly ExportRow[]): Promise<void> {
    for (const row of rows) {
      this.add(csvRecord(EXPORT_COLUMNS, row));
      if (this.chars >= this.frameChars) await this.frame();
    }
  }

  private async frame(): Promise<void> {
    if (this.chars === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    await (ready ??= init());
    await this.out(compress(this.utf8.encode(text), ZSTD_LEVEL));
  }

  async finish(): Promise<void> {
    await this.frame();
  }
}
