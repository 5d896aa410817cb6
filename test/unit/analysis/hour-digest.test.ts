// Pins the v5 output of a generated hour (bench/observe-hour.ts, every nettest template of the mix)
// byte for byte: per table a SHA-256 over the JSON of every row, in order, key order included (so
// a refactor of how rows are built cannot reorder, add or drop a column unnoticed). The digests in
// test/fixtures/v5-hour/digests.json were recorded from unchanged code (README.md there); re-record
// them only with an intentional output change.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { readFingerprintsDir } from '../../../activities/jobs/fingerprints-files.ts';
import { generate } from '../../../bench/observe-hour.ts';
import { analyseMeasurement, dnsFingerprintIndex, GroundTruth } from '../../../domain/analysis/index.ts';
import type { IpDatabase } from '../../../domain/enrichment/lookup.ts';
import { measurementToObservations } from '../../../domain/observations/index.ts';
import type { ObservationResult } from '../../../domain/observations/types.ts';
import { ipDatabase } from '../../../lib/enrichment/index.ts';
import { nodeObservationCrypto } from '../../../lib/observations/crypto.ts';

const COUNT = 4000;
const HOUR = '2024-02-12 20';
const DIGESTS = new URL('../../fixtures/v5-hour/digests.json', import.meta.url);

type Tables = Record<'faulty' | 'obs_web' | 'obs_web_ctrl' | 'obs_http_middlebox' | 'analysis_web_measurement', string>;

class TableDigest {
  private readonly hash = createHash('sha256');
  rows = 0;
  add(row: unknown): void {
    this.hash.update(JSON.stringify(row)).update('\n');
    this.rows++;
  }
  hex(): string {
    return `${this.rows}:${this.hash.digest('hex')}`;
  }
}

/** The hour's rows per table (as bench:observe makes them): observations, then the window's ground truth and every measurement's analysis. */
async function hourDigests(ipDb: IpDatabase | null): Promise<{ tables: Tables; testNames: Set<string> }> {
  const fps = await readFingerprintsDir();
  const dnsIndex = dnsFingerprintIndex(fps);
  const d = {
    faulty: new TableDigest(),
    obs_web: new TableDigest(),
    obs_web_ctrl: new TableDigest(),
    obs_http_middlebox: new TableDigest(),
    analysis_web_measurement: new TableDigest(),
  };
  const truth = new GroundTruth();
  const results: ObservationResult[] = [];
  const testNames = new Set<string>();
  for (let i = 0; i < COUNT; i++) {
    const { m, uid, testName } = generate(i, COUNT, HOUR);
    testNames.add(testName);
    const r = measurementToObservations(m, uid, { bucketDate: HOUR.slice(0, 10), createdAt: null, ipDb, crypto: nodeObservationCrypto });
    results.push(r);
    if (!r.ok) {
      d.faulty.add({ uid, reason: r.reason });
      continue;
    }
    for (const row of r.obs_web) d.obs_web.add(row);
    for (const row of r.obs_web_ctrl) d.obs_web_ctrl.add(row);
    for (const row of r.obs_http_middlebox) d.obs_http_middlebox.add(row);
    for (const c of r.obs_web_ctrl) truth.addCtrlRow(c);
    for (const w of r.obs_web) truth.addObsWebRow(w);
  }
  for (const r of results) {
    if (!r.ok) continue;
    const a = analyseMeasurement(r.obs_web, truth, dnsIndex, { fingerprints_version: fps.version });
    if (a) d.analysis_web_measurement.add(a);
  }
  const tables = Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.hex()])) as Tables;
  return { tables, testNames };
}

interface Recorded {
  none: Tables;
  packaged: Tables;
  /** the packaged database the `packaged` digests were made with (its data changes them) */
  packagedVersion: string;
}
const recorded = JSON.parse(readFileSync(DIGESTS, 'utf8')) as Recorded;

/** RECORD_V5_HOUR=1: write this run's digests instead of comparing (see the fixture's README.md). */
function record(update: Partial<Recorded>): void {
  const now = JSON.parse(readFileSync(DIGESTS, 'utf8')) as Recorded;
  writeFileSync(DIGESTS, `${JSON.stringify({ ...now, ...update }, null, 2)}\n`);
}
const RECORD = process.env.RECORD_V5_HOUR === '1';

test(`a generated hour of ${COUNT} measurements, no enrichment: every table as recorded`, async () => {
  const { tables, testNames } = await hourDigests(null);
  // every nettest of bench/observe-hour.ts's mix is in the hour
  assert.equal(testNames.size, 19);
  if (RECORD) return record({ none: tables });
  assert.deepEqual(tables, recorded.none);
});

test(`a generated hour of ${COUNT} measurements, the packaged IP database: every table as recorded`, async () => {
  const db = await ipDatabase(undefined);
  const { tables } = await hourDigests(db);
  if (RECORD) return record({ packaged: tables, packagedVersion: db.version });
  assert.equal(db.version, recorded.packagedVersion, 'the packaged IP database changed: re-record the digests (README.md)');
  assert.deepEqual(tables, recorded.packaged);
});
