// `ooni-pipeline analyse` run as a child process on fixture files (no stack needed): observation
// rows first, then one analysis row per web_connectivity measurement; the files are the window.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/ooni-pipeline.mjs', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const QA = (name: string): string => join(FIXTURES, 'ooni-data-qa', `${name}.json`);
const WC = '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3';

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // no stack variables: the command must not need them
    const env = { PATH: process.env.PATH ?? '' };
    execFile(process.execPath, [BIN, 'analyse', ...args], { env, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const lines = (s: string): Record<string, unknown>[] =>
  s
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('ooni-pipeline analyse', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'analyse-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('§5.5 fixture: its 3 obs_web and 3 obs_web_ctrl rows, then its verdict', async () => {
    const r = await cli('--no-enrichment', join(FIXTURES, 'fastpath', `${WC}.json`));
    assert.equal(r.code, 0, r.stderr);
    const rows = lines(r.stdout);
    assert.deepEqual(
      rows.map((x) => x.table),
      ['obs_web', 'obs_web', 'obs_web', 'obs_web_ctrl', 'obs_web_ctrl', 'obs_web_ctrl', 'analysis_web_measurement'],
    );
    const a = rows.at(-1)!;
    assert.equal(a.measurement_uid, WC);
    assert.deepEqual([a.top_dns_rule_id, a.top_tcp_rule_id, a.top_tls_rule_id], ['tls_consistent_answer', 'connect_ok', 'no_tls_data']);
    assert.deepEqual([a.dns_ok, a.tcp_ok, a.dns_blocked, a.tcp_blocked, a.tls_blocked], [1, 1, 0, 0, 0]);
    assert.equal(a.domain, 'archive.org');
    assert.equal(a.enrichment_version, 'none');
    assert.equal(a.analysis_rules_version, 2);
    assert.match(String(a.fingerprints_version), /^[0-9a-f]+$/);
  });

  it('the files are one window: another file’s control changes the verdict', async () => {
    // alone, websiteDownNoAddrs has no DNS control data (0/0) → dns_system_failure_no_ctrl (0.5, 0.5, 0)
    const alone = lines((await cli('--no-enrichment', QA('websiteDownNoAddrs'))).stdout).filter((x) => x.table === 'analysis_web_measurement');
    assert.deepEqual(
      alone.map((x) => [x.measurement_uid, x.top_dns_rule_id, x.dns_blocked]),
      [['websiteDownNoAddrs', 'dns_system_failure_no_ctrl', 0.5]],
    );
    // with successWithHTTP (same hostname and day), whose control resolved www.example.com twice: 2/2 > 0.5
    const r = await cli('--no-enrichment', QA('websiteDownNoAddrs'), QA('successWithHTTP'));
    assert.equal(r.code, 0, r.stderr);
    const both = lines(r.stdout).filter((x) => x.table === 'analysis_web_measurement');
    assert.deepEqual(
      both.map((x) => [x.measurement_uid, x.top_dns_rule_id, x.dns_blocked]),
      [
        ['websiteDownNoAddrs', 'dns_system_failure_ctrl_ok', 0.8999999761581421],
        // its own answer is TLS-consistent in its control (443 handshake ok): rule 3 before rule 7
        ['successWithHTTP', 'tls_consistent_answer', 0],
      ],
    );
  });

  it('other tests are observed, not analysed; a bad line is reported and the rest still printed', async () => {
    const file = join(dir, 'mixed.jsonl');
    const dnscheck = {
      measurement_start_time: '2024-02-12 20:00:00',
      probe_asn: 'AS30722',
      probe_cc: 'IT',
      test_name: 'dnscheck',
      input: 'dot://1.1.1.1',
      report_id: 'r',
      test_keys: { bootstrap: null, lookups: {} },
    };
    writeFileSync(file, `${JSON.stringify(dnscheck)}\nnot json\n`);
    const r = await cli('--no-enrichment', file, QA('successWithHTTPS'));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /mixed\.jsonl:2: invalid JSON/);
    const analysed = lines(r.stdout).filter((x) => x.table === 'analysis_web_measurement');
    assert.deepEqual(
      analysed.map((x) => x.measurement_uid),
      ['successWithHTTPS'],
    );
  });

  it('usage errors exit 2', async () => {
    assert.equal((await cli()).code, 2);
    assert.equal((await cli('--bogus', 'x')).code, 2);
  });
});
