// The observations of every fastpath fixture are the same whether the measurement was parsed by
// JSON.parse or by the lazy parse of stored objects with every string left lazy.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseJsonLazily } from '../../../domain/lazy-json/parse-lazily.ts';
import { measurementToObservations } from '../../../domain/observations/index.ts';
import { ctx, FIXTURES } from './helpers.ts';

const dir = join(FIXTURES, 'fastpath');
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('fingerprints_') && f !== 'expected_outputs.json');

test('observations from the lazy parse = from JSON.parse, on every fastpath fixture', () => {
  assert.ok(files.length >= 40);
  let withBodies = 0;
  for (const file of files) {
    const bytes = readFileSync(join(dir, file));
    const uid = '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3';
    const expected = measurementToObservations(JSON.parse(bytes.toString('utf8')), uid, ctx);
    const got = measurementToObservations(parseJsonLazily(bytes, 1)!.value, uid, ctx);
    assert.deepStrictEqual(got, expected, file);
    if (JSON.stringify(expected).includes('"http_response_body_sha1":"')) withBodies++;
  }
  assert.ok(withBodies >= 5, `fixtures with hashed bodies: ${withBodies}`);
});
