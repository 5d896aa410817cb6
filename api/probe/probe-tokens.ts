// HS256 JWTs of the legacy registration/login flow: client_id (aud "probe_login") and login
// token (aud "probe_token"). Neither carries `exp`, as in the original; iat is not checked
// against the wall clock because our clock is injected.
import { sign, verify } from 'hono/jwt';

export const CLIENT_ID_AUDIENCE = 'probe_login';
export const TOKEN_AUDIENCE = 'probe_token';

export function signClientId(secret: string, now: Date): Promise<string> {
  return sign({ iat: Math.floor(now.getTime() / 1000), aud: CLIENT_ID_AUDIENCE }, secret, 'HS256');
}

export function signProbeToken(secret: string, registrationTime: number | undefined): Promise<string> {
  const payload = registrationTime === undefined ? { aud: TOKEN_AUDIENCE } : { registration_time: registrationTime, aud: TOKEN_AUDIENCE };
  return sign(payload, secret, 'HS256');
}

/** Verified claims, or null for a bad signature, wrong audience or malformed token. */
export async function verifyProbeJwt(secret: string, token: string, audience: string): Promise<Record<string, unknown> | null> {
  try {
    return (await verify(token, secret, { alg: 'HS256', aud: audience, iat: false })) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export function looksLikeJwt(s: string): boolean {
  return s.split('.').length === 3;
}
