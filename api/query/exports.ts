// GET /api/v1/exports: the finished monthly bulk exports (docs/exports.md) with size, row count
// and sha256; GET /api/v1/exports/{YYYYMM}.{csv.zst,parquet}: the file itself, streamed from S3
// through the API (a byte Range is passed on, so an interrupted download can resume).
import { and, asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { fastpathExports } from '../../drizzle/schema.ts';
import { EXPORT_CONTENT_TYPES, EXPORT_EXTENSIONS } from '../../domain/exports/formats.ts';
import { displayMonth } from '../../domain/exports/month.ts';
import { openObject } from '../../lib/s3-read.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { parseExportFile, exportsQuery } from './exports-params.ts';
import { cacheFor } from './http.ts';
import { invalid, parseQuery } from './params.ts';

export function createExportsRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const t = fastpathExports;

  app.get('/api/v1/exports', async (c) => {
    const q = parseQuery(exportsQuery, c.req.query());
    const rows = await deps.db
      .select()
      .from(t)
      .where(and(eq(t.status, 'done'), q.month ? eq(t.month, q.month) : undefined))
      .orderBy(asc(t.month), asc(t.format));
    const base = deps.config.PUBLIC_BASE_URL ?? new URL(c.req.url).origin;
    const results = rows.map((r) => ({
      month: displayMonth(r.month),
      format: r.format,
      key: r.key,
      url: new URL(`/api/v1/exports/${r.month}.${EXPORT_EXTENSIONS[r.format]}`, base).toString(),
      bytes: r.bytes,
      rows: r.rows,
      sha256: r.sha256,
      created_at: r.completedAt?.toISOString() ?? null,
    }));
    return c.json({ results }, 200, cacheFor(300));
  });

  app.get('/api/v1/exports/:file', async (c) => {
    const file = parseExportFile(c.req.param('file'));
    if (!file) throw invalid('file', 'not YYYYMM.csv.zst or YYYYMM.parquet');
    const [row] = await deps.db
      .select()
      .from(t)
      .where(and(eq(t.month, file.month), eq(t.format, file.format), eq(t.status, 'done')));
    if (!row?.sha256) throw new ApiError('export_not_found', `no finished ${file.format} export of ${displayMonth(file.month)}`);
    const object = await openObject(deps.store, row.key, c.req.header('range')).catch((err: unknown) => {
      if ((err as Error).name !== 'S3UnavailableError') throw err;
      throw new ApiError('s3_unavailable', 'object storage is unavailable', { headers: { 'Retry-After': '10' }, cause: err });
    });
    if (object === 'not_satisfiable') throw new ApiError('range_not_satisfiable', `Range ${c.req.header('range')} is outside the file`);
    if (!object) throw new ApiError('export_not_found', `the ${file.format} export of ${displayMonth(file.month)} is missing from S3`);
    const headers: Record<string, string> = {
      'Content-Type': EXPORT_CONTENT_TYPES[file.format],
      'Content-Disposition': `attachment; filename=fastpath_${file.month}.${EXPORT_EXTENSIONS[file.format]}`,
      'Accept-Ranges': 'bytes',
      'Repr-Digest': `sha-256=:${Buffer.from(row.sha256, 'hex').toString('base64')}:`,
      ...cacheFor(86400),
    };
    if (object.etag) headers.ETag = object.etag;
    if (object.contentLength !== undefined) headers['Content-Length'] = String(object.contentLength);
    if (object.contentRange) headers['Content-Range'] = object.contentRange;
    return c.body(object.body, object.contentRange ? 206 : 200, headers);
  });
  return app;
}
