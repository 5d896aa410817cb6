// Out of the box: with no TEST_LISTS_DIR the worker's first-start import loads the snapshot shipped in
// data/test-lists/, and a check-in hands out web_connectivity URLs of those lists.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseTestListCsv } from '../../activities/jobs/test-lists.ts';
import { importTestListsIfEmpty } from '../../schedules/initial-test-lists.ts';
import { createTestPipeline, type TestPipeline } from '../helpers/pipeline.ts';

const SHIPPED_LISTS = fileURLToPath(new URL('../../data/test-lists/lists/', import.meta.url));

let p: TestPipeline;

before(async () => {
  p = await createTestPipeline('default-test-lists');
  p.activityDeps.jobs = { testListsDir: p.config.TEST_LISTS_DIR, retentionDays: 30 };
  await p.startWorker();
});

after(async () => {
  await p?.close();
});

async function shippedUrls(file: string, cc: string): Promise<Set<string>> {
  const parsed = parseTestListCsv(file, cc, await readFile(join(SHIPPED_LISTS, file), 'utf8'));
  return new Set(parsed.rows.map((r) => r.url));
}

test(
  'no TEST_LISTS_DIR: the shipped snapshot is the default, imported once, and check-in returns its URLs',
  { skip: process.env.TEST_LISTS_DIR !== undefined },
  async () => {
    assert.equal(join(p.config.TEST_LISTS_DIR, '/'), SHIPPED_LISTS);
    const before = await p.database.sql<{ n: number }[]>`select count(*)::int as n from citizenlab`;
    assert.equal(before[0]!.n, 0);

    const first = await importTestListsIfEmpty(p.env.client, p.database.db, p.config.TEMPORAL_TASK_QUEUE);
    assert.ok(first.imported, 'an empty table is filled');
    assert.equal(join(first.imported.dir, '/'), SHIPPED_LISTS);
    assert.ok(first.imported.imported > 1000, `imported ${first.imported.imported} rows`);
    assert.ok(first.counts, 'the URL counts are refreshed after the import');
    const stored = await p.database.sql<{ n: number }[]>`select count(*)::int as n from citizenlab`;
    assert.equal(stored[0]!.n, first.imported.imported);

    // idempotent: a second start with lists stored does nothing
    const second = await importTestListsIfEmpty(p.env.client, p.database.db, p.config.TEMPORAL_TASK_QUEUE);
    assert.deepEqual(second, { imported: null, counts: null });

    const global = await shippedUrls('global.csv', 'ZZ');
    const italy = await shippedUrls('it.csv', 'it');
    const r = await fetch(`${p.baseUrl}/api/v1/check-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        probe_cc: 'IT',
        probe_asn: 'AS30722',
        run_type: 'timed',
        software_name: 'ooniprobe-cli',
        software_version: '3.20.0',
        platform: 'linux',
        on_wifi: true,
        charging: true,
        web_connectivity: { category_codes: [] },
      }),
    });
    assert.equal(r.status, 200);
    const j = (await r.json()) as { tests: { web_connectivity: { urls: Array<{ url: string; country_code: string }> } } };
    const urls = j.tests.web_connectivity.urls;
    assert.ok(urls.length > 0, 'check-in hands out URLs');
    for (const u of urls) assert.ok(global.has(u.url) || italy.has(u.url), `${u.url} is in the shipped global.csv or it.csv`);
    assert.ok(
      urls.some((u) => u.country_code === 'IT'),
      'the country list is used',
    );
  },
);
