// DETECTOR_DOMAINS: the watchlist override, a comma-separated list of domain names (lower-cased);
// unset keeps the Citizen Lab GRP list + twitter.com; anything else is a clear config error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadRuntimeConfig } from '../../../lib/config.ts';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/ooni' };

test('DETECTOR_DOMAINS: unset (or blank) → undefined; a list → its names, lower-cased and trimmed', () => {
  assert.equal(loadRuntimeConfig(base).DETECTOR_DOMAINS, undefined);
  assert.equal(loadRuntimeConfig({ ...base, DETECTOR_DOMAINS: '' }).DETECTOR_DOMAINS, undefined);
  assert.deepEqual(loadRuntimeConfig({ ...base, DETECTOR_DOMAINS: 'Twitter.com, www.facebook.com' }).DETECTOR_DOMAINS, [
    'twitter.com',
    'www.facebook.com',
  ]);
});

test('DETECTOR_DOMAINS: a value that is not a list of domain names is refused, naming the variable', () => {
  for (const bad of ['https://twitter.com/', 'twitter', 'a.org;b.org', ',']) {
    assert.throws(
      () => loadRuntimeConfig({ ...base, DETECTOR_DOMAINS: bad }),
      (e: unknown) => e instanceof ConfigError && /DETECTOR_DOMAINS/.test(e.message),
      bad,
    );
  }
});
