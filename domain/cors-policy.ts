// Which CORS grant a request gets: public read-only and probe routes are open to every origin
// without credentials; routes that take a session (and the operator routes, which take a bearer
// secret) only to the listed origins, with credentials. Pure: method, path and headers in, headers out.

export type CorsRouteKind = 'public' | 'session';

/** Paths (exact, or a prefix when ending in `/` or `*`) whose answer is granted to listed origins only. */
const SESSION_PATHS = [
  // accounts (ooniauth v1 and v2)
  '/api/v1/user_register',
  '/api/v1/user_login',
  '/api/v1/user_logout',
  '/api/v1/user_refresh_token',
  '/api/_/account_metadata',
  '/api/v2/ooniauth/',
  // what a session lets a user do
  '/api/_/measurement_feedback*',
  '/api/_/quotas_summary',
  '/api/v1/incidents/',
  '/api/v2/oonirun/',
  // operators (Authorization: Bearer <OPERATOR_TOKEN>)
  '/api/v1/operator/',
] as const;

/** Methods a browser may use cross-origin (GET, HEAD and POST need no grant; listed for clarity). */
const ALLOW_METHODS = 'GET, HEAD, POST, PUT, DELETE, OPTIONS';
/**
 * Request headers a browser client sends: Explorer's axios sends Authorization (its session) and
 * Content-Type (JSON bodies); its Sentry tracing adds sentry-trace and baggage where configured to.
 */
const ALLOW_HEADERS = 'Authorization, Content-Type, Accept, Accept-Language, Content-Language, X-Requested-With, sentry-trace, baggage';
/** Response headers beyond the safelisted ones that a client reads: quotas, downloads, auth challenges. */
const EXPOSE_HEADERS = 'Retry-After, X-RateLimit-Remaining, Content-Disposition, WWW-Authenticate';
/** Seconds a browser may cache a preflight answer (Chromium caps it at 7200; Firefox at 86400). */
const MAX_AGE = '7200';

/** The kind of `path`. Compared case-insensitively and without trailing slashes, so a spelling variant is never opened wider. */
export function corsRouteKind(path: string): CorsRouteKind {
  const p = path.toLowerCase().replace(/\/+$/, '');
  const isSession = SESSION_PATHS.some((s) => {
    if (s.endsWith('*')) return p.startsWith(s.slice(0, -1));
    if (s.endsWith('/')) return p === s.slice(0, -1) || p.startsWith(s);
    return p === s;
  });
  return isSession ? 'session' : 'public';
}

export interface CorsRequest {
  method: string;
  path: string;
  /** The Origin request header, if any. */
  origin: string | undefined;
}

export interface CorsAnswer {
  /** OPTIONS: answered here with 204 and `headers`, never passed on to the routes. */
  preflight: boolean;
  /** Headers to put on the answer (on an error too). `Vary` is to be appended to, not replaced. */
  headers: Record<string, string>;
}

/** The CORS headers of a request's answer; `allowedOrigins` holds exact origins (`https://explorer.ooni.org`). */
export function corsAnswer(req: CorsRequest, allowedOrigins: ReadonlySet<string>): CorsAnswer {
  const preflight = req.method.toUpperCase() === 'OPTIONS';
  const headers: Record<string, string> = {};
  if (corsRouteKind(req.path) === 'public') {
    headers['Access-Control-Allow-Origin'] = '*';
  } else {
    // the grant depends on Origin: caches must keep one answer per origin, also the refused ones
    headers['Vary'] = 'Origin';
    if (req.origin === undefined || !allowedOrigins.has(req.origin)) return { preflight, headers };
    headers['Access-Control-Allow-Origin'] = req.origin;
    headers['Access-Control-Allow-Credentials'] = 'true';
  }
  if (preflight) {
    headers['Access-Control-Allow-Methods'] = ALLOW_METHODS;
    headers['Access-Control-Allow-Headers'] = ALLOW_HEADERS;
    headers['Access-Control-Max-Age'] = MAX_AGE;
  } else {
    headers['Access-Control-Expose-Headers'] = EXPOSE_HEADERS;
  }
  return { preflight, headers };
}
