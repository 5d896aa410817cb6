// Property: whatever the input, measurementToObservations answers { ok: true, rows } or
// { ok: false, reason } and never throws — random JSON, and real measurements with parts replaced.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { measurementToObservations } from '../../../domain/observations/index.ts';
import type { ObservationResult } from '../../../domain/observations/types.ts';
import { ctx, readFixture, UID } from './helpers.ts';

function wellFormed(r: ObservationResult): boolean {
  if (r.ok) return Array.isArray(r.obs_web) && Array.isArray(r.obs_web_ctrl) && Array.isArray(r.obs_http_middlebox);
  // a reason from the last-resort catch would mean a reader threw: none should
  return typeof r.reason === 'string' && r.reason.length > 0 && !r.reason.startsWith('unreadable measurement');
}

const seeds = [
  readFixture('fastpath', '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json'),
  readFixture('fastpath', 'signal_022.json'),
  readFixture('fastpath', 'whatsapp.json'),
  readFixture('v5', 'dnscheck.json'),
  readFixture('v5', 'tor.json'),
  readFixture('v5', 'echcheck.json'),
  readFixture('v5', 'http_invalid_request_line_bk-001-ooni-backend.json'),
  readFixture('ooni-data-qa', 'badSSLWithExpiredCertificate.json'),
];

/** Every path to a value inside `v` (objects and arrays), capped for speed. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (out.length > 400) return out;
  if (Array.isArray(v)) v.slice(0, 8).forEach((x, i) => paths(x, [...prefix, i], out));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  out.push(prefix);
  return out;
}

function replaced(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

const seedPaths = seeds.map((s) => paths(s));

test('random JSON never throws', () => {
  fc.assert(
    fc.property(
      fc.jsonValue(),
      fc.constantFrom('web_connectivity', 'signal', 'dnscheck', 'tor', 'http_invalid_request_line', 'echcheck', 'whatsapp'),
      (v, testName) => {
        assert.ok(wellFormed(measurementToObservations(v, UID, ctx)));
        // the same value as test_keys of a readable measurement reaches the transformers
        const m = { ...seeds[0], test_name: testName, test_keys: v };
        assert.ok(wellFormed(measurementToObservations(m, UID, ctx)));
      },
    ),
    { numRuns: 300 },
  );
});

test('real measurements with one value replaced never throw', () => {
  fc.assert(
    fc.property(fc.nat(seeds.length - 1), fc.nat(), fc.jsonValue({ maxDepth: 2 }), (s, p, value) => {
      const ps = seedPaths[s]!;
      const m = replaced(seeds[s], ps[p % ps.length]!, value);
      assert.ok(wellFormed(measurementToObservations(m, UID, ctx)));
    }),
    { numRuns: 1500 },
  );
});
