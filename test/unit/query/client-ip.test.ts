// clientIp: which address the query rate limiter meters, by the number of trusted proxies; and
// the TRUSTED_PROXY_HOPS / QUERY_RATE_LIMIT* settings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientIp, normaliseIp } from '../../../api/query/rate-limit.ts';
import { parseRateLimits as parseLimits } from '../../../lib/config.ts';
import { ConfigError, loadRuntimeConfig } from '../../../lib/config.ts';

const SOCKET = '192.0.2.10';

test('hops 0: the socket address; X-Forwarded-For is ignored whatever it says', () => {
  assert.equal(clientIp(undefined, SOCKET, 0), SOCKET);
  assert.equal(clientIp('203.0.113.5', SOCKET, 0), SOCKET);
  assert.equal(clientIp('203.0.113.5, 198.51.100.1', SOCKET, 0), SOCKET);
  assert.equal(clientIp('203.0.113.5', undefined, 0), 'unknown'); // no socket (app.request)
});

test('hops 1: the last entry, the one the proxy appended; the forged ones left of it are not read', () => {
  assert.equal(clientIp('203.0.113.5', SOCKET, 1), '203.0.113.5');
  assert.equal(clientIp('1.1.1.1, 2.2.2.2, 203.0.113.5', SOCKET, 1), '203.0.113.5');
  assert.equal(clientIp('1.1.1.1,203.0.113.5', SOCKET, 1), '203.0.113.5');
  assert.equal(clientIp('2001:DB8::1, 2001:db8::2', SOCKET, 1), '2001:db8::2');
});

test('hops N: the entry N places from the right (what the outermost trusted proxy saw)', () => {
  const xff = '6.6.6.6, 203.0.113.5, 10.0.0.2, 10.0.0.1';
  assert.equal(clientIp(xff, SOCKET, 2), '10.0.0.2');
  assert.equal(clientIp(xff, SOCKET, 3), '203.0.113.5');
  assert.equal(clientIp(xff, SOCKET, 4), '6.6.6.6');
});

test('more hops than entries: the leftmost entry', () => {
  assert.equal(clientIp('203.0.113.5, 10.0.0.1', SOCKET, 3), '203.0.113.5');
  assert.equal(clientIp('203.0.113.5', SOCKET, 16), '203.0.113.5');
});

test('no header, an empty one or only commas: the socket address', () => {
  for (const xff of [undefined, '', '   ', ',', ' , ,, ']) assert.equal(clientIp(xff, SOCKET, 1), SOCKET, String(xff));
  assert.equal(clientIp('', undefined, 1), 'unknown');
});

test('garbage at the chosen place: the socket address, never the garbage', () => {
  for (const xff of [
    'unknown',
    'not-an-ip',
    "1.2.3.4'; drop table rate_limits;--",
    '999.1.1.1',
    '1.2.3',
    '_hidden',
    'for=1.2.3.4',
    '0x7f.1',
    '1.2.3.4 5.6.7.8',
  ]) {
    assert.equal(clientIp(xff, SOCKET, 1), SOCKET, xff);
    assert.equal(clientIp(`203.0.113.5, ${xff}`, SOCKET, 1), SOCKET, xff);
  }
  assert.equal(clientIp('x'.repeat(10_000), SOCKET, 1), SOCKET);
  // garbage left of the chosen entry does not matter
  assert.equal(clientIp('garbage, ::1, 203.0.113.5', SOCKET, 1), '203.0.113.5');
  // empty entries (a client's trailing comma) are skipped, not counted
  assert.equal(clientIp('6.6.6.6,, 203.0.113.5, 10.0.0.1', SOCKET, 2), '203.0.113.5');
});

test('addresses are normalised: ports, brackets, case, IPv4-mapped IPv6', () => {
  assert.equal(clientIp('203.0.113.5:51234', SOCKET, 1), '203.0.113.5');
  assert.equal(clientIp('[2001:DB8::7]:443', SOCKET, 1), '2001:db8::7');
  assert.equal(clientIp('[2001:db8::7]', SOCKET, 1), '2001:db8::7');
  assert.equal(clientIp(undefined, '::ffff:192.0.2.10', 0), SOCKET);
  assert.equal(clientIp('::FFFF:203.0.113.5', SOCKET, 1), '203.0.113.5');
  assert.equal(normaliseIp(' 198.51.100.1 '), '198.51.100.1');
  assert.equal(normaliseIp('example.org'), undefined);
  assert.equal(clientIp(undefined, 'not an address', 0), 'unknown');
});

test('config: TRUSTED_PROXY_HOPS defaults to 0, takes a small integer, refuses the rest', () => {
  const base = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };
  assert.equal(loadRuntimeConfig(base).TRUSTED_PROXY_HOPS, 0);
  assert.equal(loadRuntimeConfig({ ...base, TRUSTED_PROXY_HOPS: '' }).TRUSTED_PROXY_HOPS, 0);
  assert.equal(loadRuntimeConfig({ ...base, TRUSTED_PROXY_HOPS: '2' }).TRUSTED_PROXY_HOPS, 2);
  for (const bad of ['-1', '1.5', 'one', '17']) {
    assert.throws(
      () => loadRuntimeConfig({ ...base, TRUSTED_PROXY_HOPS: bad }),
      (e: unknown) => e instanceof ConfigError && /TRUSTED_PROXY_HOPS/.test(e.message),
      bad,
    );
  }
});

test('config: QUERY_RATE_LIMITS and QUERY_RATE_LIMIT_WHITELIST', () => {
  const base = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };
  const defaults = loadRuntimeConfig(base);
  assert.equal(defaults.QUERY_RATE_LIMITS, '1000/minute;400000/day;2000000/7day');
  assert.deepEqual(defaults.QUERY_RATE_LIMIT_WHITELIST, []);
  const set = loadRuntimeConfig({ ...base, QUERY_RATE_LIMITS: '10/minute;400000/day', QUERY_RATE_LIMIT_WHITELIST: '37.218.245.43, 2001:db8::1' });
  assert.deepEqual(parseLimits(set.QUERY_RATE_LIMITS), [
    { amount: 10, seconds: 60 },
    { amount: 400000, seconds: 86400 },
  ]);
  assert.deepEqual(set.QUERY_RATE_LIMIT_WHITELIST, ['37.218.245.43', '2001:db8::1']);
  for (const [name, bad] of [
    ['QUERY_RATE_LIMITS', 'ten/minute'],
    ['QUERY_RATE_LIMITS', '10/0minute'],
    ['QUERY_RATE_LIMITS', ';'],
    ['QUERY_RATE_LIMIT_WHITELIST', '1.2.3.4, example.org'],
  ] as const) {
    assert.throws(
      () => loadRuntimeConfig({ ...base, [name]: bad }),
      (e: unknown) => e instanceof ConfigError && e.message.includes(name),
      `${name}=${bad}`,
    );
  }
});
