// GET /api/v1/exports parameters and the file names of GET /api/v1/exports/{file}.
import { z } from 'zod';
import { formatOfExtension, type ExportFormat } from '../../domain/exports/formats.ts';
import { parseExportMonth } from '../../domain/exports/month.ts';
import { invalid, queryParam } from './params.ts';

export const exportsQuery = z.object({
  month: queryParam(
    z
      .string()
      .regex(/^\d{4}-?\d{2}$/)
      .describe('only this month: YYYY-MM (or YYYYMM)'),
    (raw) => {
      if (raw === undefined || raw === '') return undefined;
      const month = parseExportMonth(raw);
      if (!month) throw invalid('month', `not a month YYYY-MM: ${JSON.stringify(raw)}`);
      return month;
    },
  ),
});

const FILE = /^(\d{4}-?\d{2})\.(csv\.zst|parquet)$/;

/** `202605.csv.zst`, `2026-05.parquet` → month and format, or null. */
export function parseExportFile(file: string): { month: string; format: ExportFormat } | null {
  const m = FILE.exec(file);
  const month = m ? parseExportMonth(m[1]!) : null;
  const format = m ? formatOfExtension(m[2]!) : null;
  return month && format ? { month, format } : null;
}
