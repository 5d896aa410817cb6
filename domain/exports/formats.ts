// The two formats of a monthly export and what each looks like on S3 and over HTTP.

export const EXPORT_FORMATS = ['csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The file extension of each format: the CSV is a zstd stream, Parquet compresses inside. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv.zst', parquet: 'parquet' };

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'application/zstd',
  parquet: 'application/vnd.apache.parquet',
};

export const isExportFormat = (s: string): s is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(s);

/** The format a file extension names (`csv.zst` → csv), or null. */
export function formatOfExtension(ext: string): ExportFormat | null {
  return EXPORT_FORMATS.find((f) => EXPORT_EXTENSIONS[f] === ext) ?? null;
}
