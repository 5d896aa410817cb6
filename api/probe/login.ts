// POST /api/v1/register and /api/v1/login: the "orchestra" credentials probe-cli needs before
// it may fetch tor targets or the Psiphon config.
import { Hono } from 'hono';
import { ApiError } from '../errors.ts';
import { NO_CACHE, formatRfc3339, readJsonObject } from './http.ts';
import { CLIENT_ID_AUDIENCE, looksLikeJwt, signClientId, signProbeToken, verifyProbeJwt } from './probe-tokens.ts';
import type { ProbeServicesOptions } from './options.ts';

const TOKEN_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export function createLoginRoutes(opts: ProbeServicesOptions): Hono {
  const app = new Hono();

  app.post('/api/v1/register', async (c) => {
    await readJsonObject(c);
    // The metadata (platform, software, supported_tests…) is not used, as in the original.
    return c.json({ client_id: await signClientId(opts.jwtSecret, opts.now()) }, 200, NO_CACHE);
  });

  app.post('/api/v1/login', async (c) => {
    const { username, password } = await readJsonObject(c);
    if (typeof username !== 'string' || typeof password !== 'string' || username === '') {
      throw new ApiError('invalid_credentials', 'Invalid credentials');
    }
    let registrationTime: number | undefined;
    // A username that is not a JWT at all is a "legacy login" and is accepted, as in the original.
    if (looksLikeJwt(username)) {
      const claims = await verifyProbeJwt(opts.jwtSecret, username, CLIENT_ID_AUDIENCE);
      if (!claims || typeof claims['iat'] !== 'number') throw new ApiError('invalid_credentials', 'Invalid credentials');
      registrationTime = claims['iat'];
    }
    const now = opts.now();
    return c.json(
      {
        token: await signProbeToken(opts.jwtSecret, registrationTime),
        expire: formatRfc3339(new Date(now.getTime() + TOKEN_LIFETIME_MS)),
      },
      200,
      NO_CACHE,
    );
  });

  return app;
}
