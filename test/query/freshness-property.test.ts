// Property: at every moment, /api/v1/aggregation and the Explorer overviews equal a naive count of
// the rows the test wrote, whatever sequence of inserts, updates of counted and uncounted columns,
// deletes and counters refreshes came before (counters + live changes, api/query/live-counters.ts).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Client } from '@temporalio/client';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { refreshCounters } from '../../activities/jobs/refresh-counters.ts';
import { createQueryRoutes } from '../../api/query/index.ts';
import { fastpath } from '../../drizzle/schema.ts';
import { runtimeSchema } from '../../lib/config.ts';
import { infraOf } from '../../lib/infra.ts';
import { createLogger } from '../../lib/logger.ts';
import type { ObjectStore } from '../../lib/s3.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { fpRow, type FastpathRow } from '../helpers/fastpath-rows.ts';

const NOW = new Date('2024-01-15T12:00:00Z');
let db: TestDatabase;
let app: ReturnType<typeof createQueryRoutes>;

before(async () => {
  db = await createTestDatabase();
  const config = runtimeSchema.parse({ DATABASE_URL: db.url, PUBLIC_BASE_URL: 'https://api.ooni.io', NODE_ENV: 'test' });
  const infra = infraOf({ database: db, store: {} as ObjectStore, temporal: {} as Client, log: createLogger('test', 'silent'), clock: () => NOW });
  app = createQueryRoutes({ ...infra, config }, { rateLimit: false });
});
after(() => db?.drop());

// --- the generated world: few values per dimension, so groups collide, grow and vanish
const counted = {
  probeCc: fc.constantFrom('IT', 'RU', 'BR'),
  probeAsn: fc.constantFrom(1, 2, 3),
  day: fc.constantFrom('2024-01-10', '2024-01-11', '2024-01-13'),
  hour: fc.integer({ min: 0, max: 23 }),
  anomaly: fc.boolean(),
  confirmed: fc.boolean(),
  msmFailure: fc.boolean(),
  blockingType: fc.constantFrom('', 'dns'),
  ooniRunLinkId: fc.constantFrom(null, 7),
};
const site = fc.constantFrom('', 'a.example', 'b.example');
type Counted = { [K in keyof typeof counted]: (typeof counted)[K] extends fc.Arbitrary<infer T> ? T : never };

const toColumns = (c: Partial<Counted> & { site?: string }, base?: FastpathRow): Partial<FastpathRow> => {
  const out: Partial<FastpathRow> = {};
  for (const k of ['probeCc', 'probeAsn', 'anomaly', 'confirmed', 'msmFailure', 'blockingType', 'ooniRunLinkId'] as const) {
    if (c[k] !== undefined) (out as Record<string, unknown>)[k] = c[k];
  }
  if (c.day !== undefined || c.hour !== undefined) {
    const old = base?.measurementStartTime?.toISOString();
    const day = c.day ?? old!.slice(0, 10);
    const hour = c.hour ?? Number(old!.slice(11, 13));
    out.measurementStartTime = new Date(`${day}T${String(hour).padStart(2, '0')}:17:00Z`);
  }
  if (c.site !== undefined) {
    out.testName = c.site ? 'web_connectivity' : 'telegram';
    out.domain = c.site;
    out.input = c.site ? `https://${c.site}/` : '';
  }
  return out;
};

type Op =
  | { kind: 'insert'; row: Counted & { site: string } }
  | { kind: 'update'; pick: number; change: Partial<Counted> & { site?: string } }
  | { kind: 'touch'; pick: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'refresh' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ ...counted, site }).map((row) => ({ kind: 'insert' as const, row })) },
  {
    weight: 3,
    arbitrary: fc
      .record({ pick: fc.nat(), change: fc.record({ ...counted, site }, { requiredKeys: [] }) })
      .map((u) => ({ kind: 'update' as const, ...u })),
  },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'touch' as const, pick })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'delete' as const, pick })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'refresh' as const }) },
);

// --- the naive count, over the model's rows
type Counts = { anomaly_count: number; confirmed_count: number; failure_count: number; measurement_count: number; ok_count: number };
type Cell = Record<string, string | number>;
const dayOf = (r: FastpathRow) => r.measurementStartTime!.toISOString().slice(0, 10);
const hourOf = (r: FastpathRow) => `${r.measurementStartTime!.toISOString().slice(0, 13)}:00:00Z`;

function tally(rows: FastpathRow[], keys: Record<string, (r: FastpathRow) => string | number>): Cell[] {
  const cells = new Map<string, Cell & Counts>();
  for (const r of rows) {
    const kv = Object.fromEntries(Object.entries(keys).map(([k, f]) => [k, f(r)]));
    const id = JSON.stringify(kv);
    const c = cells.get(id) ?? { ...kv, anomaly_count: 0, confirmed_count: 0, failure_count: 0, measurement_count: 0, ok_count: 0 };
    cells.set(id, c);
    c.measurement_count++;
    if (r.msmFailure) c.failure_count++;
    else if (r.confirmed) c.confirmed_count++;
    else if (r.anomaly) c.anomaly_count++;
    else c.ok_count++;
  }
  return [...cells.values()];
}

const WINDOW = 'since=2024-01-01&until=2024-01-20';
const AGGREGATIONS: [string, (rows: FastpathRow[]) => Cell[]][] = [
  ['axis_x=probe_cc', (rows) => tally(rows, { probe_cc: (r) => r.probeCc! })],
  [
    'axis_x=measurement_start_day&axis_y=probe_asn&time_grain=day',
    (rows) => tally(rows, { measurement_start_day: dayOf, probe_asn: (r) => r.probeAsn! }),
  ],
  [
    'axis_x=input&test_name=web_connectivity',
    (rows) =>
      tally(
        rows.filter((r) => r.testName === 'web_connectivity'),
        { input: (r) => r.input! },
      ),
  ],
  [
    'axis_x=blocking_type&probe_asn=1',
    (rows) =>
      tally(
        rows.filter((r) => r.probeAsn === 1),
        { blocking_type: (r) => r.blockingType! },
      ),
  ],
  [
    'axis_x=test_name&ooni_run_link_id=7',
    (rows) =>
      tally(
        rows.filter((r) => r.ooniRunLinkId === 7),
        { test_name: (r) => r.testName! },
      ),
  ],
  ['axis_x=domain&axis_y=probe_cc', (rows) => tally(rows, { domain: (r) => r.domain!, probe_cc: (r) => r.probeCc! })],
];
const HOURLY = 'axis_x=measurement_start_day&time_grain=hour&since=2024-01-09&until=2024-01-15';

const sortCells = (cells: Cell[]) => cells.map((c) => JSON.stringify(Object.fromEntries(Object.entries(c).sort()))).sort();

async function get(path: string): Promise<any> {
  const res = await app.request(path);
  assert.equal(res.status, 200, path);
  return res.json();
}

async function check(rows: FastpathRow[], trail: string): Promise<void> {
  for (const [q, expected] of AGGREGATIONS) {
    const body = await get(`/api/v1/aggregation?${WINDOW}&${q}`);
    assert.deepEqual(sortCells(body.result), sortCells(expected(rows)), `${q} after ${trail}`);
  }
  const hourly = await get(`/api/v1/aggregation?${HOURLY}`);
  const inHours = rows.filter((r) => dayOf(r) >= '2024-01-09' && dayOf(r) < '2024-01-15');
  assert.deepEqual(sortCells(hourly.result), sortCells(tally(inHours, { measurement_start_day: hourOf })), `hourly after ${trail}`);
  const [it = { measurement_count: 0, anomaly_count: 0, confirmed_count: 0, failure_count: 0, ok_count: 0 }] = tally(
    rows.filter((r) => r.probeCc === 'IT'),
    {},
  );
  assert.deepEqual((await get(`/api/v1/aggregation?${WINDOW}&probe_cc=IT`)).result, it, `probe_cc=IT after ${trail}`);

  assert.deepEqual(
    await get('/api/_/global_overview'),
    {
      network_count: new Set(rows.map((r) => r.probeAsn)).size,
      country_count: new Set(rows.map((r) => r.probeCc)).size,
      measurement_count: rows.length,
    },
    `global_overview after ${trail}`,
  );
  const itRows = rows.filter((r) => r.probeCc === 'IT');
  assert.deepEqual(
    await get('/api/_/country_overview?probe_cc=IT'),
    {
      first_bucket_date: itRows.length ? itRows.map(dayOf).sort()[0] : null,
      measurement_count: itRows.length,
      network_count: new Set(itRows.map((r) => r.probeAsn)).size,
    },
    `country_overview after ${trail}`,
  );
  // every generated day is in January 2024
  const month = (value: number) => (rows.length ? [{ date: '2024-01-01T00:00:00+00:00', value }] : []);
  assert.deepEqual(
    await get('/api/_/global_overview_by_month'),
    {
      networks_by_month: month(new Set(rows.map((r) => r.probeAsn)).size),
      countries_by_month: month(new Set(rows.map((r) => r.probeCc)).size),
      measurements_by_month: month(rows.length),
    },
    `global_overview_by_month after ${trail}`,
  );
  const countries = (await get('/api/_/countries')).countries.map((c: { alpha_2: string; count: number }) => ({ cc: c.alpha_2, n: c.count }));
  const byCc = tally(rows, { cc: (r) => r.probeCc! }).map((c) => ({ cc: c.cc, n: c.measurement_count }));
  assert.deepEqual(
    countries,
    byCc.sort((a, b) => (a.cc! < b.cc! ? -1 : 1)),
    `countries after ${trail}`,
  );
}

test('aggregations equal a naive count after any inserts, updates, deletes and refreshes', { timeout: 600_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 16 }), async (ops) => {
      await db.sql`truncate fastpath, counters_daily, counters_daily_input, counters_daily_network, counters_daily_country, counters_hourly`;
      const rows: FastpathRow[] = [];
      const trail: string[] = [];
      for (const o of ops) {
        trail.push(o.kind);
        if (o.kind === 'insert') {
          const row = fpRow({ measurementStartTime: new Date(0), ...toColumns(o.row) } as FastpathRow);
          await db.db.insert(fastpath).values(row);
          rows.push(row);
        } else if (o.kind === 'refresh') {
          await refreshCounters(db);
        } else if (rows.length > 0) {
          const i = o.pick % rows.length;
          const uid = rows[i]!.measurementUid;
          if (o.kind === 'delete') {
            await db.db.delete(fastpath).where(eq(fastpath.measurementUid, uid));
            rows.splice(i, 1);
          } else if (o.kind === 'touch') {
            await db.db.update(fastpath).set({ isVerified: 't', updateTime: new Date() }).where(eq(fastpath.measurementUid, uid));
          } else {
            const change = toColumns(o.change, rows[i]);
            // the reprocess path: an upsert of the whole row on measurement_uid
            const next = { ...rows[i]!, ...change };
            const { measurementUid: _uid, ...set } = next;
            await db.db.insert(fastpath).values(next).onConflictDoUpdate({ target: fastpath.measurementUid, set });
            rows[i] = next;
          }
        }
        await check(rows, trail.join(' → '));
      }
    }),
    { numRuns: 25 },
  );
});
