// GET /api/v1/measurements: every parameter, defaults, ordering, pagination metadata, errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { citizenlab, fastpath } from '../../drizzle/schema.ts';
import { CITIZENLAB, dataset } from '../helpers/query/dataset.ts';
import { createQueryHarness, type FastpathRow, type QueryHarness } from '../helpers/query/harness.ts';

let h: QueryHarness;
const rows = dataset(600);

before(async () => {
  h = await createQueryHarness();
  for (let i = 0; i < rows.length; i += 200) await h.db.db.insert(fastpath).values(rows.slice(i, i + 200));
  await h.db.db.insert(citizenlab).values(CITIZENLAB);
});
after(() => h.close());

const DEFAULT_UNTIL = Date.parse('2024-01-16T00:00:00Z');
const DEFAULT_SINCE = DEFAULT_UNTIL - 30 * 86_400_000;

/** Independent expectation: uids the query must return, newest first. */
function expected(pred: (r: FastpathRow) => boolean, opts: { since?: number; until?: number; asc?: boolean } = {}): string[] {
  const since = opts.since ?? DEFAULT_SINCE;
  const until = opts.until ?? DEFAULT_UNTIL;
  const picked = rows.filter((r) => {
    const t = r.measurementStartTime!.getTime();
    return t > since && t <= until && r.probeCc !== 'ZZ' && r.probeAsn !== 0 && pred(r);
  });
  picked.sort((a, b) => {
    const d = a.measurementStartTime!.getTime() - b.measurementStartTime!.getTime();
    const c = d !== 0 ? d : a.measurementUid! < b.measurementUid! ? -1 : 1;
    return opts.asc ? c : -c;
  });
  return picked.map((r) => r.measurementUid!);
}

async function uids(query: string): Promise<string[]> {
  const { status, body } = await h.json(`/api/v1/measurements?${query}&limit=1000`);
  assert.equal(status, 200, JSON.stringify(body));
  return body.results.map((r: { measurement_uid: string }) => r.measurement_uid);
}

describe('filters', () => {
  test('no parameters: the last 30 days, newest first, no ZZ and no AS0, 100 results', async () => {
    const { status, body, res } = await h.json('/api/v1/measurements');
    assert.equal(status, 200);
    assert.equal(res.headers.get('Cache-Control'), 'max-age=60');
    assert.equal(body.results.length, 100);
    assert.deepEqual(
      body.results.map((r: any) => r.measurement_uid),
      expected(() => true).slice(0, 100),
    );
  });

  test('default window excludes old rows', async () => {
    const all = await uids('');
    assert.ok(!all.some((u) => u.startsWith('20230601')));
    assert.deepEqual(
      all,
      expected(() => true),
    );
  });

  const cases: [string, (r: FastpathRow) => boolean][] = [
    ['test_name=dnscheck', (r) => r.testName === 'dnscheck'],
    ['test_name=telegram,whatsapp', (r) => ['telegram', 'whatsapp'].includes(r.testName!)],
    ['probe_cc=IT', (r) => r.probeCc === 'IT'],
    ['probe_cc=IT,us', (r) => ['IT', 'US'].includes(r.probeCc!)],
    ['probe_asn=AS30722', (r) => r.probeAsn === 30722],
    ['probe_asn=30722', (r) => r.probeAsn === 30722],
    ['probe_asn=AS30722,3269', (r) => [30722, 3269].includes(r.probeAsn!)],
    ['domain=twitter.com', (r) => r.domain === 'twitter.com'],
    ['domain=' + encodeURIComponent('twitter.com, ncac.org'), (r) => ['twitter.com', 'ncac.org'].includes(r.domain!)],
    ['input=' + encodeURIComponent('http://ncac.org/'), (r) => r.input === 'http://ncac.org/'],
    ['input=' + encodeURIComponent('http://ncac.org/') + '&domain=twitter.com&category_code=GRP', (r) => r.input === 'http://ncac.org/'],
    ['category_code=GRP', (r) => ['https://twitter.com/', 'https://www.facebook.com/'].includes(r.input!)],
    ['category_code=CULTR', (r) => r.input === 'https://www.example.com/'],
    ['anomaly=true', (r) => r.anomaly === true],
    ['anomaly=false', (r) => r.anomaly === false],
    ['confirmed=1', (r) => r.confirmed === true],
    ['failure=yes', (r) => r.msmFailure === true],
    ['failure=no', (r) => r.msmFailure === false],
    ['anomaly=true&confirmed=false&failure=false', (r) => r.anomaly! && !r.confirmed && !r.msmFailure],
    ['anomaly=', () => true],
    ['software_version=3.9.2', (r) => r.softwareVersion === '3.9.2'],
    ['software_version=3.9.2,3.10.0,3.9.2', (r) => ['3.9.2', '3.10.0'].includes(r.softwareVersion!)],
    ['software_version=', () => true],
    ['software_version=9.9.9', () => false],
    ['test_version=0.5.0', (r) => r.testVersion === '0.5.0'],
    ['engine_version=3.20.1', (r) => r.engineVersion === '3.20.1'],
    ['ooni_run_link_id=1234', (r) => r.ooniRunLinkId === 1234],
    ['ooni_run_link_id=2345,1234', (r) => r.ooniRunLinkId === 1234],
    ['ooni_run_link_id=2345', () => false],
    ['test_name=BOGUS1234', () => false],
    ['domain=meow.com', () => false],
  ];
  for (const [q, pred] of cases) {
    test(q, async () => {
      const got = await uids(q);
      assert.deepEqual(got, expected(pred));
    });
  }

  test('probe_cc=ZZ is allowed (newer service) and returns the ZZ rows', async () => {
    const zz = rows.filter((r) => r.probeCc === 'ZZ').map((r) => r.measurementUid);
    assert.deepEqual(await uids('probe_cc=ZZ'), zz);
  });

  test('since is exclusive, until inclusive; naive datetimes are UTC; offsets honoured', async () => {
    const r = rows[10]!;
    const t = r.measurementStartTime!.toISOString().slice(0, 19);
    const exact = (q: string) => uids(`${q}&report_id=${r.reportId}`);
    assert.deepEqual(await exact(`since=${t}`), []);
    assert.deepEqual(await exact(`until=${t}`), [r.measurementUid]);
    assert.deepEqual(await exact(`until=${encodeURIComponent(t + '+00:00')}`), [r.measurementUid]);
    assert.deepEqual(await exact(`until=${encodeURIComponent(t + '+01:00')}`), []);
    const epoch = r.measurementStartTime!.getTime() / 1000;
    assert.deepEqual(await exact(`until=${epoch}`), [r.measurementUid]);
  });

  test('since/until dates select a day', async () => {
    const got = await uids('since=2024-01-10&until=2024-01-11');
    assert.deepEqual(
      got,
      expected(() => true, { since: Date.parse('2024-01-10T00:00:00Z'), until: Date.parse('2024-01-11T00:00:00Z') }),
    );
    assert.ok(got.length > 0);
  });

  test('only until: since defaults to until - 30 days', async () => {
    const until = Date.parse('2024-01-05T00:00:00Z');
    assert.deepEqual(
      await uids('until=2024-01-05'),
      expected(() => true, { until, since: until - 30 * 86_400_000 }),
    );
  });

  test('report_id alone applies no time window', async () => {
    const old = rows.find((r) => r.measurementUid!.startsWith('20230601'))!;
    assert.deepEqual(await uids(`report_id=${old.reportId}`), [old.measurementUid]);
  });

  test('order=asc (any case) reverses the order', async () => {
    assert.deepEqual(
      await uids('order=ASC'),
      expected(() => true, { asc: true }),
    );
    assert.deepEqual(
      await uids('order_by=measurement_start_time&order=desc'),
      expected(() => true),
    );
  });
});

describe('result objects', () => {
  test('one measurement by report_id and input: the exact object', async () => {
    const r = rows.find((x) => x.input === 'http://ncac.org/' && x.isVerified === 't')!;
    const { body } = await h.json(`/api/v1/measurements?report_id=${r.reportId}&input=${encodeURIComponent(r.input!)}`);
    assert.equal(body.metadata.count, 1);
    assert.deepEqual(body.results[0], {
      measurement_uid: r.measurementUid,
      measurement_url: `https://api.ooni.io/api/v1/raw_measurement?measurement_uid=${r.measurementUid}`,
      report_id: r.reportId,
      probe_cc: r.probeCc,
      probe_asn: `AS${r.probeAsn}`,
      test_name: 'web_connectivity',
      measurement_start_time: r.measurementStartTime!.toISOString().slice(0, 19) + '.000000Z',
      input: 'http://ncac.org/',
      anomaly: r.anomaly,
      confirmed: r.confirmed,
      failure: r.msmFailure,
      scores: JSON.parse(r.scores!),
      verification_status: 'verified',
    });
  });

  test('empty input is null; verification status maps f and u', async () => {
    const { body } = await h.json('/api/v1/measurements?test_name=dnscheck&limit=1000');
    assert.ok(body.results.every((r: any) => r.input === null));
    const statuses = new Set(body.results.map((r: any) => r.verification_status));
    assert.deepEqual([...statuses].sort(), ['failed', 'unverified', 'verified']);
  });

  test('okhttp user agent: fixed answer without querying', async () => {
    const res = await h.get('/api/v1/measurements?probe_cc=IT', { 'User-Agent': 'okhttp/3.12' });
    assert.equal(res.status, 200);
    const body: any = await res.json();
    assert.equal(body.results.length, 1);
    assert.deepEqual(body.results[0], { measurement_url: '' });
    assert.equal(body.metadata.count, 1);
  });
});

describe('pagination', () => {
  const all = () => expected((r) => r.probeCc === 'IT');

  test('full pages have count/pages -1 and a next_url with every parameter; the last page counts', async () => {
    const total = all().length;
    const limit = 25;
    const seen: string[] = [];
    let url: string | null = `/api/v1/measurements?probe_cc=IT&limit=${limit}&order=desc`;
    let page = 1;
    while (url) {
      const body: any = (await h.json(url.replace('https://api.ooni.io', ''))).body;
      const m: any = body.metadata;
      assert.equal(m.current_page, page);
      assert.equal(m.offset, (page - 1) * limit);
      assert.equal(m.limit, limit);
      assert.equal(typeof m.query_time, 'number');
      seen.push(...body.results.map((r: any) => r.measurement_uid));
      if (body.results.length === limit) {
        assert.equal(m.count, -1);
        assert.equal(m.pages, -1);
        assert.ok(m.next_url.startsWith('https://api.ooni.io/api/v1/measurements?'));
        const next = new URL(m.next_url).searchParams;
        assert.equal(next.get('probe_cc'), 'IT');
        assert.equal(next.get('order'), 'desc');
        assert.equal(next.get('offset'), String(page * limit));
        assert.equal(next.get('limit'), String(limit));
      } else {
        assert.equal(m.count, total);
        assert.equal(m.pages, Math.ceil(total / limit));
        assert.equal(m.next_url, null);
      }
      url = m.next_url;
      page++;
    }
    assert.deepEqual(seen, all());
  });

  test('an empty page after exact full pages: count = offset, current_page one past', async () => {
    const total = all().length;
    const { body } = await h.json(`/api/v1/measurements?probe_cc=IT&limit=${total}&offset=${total}`);
    assert.deepEqual(body.results, []);
    assert.deepEqual(
      { ...body.metadata, query_time: 0 },
      {
        count: total,
        current_page: 2,
        limit: total,
        next_url: null,
        offset: total,
        pages: 1,
        query_time: 0,
      },
    );
  });

  test('no match: count 0, pages 0, current_page 1', async () => {
    const { body } = await h.json('/api/v1/measurements?test_name=BOGUS1234');
    assert.deepEqual(
      { ...body.metadata, query_time: 0 },
      { count: 0, current_page: 1, limit: 100, next_url: null, offset: 0, pages: 0, query_time: 0 },
    );
    assert.deepEqual(body.results, []);
  });

  test('repeated identical calls give identical bodies (stable order on equal times)', async () => {
    const a: any = (await h.json('/api/v1/measurements?limit=50&offset=50')).body;
    const b: any = (await h.json('/api/v1/measurements?limit=50&offset=50')).body;
    delete a.metadata.query_time;
    delete b.metadata.query_time;
    assert.deepEqual(a, b);
  });

  test('limit 1 000 000 is accepted', async () => {
    assert.equal((await h.get('/api/v1/measurements?limit=1000000')).status, 200);
  });
});

describe('errors', () => {
  const cases: [string, number, string][] = [
    ['order=sideways', 400, 'invalid_order'],
    ['order_by=test_start_time', 422, 'invalid_parameter'],
    ['order_by=probe_cc', 422, 'invalid_parameter'],
    ['order_by=nonexistent', 422, 'invalid_parameter'],
    ['limit=0', 422, 'invalid_parameter'],
    ['limit=1000001', 422, 'invalid_parameter'],
    ['limit=abc', 422, 'invalid_parameter'],
    ['offset=-1', 422, 'invalid_parameter'],
    ['anomaly=maybe', 422, 'invalid_parameter'],
    ['probe_asn=ASX', 422, 'invalid_parameter'],
    ['since=2021-7-9', 422, 'invalid_parameter'],
    ['until=yesterday', 422, 'invalid_parameter'],
    ['report_id=ab', 422, 'invalid_parameter'],
    ['input=ab', 422, 'invalid_parameter'],
    ['domain=ab', 422, 'invalid_parameter'],
    ['ooni_run_link_id=abc', 422, 'invalid_parameter'],
    ['ooni_run_link_id=1234,abc', 422, 'invalid_parameter'],
    ['since=2024-01-01&until=2024-07-20', 400, 'time_range_too_large'],
  ];
  for (const [q, status, code] of cases) {
    test(`${q} → ${status} ${code}`, async () => {
      const { status: s, body } = await h.json(`/api/v1/measurements?${q}`);
      assert.equal(s, status);
      assert.equal(body.error, code);
      assert.equal(typeof body.message, 'string');
    });
  }

  test('range message names the days; 2024-01-01..04-01 is fine', async () => {
    const { body } = await h.json('/api/v1/measurements?since=2024-01-01&until=2024-07-20');
    assert.match(body.message, /time range must not exceed 6 months\. Requested: 201 days/i);
    assert.equal((await h.get('/api/v1/measurements?since=2024-01-01&until=2024-04-01')).status, 200);
  });
});
