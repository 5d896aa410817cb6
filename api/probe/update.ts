// PUT /api/v1/update/{client_id}: the orchestra-era "update my registration" call. As in OONI's
// ooniprobe service it stores nothing and answers {"status":"ok"} for any client_id, once the body
// is a JSON object whose known fields have the registry's types; unknown fields are ignored.
// Nothing of the body (it may carry a password or token) is logged or kept.
import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { NO_CACHE, readJsonObject } from './http.ts';
import type { ProbeServicesOptions } from './options.ts';

const optionalText = z.string().nullish();

/** The body OONI's ProbeUpdate model accepts (orchestra registry fields, all optional). */
export const probeUpdateBody = z.object({
  probe_cc: optionalText,
  probe_asn: optionalText,
  platform: optionalText,
  software_name: optionalText,
  software_version: optionalText,
  supported_tests: z.array(z.string()).nullish(),
  network_type: optionalText,
  available_bandwidth: optionalText,
  language: optionalText,
  token: optionalText,
  probe_family: optionalText,
  probe_id: optionalText,
  password: optionalText,
});

export function createUpdateRoutes(_opts: ProbeServicesOptions): Hono {
  const app = new Hono();
  app.put('/api/v1/update/:client_id', async (c) => {
    const parsed = probeUpdateBody.safeParse(await readJsonObject(c));
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].sort().join(', ');
      throw new ApiError('invalid_probe_update', `wrong type for: ${fields}`);
    }
    return c.json({ status: 'ok' }, 200, NO_CACHE);
  });
  return app;
}
