// `ooni-pipeline observe` run as a child process on fixture files (no stack needed).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FIXTURES } from './helpers.ts';

const BIN = fileURLToPath(new URL('../../../bin/ooni-pipeline.mjs', import.meta.url));
const WC = '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3';

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWith({}, ...args);
}

function cliWith(vars: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // no stack variables: the command must not need them
    const env = { PATH: process.env.PATH ?? '', ...vars };
    execFile(process.execPath, [BIN, 'observe', ...args], { env, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const lines = (s: string) =>
  s
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('ooni-pipeline observe', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'observe-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one line per row, table first, uid from the file name', async () => {
    const r = await cli('--no-enrichment', join(FIXTURES, 'fastpath', `${WC}.json`));
    assert.equal(r.code, 0, r.stderr);
    const rows = lines(r.stdout);
    assert.deepEqual(
      rows.map((x) => [x.table, x.observation_idx]),
      [
        ['obs_web', 1],
        ['obs_web', 2],
        ['obs_web', 3],
        ['obs_web_ctrl', 0],
        ['obs_web_ctrl', 1],
        ['obs_web_ctrl', 2],
      ],
    );
    assert.equal(Object.keys(rows[0]!)[0], 'table');
    assert.equal(rows[0]!.measurement_uid, WC);
    // from the uid's receive time
    assert.equal(rows[0]!.bucket_date, '2025-05-27');
    assert.equal(rows[0]!.created_at, '2025-05-27 23:31:11.802');
    assert.equal(rows[0]!.enrichment_version, 'none');
    assert.equal(rows[0]!.ip_asn, 0);
  });

  it('JSON lines: a uid per line; a bad line and a non-measurement file are reported, exit 1 after the rest', async () => {
    const m = JSON.parse(readFileSync(join(FIXTURES, 'fastpath', `${WC}.json`), 'utf8')) as Record<string, unknown>;
    const jsonl = join(dir, 'batch.jsonl');
    writeFileSync(
      jsonl,
      [JSON.stringify({ ...m, measurement_uid: '20250101000000.000001_ID_webconnectivity_0000000000000001' }), '{not json', JSON.stringify(m)].join(
        '\n',
      ),
    );
    const notMeasurement = join(dir, 'thing.json');
    writeFileSync(notMeasurement, '[1, 2]');
    const r = await cli('--no-enrichment', notMeasurement, jsonl);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /thing\.json: not a measurement: not a JSON object/);
    assert.match(r.stderr, /batch\.jsonl:2: invalid JSON/);
    const uids = [...new Set(lines(r.stdout).map((x) => x.measurement_uid))];
    assert.deepEqual(uids, ['20250101000000.000001_ID_webconnectivity_0000000000000001', 'batch_3']);
    const third = lines(r.stdout).find((x) => x.measurement_uid === 'batch_3')!;
    // no receive time in that uid: the day of measurement_start_time, no created_at
    assert.equal(third.bucket_date, '2025-05-27');
    assert.equal(third.created_at, null);
  });

  it('enriches with the packaged database by default', async () => {
    const r = await cli(join(FIXTURES, 'fastpath', `${WC}.json`));
    assert.equal(r.code, 0, r.stderr);
    const [first] = lines(r.stdout);
    assert.notEqual(first!.enrichment_version, 'none');
    // the resolver IP 66.185.119.247 is announced by AS1288 (the probe says so too)
    assert.equal(first!.resolver_asn, 1288);
  });

  it('ENRICHMENT_AS_ORG_MAP: the probe AS record of the measurement day on every row; a bad file is an error, no rows', async () => {
    const map = join(dir, 'all_as_org_map.json');
    // the fixture's probe (AS23693) measured on 2025-05-27: the second record applies, the third is later
    const records = [
      ['Old Name', 'ID', '20100101', 'OLD-AS', 'APNIC'],
      ['PT. Telekomunikasi Selular', 'ID', '20250527', 'TELKOMSEL-AS-AP', 'APNIC'],
      ['Later Name', 'ID', '20250528', 'LATER-AS', 'APNIC'],
    ];
    writeFileSync(map, JSON.stringify({ 23693: records }));
    const r = await cliWith({ ENRICHMENT_AS_ORG_MAP: map }, join(FIXTURES, 'fastpath', `${WC}.json`));
    assert.equal(r.code, 0, r.stderr);
    const rows = lines(r.stdout).filter((x) => x.table === 'obs_web');
    assert.equal(rows.length, 3);
    for (const row of rows) {
      assert.deepEqual([row.probe_as_org_name, row.probe_as_cc, row.probe_as_name], ['PT. Telekomunikasi Selular', 'ID', 'TELKOMSEL-AS-AP']);
      assert.match(String(row.enrichment_version), /\+asorg:all_as_org_map\.json@2025-05-28$/);
    }
    writeFileSync(map, JSON.stringify({ 23693: [['x', 'ID', '2025-05-27', 'y', 'z']] }));
    const bad = await cliWith({ ENRICHMENT_AS_ORG_MAP: map }, join(FIXTURES, 'fastpath', `${WC}.json`));
    assert.notEqual(bad.code, 0);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /ENRICHMENT_AS_ORG_MAP .*all_as_org_map\.json: ASN 23693, record 0: changed "2025-05-27" is not a YYYYMMDD day/);
  });
});
