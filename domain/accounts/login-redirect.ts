// Where a login link may send the browser: redirect_to must be an http(s) URL whose origin is on
// the allow-list (LOGIN_REDIRECT_ALLOWLIST). The link itself is `<that origin>/login?token=…`, the
// page Explorer (and OONI Run, the test-lists editor) read the token from, as upstream's ooniauth.

/** The origin of `redirectTo` when it is an http(s) URL without credentials whose origin is allowed; else null. */
export function allowedRedirectOrigin(redirectTo: string, allowlist: readonly string[]): string | null {
  let u: URL;
  try {
    u = new URL(redirectTo);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (u.username || u.password) return null;
  return allowlist.includes(u.origin) ? u.origin : null;
}

/** The link mailed to the person: `<origin>/login?token=<token>`. */
export function loginLink(origin: string, token: string): string {
  return `${origin}/login?${new URLSearchParams({ token }).toString()}`;
}
