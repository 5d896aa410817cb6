// GET /api/v1/raw_measurement and GET /api/v1/measurement/{uid}: the raw measurement body.
import { Hono } from 'hono';
import { isValidMeasurementUid } from '../../domain/ids/measurement-uid.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { cacheFor } from './http.ts';
import { lookupMeta } from './meta-lookup.ts';
import { fetchRawMeasurement } from './raw-body.ts';
import { measurementByUidQuery, parseMetaQuery } from './single-params.ts';
import { parseQuery } from './params.ts';

const JSON_TYPE = { 'Content-Type': 'application/json' };

export function createRawMeasurementRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.get('/api/v1/raw_measurement', async (c) => {
    const { key } = parseMetaQuery(c.req.query(), 'Either report_id or measurement_uid must be provided');
    const meta = await lookupMeta(deps.sql, key);
    if (!meta) return c.json({}, 200, cacheFor(60));
    const body = await fetchRawMeasurement(deps, meta.measurement_uid);
    if (!body) throw new ApiError('raw_measurement_not_found', 'Measurement body not found');
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { ...JSON_TYPE, ...cacheFor(86400) });
  });

  app.get('/api/v1/measurement/:uid', async (c) => {
    const uid = c.req.param('uid') ?? '';
    const { download } = parseQuery(measurementByUidQuery, c.req.query());
    if (!isValidMeasurementUid(uid)) throw new ApiError('invalid_measurement_uid', 'Incorrect or inexistent measurement_uid');
    const meta = await lookupMeta(deps.sql, { uid });
    const body = meta ? await fetchRawMeasurement(deps, uid) : null;
    if (!body) throw new ApiError('measurement_not_found', 'Measurement not found');
    const headers: Record<string, string> = { ...JSON_TYPE, ...cacheFor(3600) };
    if (download) {
      headers['Content-Disposition'] = `attachment; filename=ooni_measurement-${uid}.json`;
    }
    return c.body(body as Uint8Array<ArrayBuffer>, 200, headers);
  });
  return app;
}
