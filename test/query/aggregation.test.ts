// GET /api/v1/aggregation: every axis, filter, grain, CSV and error, checked against counts
// computed here directly from the inserted rows; and refreshCounters' idempotence.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { refreshCounters } from '../../activities/jobs/refresh-counters.ts';
import { citizenlab, fastpath } from '../../drizzle/schema.ts';
import { CITIZENLAB, dataset } from '../helpers/query/dataset.ts';
import { createQueryHarness, fpRow, type FastpathRow, type QueryHarness } from '../helpers/query/harness.ts';

let h: QueryHarness;
const rows = dataset(800);

before(async () => {
  h = await createQueryHarness();
  for (let i = 0; i < rows.length; i += 200) await h.db.db.insert(fastpath).values(rows.slice(i, i + 200));
  await h.db.db.insert(citizenlab).values(CITIZENLAB);
  await refreshCounters(h.db, { since: new Date(0) });
});
after(() => h.close());

type Counts = { anomaly_count: number; confirmed_count: number; failure_count: number; measurement_count: number; ok_count: number };
const zero = (): Counts => ({ anomaly_count: 0, confirmed_count: 0, failure_count: 0, measurement_count: 0, ok_count: 0 });
function add(c: Counts, r: FastpathRow): void {
  c.measurement_count++;
  if (r.msmFailure) c.failure_count++;
  else if (r.confirmed) c.confirmed_count++;
  else if (r.anomaly) c.anomaly_count++;
  else c.ok_count++;
}

const day = (r: FastpathRow) => r.measurementStartTime!.toISOString().slice(0, 10);
function inRange(r: FastpathRow, since = '2023-07-19', until = '2024-01-16') {
  return day(r) >= since && day(r) < until;
}

function total(pred: (r: FastpathRow) => boolean, since?: string, until?: string): Counts {
  const c = zero();
  for (const r of rows) if (inRange(r, since, until) && pred(r)) add(c, r);
  return c;
}

function grouped(
  keys: Record<string, (r: FastpathRow) => string | number>,
  pred: (r: FastpathRow) => boolean = () => true,
  since?: string,
  until?: string,
) {
  const m = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    if (!inRange(r, since, until) || !pred(r)) continue;
    const kv = Object.fromEntries(Object.entries(keys).map(([k, f]) => [k, f(r)]));
    const id = JSON.stringify(kv);
    if (!m.has(id)) m.set(id, { ...kv, ...zero() });
    add(m.get(id) as unknown as Counts, r);
  }
  const cmp = (a: unknown, b: unknown) => (typeof a === 'number' ? (a as number) - (b as number) : a! < b! ? -1 : a! > b! ? 1 : 0);
  return [...m.values()].sort((a, b) => {
    for (const k of Object.keys(keys)) {
      const d = cmp(a[k], b[k]);
      if (d) return d;
    }
    return 0;
  });
}

async function agg(q: string) {
  const { status, body } = await h.json(`/api/v1/aggregation?${q}`);
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.v, 0);
  return body;
}

const catOf = (r: FastpathRow) => {
  // one category per URL: the global list first, then the lists by code
  const hits = CITIZENLAB.filter((c) => c.url === r.input).sort((a, b) => (a.cc === 'ZZ' ? -1 : b.cc === 'ZZ' ? 1 : a.cc < b.cc ? -1 : 1));
  return hits[0]?.categoryCode ?? '';
};

describe('0-D counters', () => {
  const cases: [string, (r: FastpathRow) => boolean][] = [
    ['', () => true],
    ['probe_cc=IT', (r) => r.probeCc === 'IT'],
    ['probe_cc=BR,IT', (r) => ['BR', 'IT'].includes(r.probeCc!)],
    ['probe_asn=AS30722,3269', (r) => [30722, 3269].includes(r.probeAsn!)],
    ['probe_cc=IT&probe_asn=AS30722', (r) => r.probeCc === 'IT' && r.probeAsn === 30722],
    ['test_name=web_connectivity,whatsapp', (r) => ['web_connectivity', 'whatsapp'].includes(r.testName!)],
    ['test_name=psiphon&probe_cc=BR', (r) => r.testName === 'psiphon' && r.probeCc === 'BR'],
    ['domain=twitter.com,www.facebook.com', (r) => ['twitter.com', 'www.facebook.com'].includes(r.domain!)],
    ['input=' + encodeURIComponent('http://ncac.org/'), (r) => r.input === 'http://ncac.org/'],
    ['category_code=GRP', (r) => ['https://twitter.com/', 'https://www.facebook.com/'].includes(r.input!)],
    ['category_code=CULTR', () => false], // only in the IT list: global list only without probe_cc
    ['category_code=CULTR&probe_cc=IT', (r) => r.probeCc === 'IT' && r.input === 'https://www.example.com/'],
    [
      'category_code=NEWS&probe_cc=BR,IT',
      (r) => ['BR', 'IT'].includes(r.probeCc!) && ['http://ncac.org/', 'https://www.example.com/'].includes(r.input!),
    ],
    ['ooni_run_link_id=1234', (r) => r.ooniRunLinkId === 1234],
    ['ooni_run_link_id=1234,2345', (r) => r.ooniRunLinkId === 1234],
    ['ooni_run_link_id=2345', () => false],
    ['domain=twitter.com&probe_asn=AS30722', (r) => r.domain === 'twitter.com' && r.probeAsn === 30722],
    ['category_code=GRP&probe_asn=3269', (r) => r.probeAsn === 3269 && ['https://twitter.com/', 'https://www.facebook.com/'].includes(r.input!)],
    ['since=2024-01-05&until=2024-01-10', (r) => day(r) >= '2024-01-05' && day(r) < '2024-01-10'],
  ];
  for (const [q, pred] of cases) {
    test(q || '(no parameters: the last 180 days)', async () => {
      const body = await agg(q);
      assert.equal(body.dimension_count, 0);
      assert.deepEqual(body.result, total(pred));
      const c = body.result as Counts;
      assert.equal(c.anomaly_count + c.confirmed_count + c.failure_count + c.ok_count, c.measurement_count);
    });
  }

  test('counters are not trivially zero', async () => {
    const c = (await agg('')).result as Counts;
    for (const v of Object.values(c)) assert.ok(v > 0);
  });
});

describe('axes', () => {
  const axes: [string, (r: FastpathRow) => string | number][] = [
    ['probe_cc', (r) => r.probeCc!],
    ['probe_asn', (r) => r.probeAsn!],
    ['test_name', (r) => r.testName!],
    ['domain', (r) => r.domain!],
    ['input', (r) => r.input!],
    ['blocking_type', (r) => r.blockingType!],
    ['category_code', catOf],
  ];
  for (const [axis, key] of axes) {
    test(`axis_x=${axis}`, async () => {
      const body = await agg(`axis_x=${axis}`);
      assert.equal(body.dimension_count, 1);
      assert.deepEqual(body.result, grouped({ [axis]: key }));
    });
  }

  test('axis_x=input&axis_y=probe_asn (fine counters with ASN)', async () => {
    const body = await agg('axis_x=input&axis_y=probe_asn&test_name=web_connectivity');
    assert.deepEqual(
      body.result,
      grouped({ input: (r) => r.input!, probe_asn: (r) => r.probeAsn! }, (r) => r.testName === 'web_connectivity'),
    );
  });

  test('axis_x=category_code&axis_y=probe_cc with a category filter', async () => {
    const body = await agg('axis_x=category_code&axis_y=probe_cc&category_code=NEWS&probe_cc=BR,IT');
    const pred = (r: FastpathRow) => ['BR', 'IT'].includes(r.probeCc!) && ['http://ncac.org/', 'https://www.example.com/'].includes(r.input!);
    assert.deepEqual(body.result, grouped({ category_code: catOf, probe_cc: (r) => r.probeCc! }, pred));
  });

  test('probe_asn values are integers; blocking_type values', async () => {
    const body = await agg('axis_x=probe_asn');
    assert.ok(body.result.every((r: any) => Number.isInteger(r.probe_asn)));
    const bt = await agg('axis_x=blocking_type&test_name=web_connectivity');
    assert.deepEqual(
      bt.result.map((r: any) => r.blocking_type),
      ['', 'dns', 'http-diff', 'http-failure', 'tcp_ip'],
    );
  });

  test('time axis, day grain', async () => {
    const body = await agg('axis_x=measurement_start_day&since=2023-12-20&until=2024-01-16&time_grain=day&probe_cc=IT');
    assert.deepEqual(
      body.result,
      grouped({ measurement_start_day: day }, (r) => r.probeCc === 'IT', '2023-12-20', '2024-01-16'),
    );
  });

  test('time axis, auto over 2 days is hourly with Z stamps', async () => {
    const body = await agg('axis_x=measurement_start_day&since=2024-01-13&until=2024-01-15');
    const hour = (r: FastpathRow) => r.measurementStartTime!.toISOString().slice(0, 13) + ':00:00Z';
    assert.deepEqual(
      body.result,
      grouped({ measurement_start_day: hour }, () => true, '2024-01-13', '2024-01-15'),
    );
    assert.ok(body.result.every((r: any) => /^2024-01-1[34]T\d\d:00:00Z$/.test(r.measurement_start_day)));
  });

  test('time axis, day grain over 2 days: one row per day', async () => {
    const body = await agg('axis_x=measurement_start_day&since=2024-01-13&until=2024-01-15&time_grain=day');
    assert.deepEqual(
      body.result.map((r: any) => r.measurement_start_day),
      ['2024-01-13', '2024-01-14'],
    );
  });

  test('week grain starts on Sunday; month grain on the 1st', async () => {
    const week = (r: FastpathRow) => {
      const d = new Date(`${day(r)}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - d.getUTCDay());
      return d.toISOString().slice(0, 10);
    };
    const w = await agg('axis_x=measurement_start_day&since=2023-12-20&until=2024-01-16&time_grain=week');
    assert.deepEqual(
      w.result,
      grouped({ measurement_start_day: week }, () => true, '2023-12-20', '2024-01-16'),
    );
    const m = await agg('axis_x=measurement_start_day&since=2023-10-01&until=2024-01-16&time_grain=month');
    assert.deepEqual(
      m.result,
      grouped({ measurement_start_day: (r) => `${day(r).slice(0, 7)}-01` }, () => true, '2023-10-01', '2024-01-16'),
    );
  });

  test('2-D: test_name × probe_cc with a filter', async () => {
    const body = await agg('axis_x=test_name&axis_y=probe_cc&probe_asn=AS3269');
    assert.equal(body.dimension_count, 2);
    assert.deepEqual(
      body.result,
      grouped({ test_name: (r) => r.testName!, probe_cc: (r) => r.probeCc! }, (r) => r.probeAsn === 3269),
    );
  });

  test('2-D: hour × domain uses the hourly counters', async () => {
    const body = await agg('axis_x=measurement_start_day&axis_y=domain&since=2024-01-12&until=2024-01-15&domain=twitter.com');
    const hour = (r: FastpathRow) => r.measurementStartTime!.toISOString().slice(0, 13) + ':00:00Z';
    assert.deepEqual(
      body.result,
      grouped({ measurement_start_day: hour, domain: (r) => r.domain! }, (r) => r.domain === 'twitter.com', '2024-01-12', '2024-01-15'),
    );
  });
});

describe('CSV', () => {
  test('0-D: sorted header and one row, text/csv, no Content-Disposition', async () => {
    const res = await h.get('/api/v1/aggregation?probe_cc=IT&format=CSV');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('Content-Type')!, /^text\/csv/);
    assert.equal(res.headers.get('Content-Disposition'), null);
    const c = total((r) => r.probeCc === 'IT');
    assert.equal(
      await res.text(),
      `anomaly_count,confirmed_count,failure_count,measurement_count,ok_count\r\n${c.anomaly_count},${c.confirmed_count},${c.failure_count},${c.measurement_count},${c.ok_count}\r\n`,
    );
  });

  test('download=true names the file; format is case-insensitive; JSON download too', async () => {
    let res = await h.get('/api/v1/aggregation?probe_cc=IT&format=csv&download=true');
    assert.equal(res.headers.get('Content-Disposition'), 'attachment; filename=ooni-aggregate-data.csv');
    res = await h.get('/api/v1/aggregation?probe_cc=IT&download=true');
    assert.equal(res.headers.get('Content-Disposition'), 'attachment; filename=ooni-aggregate-data.json');
  });

  test('2-D day × probe_asn: exact text', async () => {
    const res = await h.get(
      '/api/v1/aggregation?axis_x=measurement_start_day&axis_y=probe_asn&since=2024-01-10&until=2024-01-13&time_grain=day&probe_cc=BR&format=CSV',
    );
    const groups = grouped({ measurement_start_day: day, probe_asn: (r) => r.probeAsn! }, (r) => r.probeCc === 'BR', '2024-01-10', '2024-01-13');
    assert.ok(groups.length > 3);
    const lines = [
      'anomaly_count,confirmed_count,failure_count,measurement_count,measurement_start_day,ok_count,probe_asn',
      ...groups.map((g: any) =>
        [g.anomaly_count, g.confirmed_count, g.failure_count, g.measurement_count, g.measurement_start_day, g.ok_count, g.probe_asn].join(','),
      ),
    ];
    assert.equal(await res.text(), lines.map((l) => `${l}\r\n`).join(''));
  });

  test('inputs with commas are quoted; empty multi-row result is an empty body', async () => {
    const odd = fpRow({ measurementStartTime: new Date('2024-01-14T05:00:00Z'), input: 'http://x.org/a,b', domain: 'x.org', probeCc: 'AR' });
    await h.db.db.insert(fastpath).values(odd);
    await refreshCounters(h.db, { since: new Date(0), days: ['2024-01-14'] });
    let res = await h.get('/api/v1/aggregation?axis_x=input&probe_cc=AR&format=CSV');
    assert.match(await res.text(), /"http:\/\/x\.org\/a,b"/);
    res = await h.get('/api/v1/aggregation?axis_x=input&probe_cc=JP&format=CSV');
    assert.equal(await res.text(), '');
  });
});

describe('errors', () => {
  const cases: [string, number, string, RegExp?][] = [
    ['axis_x=probe_cc&axis_y=probe_cc', 400, 'axes_equal', /Axis X and Y cannot be the same/],
    ['axis_x=bogus', 400, 'invalid_axis', /Invalid axis name/],
    ['axis_x=Probe_CC', 422, 'invalid_parameter', /Invalid characters/],
    ['axis_x=measurement_start_day&since=2024-01-10&until=2024-01-05', 400, 'invalid_time_range', /Invalid since and until values/],
    [
      'axis_x=measurement_start_day&since=2022-01-01&until=2024-01-01&time_grain=hour',
      400,
      'invalid_time_grain',
      /^Choose time_grain between day, week, month, year, auto for the given time range$/,
    ],
    [
      'axis_x=measurement_start_day&since=2024-01-01&until=2024-01-03&time_grain=year',
      400,
      'invalid_time_grain',
      /^Choose time_grain between hour, day, auto for the given time range$/,
    ],
    [
      'axis_x=measurement_start_day&since=2024-01-01&until=2024-01-20&time_grain=hour',
      400,
      'invalid_time_grain',
      /^Choose time_grain between day, week, auto for the given time range$/,
    ],
    [
      'axis_x=measurement_start_day&since=2023-01-01&until=2023-12-20&time_grain=year',
      400,
      'invalid_time_grain',
      /^Choose time_grain between day, week, month, auto for the given time range$/,
    ],
    ['time_grain=minute', 422, 'invalid_parameter'],
    ['test_name=BOGUS', 422, 'invalid_parameter', /Invalid characters/],
    ['input=' + encodeURIComponent('~!^{}'), 422, 'invalid_parameter', /Invalid characters in input field/],
    ['input=' + encodeURIComponent('foo.org;'), 422, 'invalid_parameter', /Invalid characters in input field/],
    ['input=' + encodeURIComponent("foo.org='"), 422, 'invalid_parameter', /Invalid characters in input field/],
    ['input=ab', 422, 'invalid_parameter'],
    ['domain=' + encodeURIComponent('foo bar.org'), 422, 'invalid_parameter', /Invalid characters in domain field/],
    ['probe_cc=ITA', 422, 'invalid_parameter', /Invalid CC value/],
    ['probe_asn=ASX', 422, 'invalid_parameter'],
    ['category_code=news', 422, 'invalid_parameter'],
    ['ooni_run_link_id=x', 422, 'invalid_parameter'],
    ['format=XML', 422, 'invalid_parameter'],
    ['since=2024-01-01T10:00:00', 422, 'invalid_parameter'],
    ['until=2024-02-30', 422, 'invalid_parameter'],
    ['download=perhaps', 422, 'invalid_parameter'],
  ];
  for (const [q, status, code, msg] of cases) {
    test(`${q} → ${status} ${code}`, async () => {
      const { status: s, body } = await h.json(`/api/v1/aggregation?${q}`);
      assert.equal(s, status);
      assert.equal(body.error, code);
      if (msg) assert.match(body.message, msg);
    });
  }

  test('accepted input and domain shapes', async () => {
    for (const q of [
      'input=' + encodeURIComponent('obfs4 154.35.22.9:80 C73AD cert=gEWN/bS'),
      'input=' + encodeURIComponent('https://ru.wikipedia.org/wiki/Заглавная_страница'),
      'input=' + encodeURIComponent('stun://stun.l.google.com:19302'),
      'domain=8.8.8.8:853',
      'domain=' + encodeURIComponent('[2a00:5a60::ad2:0ff]:853'),
      'domain=host:3478',
      'since=2024-01-01T00:00:00Z&until=2024-01-10',
    ]) {
      assert.equal((await h.get(`/api/v1/aggregation?${q}`)).status, 200, q);
    }
  });
});

describe('refreshCounters', () => {
  test('is idempotent', async () => {
    const before = await agg('axis_x=probe_cc');
    await refreshCounters(h.db, { since: new Date(0) });
    await refreshCounters(h.db, { since: new Date(0) });
    assert.deepEqual((await agg('axis_x=probe_cc')).result, before.result);
  });

  test('recomputes exactly the days changed since the last refresh', async () => {
    const [{ ms } = { ms: '0' }] = await h.db.sql<{ ms: string }[]>`select (extract(epoch from clock_timestamp()) * 1000)::bigint::text as ms`;
    const mark = new Date(Number(ms));
    const late = fpRow({ measurementStartTime: new Date('2023-11-02T08:00:00Z'), probeCc: 'KE', anomaly: true });
    await h.db.db.insert(fastpath).values(late);
    // fresh before the refresh (the live part of the answer), and in the counters after it
    const beforeRefresh = await agg('probe_cc=KE');
    assert.equal(beforeRefresh.result.measurement_count, 1);
    const inCounters = async () =>
      (await h.db.sql<{ n: number }[]>`select count(*)::int as n from counters_daily_country where probe_cc = 'KE'`)[0]!.n;
    assert.equal(await inCounters(), 0);
    const { days } = await refreshCounters(h.db, { since: mark });
    assert.deepEqual(days, ['2023-11-02']);
    assert.equal(await inCounters(), 1);
    const after = await agg('probe_cc=KE');
    assert.deepEqual(after.result, { anomaly_count: 1, confirmed_count: 0, failure_count: 0, measurement_count: 1, ok_count: 0 });
    assert.deepEqual(
      (await agg('probe_cc=KE&axis_x=measurement_start_day&since=2023-11-01&until=2023-11-04&time_grain=hour')).result[0].measurement_start_day,
      '2023-11-02T08:00:00Z',
    );
  });

  test('a day whose rows vanished drops its counters', async () => {
    await h.db.sql`delete from fastpath where probe_cc = 'KE'`;
    await refreshCounters(h.db, { since: new Date(), days: ['2023-11-02'] });
    assert.equal((await agg('probe_cc=KE')).result.measurement_count, 0);
  });
});

describe('chooseSource', () => {
  test('the smallest table holding every needed dimension', async () => {
    const { chooseSource } = await import('../../api/query/aggregation-query.ts');
    const { parseAggregationQuery } = await import('../../api/query/aggregation-params.ts');
    const src = (q: string) => chooseSource(parseAggregationQuery(Object.fromEntries(new URLSearchParams(q)), new Date('2024-01-15T12:00:00Z')));
    assert.equal(src('probe_cc=IT'), 'counters_daily_country');
    assert.equal(src('axis_x=test_name'), 'counters_daily_country');
    assert.equal(src('probe_asn=1'), 'counters_daily_network');
    assert.equal(src('axis_x=probe_asn'), 'counters_daily_network');
    assert.equal(src('domain=a.org'), 'counters_daily_input');
    assert.equal(src('axis_x=category_code'), 'counters_daily_input');
    assert.equal(src('domain=a.org&probe_asn=1'), 'counters_daily');
    assert.equal(src('axis_x=blocking_type'), 'counters_daily_country');
    assert.equal(src('axis_x=blocking_type&probe_asn=1'), 'counters_daily');
    assert.equal(src('axis_x=blocking_type&domain=a.org'), 'counters_daily');
    assert.equal(src('ooni_run_link_id=1'), 'counters_daily');
    assert.equal(src('axis_x=measurement_start_day&since=2024-01-10&until=2024-01-12'), 'counters_hourly');
    assert.equal(src('axis_x=measurement_start_day&since=2024-01-10&until=2024-01-12&time_grain=day'), 'counters_daily_country');
  });
});
