// The lint setup forbids what would break workflow replay, and floating promises.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eslint, lintMessages } from '../../helpers/unit/lint.ts';

const ruleIds = async (text: string, filePath: string) => (await lintMessages(text, filePath)).map((m) => m.ruleId || m.message);

test('workflow code may not import Node built-ins, read the clock or draw random numbers', { timeout: 120_000 }, async () => {
  const replayUnsafe = `import { readFileSync } from 'node:fs';
export async function bad(): Promise<number> {
  readFileSync('x');
  return Math.random() + Date.now() + new Date().getTime();
}
`;
  const ids = await ruleIds(replayUnsafe, 'workflows/measurement.ts');
  assert.ok(ids.includes('no-restricted-imports'), ids.join());
  assert.equal(ids.filter((id) => id === 'no-restricted-properties').length, 2, ids.join());
  assert.ok(ids.includes('no-restricted-syntax'), ids.join());
});

test('a floating promise is an error anywhere', { timeout: 120_000 }, async () => {
  const ids = await ruleIds('export function f(p: Promise<void>): void {\n  p.then(() => 1);\n}\n', 'api/health.ts');
  assert.ok(ids.includes('@typescript-eslint/no-floating-promises'), ids.join());
});

test('the project itself passes lint', { timeout: 300_000 }, async () => {
  const results = await eslint.lintFiles(['.']);
  const errors = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
  assert.deepEqual(errors, []);
});
