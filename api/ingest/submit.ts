// The two submit endpoints: POST /report/{report_id} (probes ≤ v3.29) and
// POST /api/v1/submit_measurement (v3.30+). Bad input: 4xx, nothing stored.
// A dependency away: 503 + Retry-After, so the probe retries; never an ack without durability.
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { parseSubmission } from '../../domain/submission/index.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { acceptMeasurement } from './accept-measurement.ts';
import { DependencyUnavailableError } from './dependency-unavailable.ts';
import { submitterLocation } from './submitter-location.ts';

const RETRY_AFTER_SECONDS = '30';
const OVERLOADED_RETRY_AFTER_SECONDS = '5';
const NO_CACHE = { 'Cache-Control': 'no-cache' };

export function createSubmitRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const limit = bodyLimit({
    maxSize: deps.config.MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError('body_too_large', `request body exceeds ${deps.config.MAX_BODY_BYTES} bytes`);
    },
  });

  // Bounded memory: at most MAX_INFLIGHT_UPLOADS bodies are read and acknowledged at once;
  // beyond that the probe is told to come back later rather than queued.
  let inflight = 0;
  const submit = async (c: Context, reportId: string | undefined) => {
    if (inflight >= deps.config.MAX_INFLIGHT_UPLOADS) {
      deps.log.warn({ inflight }, 'upload refused: too many uploads in flight');
      throw new ApiError('overloaded', 'too many uploads in flight; retry later', { headers: { 'Retry-After': OVERLOADED_RETRY_AFTER_SECONDS } });
    }
    inflight++;
    try {
      return await submitOne(c, reportId);
    } finally {
      inflight--;
    }
  };

  const submitOne = async (c: Context, reportId: string | undefined) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    const result = parseSubmission(
      { body, contentEncoding: c.req.header('content-encoding'), reportId },
      {
        maxBodyBytes: deps.config.MAX_BODY_BYTES,
        maxDecompressedBytes: deps.config.MAX_DECOMPRESSED_BYTES,
        now: deps.clock(),
        random: (n) => new Uint8Array(randomBytes(n)),
        collectorId: deps.config.COLLECTOR_ID,
      },
    );
    if (result.kind === 'discard') return c.json({}, 200, NO_CACHE);
    if (result.kind === 'rejected') {
      const message = result.details ? `${result.message} [${result.details.join(', ')}]` : result.message;
      throw new ApiError(result.code, message);
    }
    try {
      const ack = await acceptMeasurement(deps, result, await submitterLocation(deps, c));
      deps.log.info({ uid: ack.uid, duplicate: ack.duplicate, test: result.testName, cc: result.probeCc }, 'measurement received');
      if (reportId !== undefined) return c.json({ measurement_uid: ack.uid }, 200, NO_CACHE);
      return c.json(
        {
          measurement_uid: ack.uid,
          report_id: result.reportId,
          verification_status: 'unverified',
          submit_response: null,
          protocol_version: null,
          error: null,
        },
        200,
        NO_CACHE,
      );
    } catch (err) {
      if (!(err instanceof DependencyUnavailableError)) throw err;
      deps.log.warn({ err: err.message }, 'upload refused: dependency unavailable');
      throw new ApiError(`${err.dependency}_unavailable`, `${err.dependency} is unavailable; retry later`, {
        headers: { 'Retry-After': RETRY_AFTER_SECONDS },
      });
    }
  };

  app.post('/report/:report_id', limit, (c) => submit(c, c.req.param('report_id')));
  app.post('/api/v1/submit_measurement', limit, (c) => submit(c, undefined));
  return app;
}
