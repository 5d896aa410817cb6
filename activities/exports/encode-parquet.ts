// The Parquet export: one row group per batch of rows, written by hyparquet-writer's
// ParquetWriter into a ByteWriter that hands its bytes to the sink after every row group, so only
// one row group is in memory. Typed columns: strings UTF8, probe_asn and ooni_run_link_id INT64,
// booleans BOOLEAN, test_runtime DOUBLE, times INT64 TIMESTAMP(MILLIS, UTC); only
// ooni_run_link_id is nullable. Pages are snappy-compressed (hyparquet-writer's built-in codec,
// read by every Parquet reader).
import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import { EXPORT_COLUMNS, type ExportColumn, type ExportRow } from '../../domain/exports/columns.ts';
import type { ByteSink, ExportEncoder } from './encoder.ts';

function element(c: ExportColumn): SchemaElement {
  const repetition_type = c.nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (c.kind) {
    case 'text':
      return { name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type };
    case 'int64':
      return { name: c.name, type: 'INT64', repetition_type };
    case 'bool':
      return { name: c.name, type: 'BOOLEAN', repetition_type };
    case 'float64':
      return { name: c.name, type: 'DOUBLE', repetition_type };
    case 'timestamp':
      return {
        name: c.name,
        type: 'INT64',
        converted_type: 'TIMESTAMP_MILLIS',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
        repetition_type,
      };
  }
}

const PARQUET_SCHEMA: SchemaElement[] = [{ name: 'root', num_children: EXPORT_COLUMNS.length }, ...EXPORT_COLUMNS.map(element)];

function columnValues(c: ExportColumn, rows: readonly ExportRow[]): unknown[] {
  const values = rows.map((r) => r[c.name] ?? null);
  if (c.kind === 'int64') return values.map((v) => (v === null ? null : BigInt(v as string)));
  if (c.kind === 'timestamp') return values.map((v) => new Date(v as number));
  return values;
}

export class ParquetEncoder implements ExportEncoder {
  private readonly bytes = new ByteWriter(1024 * 1024);
  private readonly writer: ParquetWriter;

  constructor(out: ByteSink) {
    const bytes = this.bytes;
    // After each row group (and at the end) the bytes so far leave the buffer; `offset` keeps counting.
    const drain = () => {
      const chunk = new Uint8Array(bytes.buffer, 0, bytes.index).slice();
      bytes.index = 0;
      return out(chunk);
    };
    Object.assign(bytes, { flush: drain, finish: drain });
    this.writer = new ParquetWriter({ writer: bytes, schema: PARQUET_SCHEMA, codec: 'SNAPPY', createdBy: 'ooni-pipeline' });
  }

  async push(rows: readonly ExportRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.writer.write({
      columnData: EXPORT_COLUMNS.map((c) => ({ name: c.name, data: columnValues(c, rows) as never })),
      rowGroupSize: rows.length,
    });
  }

  async finish(): Promise<void> {
    await this.writer.finish();
  }
}
