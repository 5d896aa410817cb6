// `ooni-pipeline score` run as a child process on fixture files.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { FASTPATH_COLUMNS } from '../../../activities/fastpath/index.ts';
import { CSV_FIXTURES, FIXTURES } from '../../helpers/unit/fastpath.ts';

const BIN = fileURLToPath(new URL('../../../bin/ooni-pipeline.mjs', import.meta.url));
const WC = '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json';
const golden = JSON.parse(readFileSync(FIXTURES + 'expected_outputs.json', 'utf8')) as Record<string, { row: Record<string, unknown> | null }>;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'score', ...args], { maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const lines = (s: string) =>
  s
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const fixture = (name: string) => readFileSync(FIXTURES + name, 'utf8');

describe('ooni-pipeline score', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'score-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a JSON file named after its uid: row with that uid, columns in table order', async () => {
    const r = await cli(FIXTURES + WC);
    assert.equal(r.code, 0, r.stderr);
    const [row] = lines(r.stdout);
    assert.deepEqual(Object.keys(row!), [...FASTPATH_COLUMNS]);
    assert.equal(row!.measurement_uid, WC.replace(/\.json$/, ''));
    assert.equal(row!.anomaly, 't');
    assert.equal(row!.confirmed, 't');
  });

  it('--uid and --fingerprints DIR reproduce the golden row', async () => {
    const fpDir = join(dir, 'fp');
    rmSync(fpDir, { recursive: true, force: true });
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(fpDir);
    for (const f of ['fingerprints_dns.csv', 'fingerprints_http.csv']) copyFileSync(CSV_FIXTURES + f, join(fpDir, f));
    const r = await cli('--fingerprints', fpDir, '--uid', 'bogus_uid', FIXTURES + 'web_connectivity_null2.json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lines(r.stdout), [golden['web_connectivity_null2.json']!.row]);
  });

  it('JSONL with wrapped, bare and bad lines: other lines still scored, exit 1', async () => {
    const file = join(dir, 'mixed.jsonl');
    const wrapped = JSON.stringify({ format: 'json', content: JSON.parse(fixture('browser_web.json')), is_verified: 't' });
    const bare = JSON.stringify(JSON.parse(fixture('vanilla_tor.json')));
    writeFileSync(file, `${wrapped}\n{not json\n${bare}\n`);
    const r = await cli('--uid', 'bogus_uid', file);
    assert.equal(r.code, 1);
    const rows = lines(r.stdout);
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[0], { ...golden['browser_web.json']!.row, is_verified: 't' });
    assert.deepEqual(rows[1], golden['vanilla_tor.json']!.row);
    assert.match(r.stderr, /mixed\.jsonl:2: invalid JSON/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  it('gzip-compressed JSONL; generated uid when the file name is not a uid', async () => {
    const file = join(dir, 'two.jsonl.gz');
    const text = ['torsf_2.json', 'riseupvpn.json'].map((f) => JSON.stringify(JSON.parse(fixture(f)))).join('\n');
    writeFileSync(file, gzipSync(text));
    const r = await cli(file);
    assert.equal(r.code, 0, r.stderr);
    const rows = lines(r.stdout);
    assert.equal(rows.length, 2);
    assert.match(String(rows[0]!.measurement_uid), /^01[0-9]{8}[0-9a-f]{30}$/);
    assert.equal(rows[1]!.scores, '{}');
  });

  it('a measurement the original drops is reported on stderr with file and line', async () => {
    const r = await cli(FIXTURES + 'meek3.json', FIXTURES + 'tor.json');
    assert.equal(r.code, 1);
    assert.equal(lines(r.stdout).length, 1);
    assert.match(r.stderr, /meek3\.json:1: no row: bad_field/);
  });
});
