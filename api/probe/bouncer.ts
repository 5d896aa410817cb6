// POST /bouncer/net-tests: the pre-2020 discovery call, answered statically as the original
// did, with ourselves as collector and the first configured helper of each kind.
import { Hono } from 'hono';
import { ApiError } from '../errors.ts';
import { NO_CACHE, readJsonObject } from './http.ts';
import type { ProbeServicesOptions } from './options.ts';

function firstNetTest(body: Record<string, unknown>): { name: string; version: string } | null {
  const list = body['net-tests'];
  if (!Array.isArray(list) || list.length === 0) return null;
  const first: unknown = list[0];
  if (typeof first !== 'object' || first === null) return null;
  const { name, version } = first as Record<string, unknown>;
  return typeof name === 'string' && typeof version === 'string' ? { name, version } : null;
}

export function createBouncerRoutes(opts: ProbeServicesOptions): Hono {
  const app = new Hono();
  app.post('/bouncer/net-tests', async (c) => {
    const body = await readJsonObject(c).catch((err: unknown) => {
      throw err instanceof ApiError ? new ApiError('malformed_request', 'Malformed request') : err;
    });
    const netTest = firstNetTest(body);
    if (!netTest) throw new ApiError('malformed_request', 'Malformed request: expected {"net-tests":[{"name","version"}]}');
    const helpers = opts.testHelpers;
    const firstAddress = (key: string) => helpers[key]?.[0]?.address ?? null;
    return c.json(
      {
        'net-tests': [
          {
            name: netTest.name,
            version: netTest.version,
            collector: opts.publicBaseUrl,
            'collector-alternate': [{ type: 'https', address: opts.publicBaseUrl }],
            'input-hashes': null,
            'test-helpers': {
              'tcp-echo': firstAddress('tcp-echo'),
              'http-return-json-headers': firstAddress('http-return-json-headers'),
              'web-connectivity': firstAddress('web-connectivity'),
            },
            'test-helpers-alternate': { 'web-connectivity': helpers['web-connectivity'] ?? [] },
          },
        ],
      },
      200,
      NO_CACHE,
    );
  });
  return app;
}
