import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCountryCode } from '../../../domain/ids/country-code.ts';

test('country code: two ASCII letters in any case, nothing else', () => {
  for (const ok of ['IT', 'it', 'Zz']) assert.equal(isCountryCode(ok), true, ok);
  for (const bad of ['', 'I', 'ITA', 'I1', '../', 'I ', 'ÍT', 'IT\n']) assert.equal(isCountryCode(bad), false, JSON.stringify(bad));
});
