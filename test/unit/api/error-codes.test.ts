// docs/errors.md lists every registered API error code with its status and description, and nothing else.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { API_ERROR_CODES, type ErrorCodeEntry } from '../../../api/error-codes.ts';
import { ApiError } from '../../../api/errors.ts';

/** The table row docs/errors.md has for one code. */
function docRow(code: string, e: ErrorCodeEntry): string {
  const statuses = [e.status, ...(e.alsoStatus ?? [])].join(', ');
  return `| \`${code}\` | ${statuses} | ${e.description.replaceAll('|', '\\|')} |`;
}

test('docs/errors.md lists every registered code, with its status and description, and no other', () => {
  const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const rows = doc.split('\n').filter((l) => l.startsWith('| `'));
  const expected = Object.entries(API_ERROR_CODES).map(([code, e]) => docRow(code, e));
  assert.deepEqual(rows, expected);
});

test('ApiError answers the registered status and the one JSON shape', async () => {
  const res = new ApiError('rate_limited', 'quota exceeded', { headers: { 'Retry-After': '7' } }).getResponse();
  assert.equal(res.status, 429);
  assert.equal(res.headers.get('Cache-Control'), 'no-cache');
  assert.equal(res.headers.get('Retry-After'), '7');
  assert.deepEqual(await res.json(), { error: 'rate_limited', message: 'quota exceeded' });
  assert.equal(new ApiError('invalid_parameter', 'x', { status: 400 }).status, 400);
  assert.equal(new ApiError('invalid_parameter', 'x').status, 422);
});
