// v5 cost per core: observations (measurementToObservations) + analysis (GroundTruth +
// analyseMeasurement) against the fastpath scorer on the same parsed measurements, in the same run,
// alternating batches so both see the same load on a shared machine. Each step gets the same
// already-parsed object; JSON.parse of the measurement's text is timed as a step of its own. Three
// ratios: (observe + analyse) / score, parse excluded from both (the strictest); (observe +
// analyse) / (parse + score), the v5 work the worker adds to the fastpath step (it parses an upload
// once for both: activities/measurement/insert-row.ts); (parse + observe + analyse) / (parse +
// score), each from the upload's text as two separate systems would. Two inputs: the 15 KB
// web_connectivity fixture, and an hour of 100 000 measurements generated (deterministic seed,
// bench/observe-hour.ts) from real fixtures in a realistic mix of nettests. Each step is timed in
// wall time and in this process's CPU time (process.cpuUsage, less sensitive to the machine's other
// load); prints both figures and the three ratios; goal ≤ 2.
// Part 1 repeats one measurement, so the per-process memos (IP enrichment, peer certificates) always
// hit there: the hour (distinct hosts and IPs, first sightings included) is the figure to quote.
// Asserts nothing. `npm run bench:observe -- [--no-enrichment] [--count N]`.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { scoreMeasurement } from '../activities/fastpath/index.ts';
import { readFingerprintsDir } from '../activities/jobs/fingerprints-files.ts';
import { analyseMeasurement, dnsFingerprintIndex, GroundTruth } from '../domain/analysis/index.ts';
import type { IpDatabase } from '../domain/enrichment/lookup.ts';
import { measurementToObservations } from '../domain/observations/index.ts';
import type { ObservationResult } from '../domain/observations/types.ts';
import { configuredIpDatabase } from '../lib/enrichment/index.ts';
import { nodeObservationCrypto } from '../lib/observations/crypto.ts';
import { generate, hourTemplates, HOSTS } from './observe-hour.ts';

const FIXTURE = fileURLToPath(new URL('../test/fixtures/fastpath/20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json', import.meta.url));
const ROUNDS = 9;
const ROUND_MS = 100;
const WARMUP_MS = 300;
const STEP_MS = 5;
const BATCH = 500;
const HOUR = '2024-02-12 20';

const { values: opts } = parseArgs({ options: { 'no-enrichment': { type: 'boolean' }, count: { type: 'string' } } });
const COUNT = Number(opts.count ?? 100_000);
const fps = await readFingerprintsDir();
const dnsIndex = dnsFingerprintIndex(fps);
const versions = { fingerprints_version: fps.version };
const ipDb: IpDatabase | null = opts['no-enrichment'] ? null : await configuredIpDatabase(process.env);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
let sink = 0;

/** Elapsed wall and CPU milliseconds, accumulated over the timed sections of one step. */
class Clock {
  wall = 0;
  cpu = 0;
  time(fn: () => void): void {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    const t1 = process.hrtime.bigint();
    const c = process.cpuUsage(c0);
    this.wall += Number(t1 - t0) / 1e6;
    this.cpu += (c.user + c.system) / 1000;
  }
}

function observe(m: unknown, uid: string): ObservationResult {
  return measurementToObservations(m, uid, { bucketDate: HOUR.slice(0, 10), createdAt: null, ipDb, crypto: nodeObservationCrypto });
}

// ---- 1. the 15 KB fixture: observe, analyse (its own window) and score in alternating batches ----

const fixtureText = readFileSync(FIXTURE, 'utf8');
const fixture = JSON.parse(fixtureText) as Record<string, unknown>;
const fixtureUid = '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3';
const fixtureObs = observe(fixture, fixtureUid);
if (!fixtureObs.ok) throw new Error(fixtureObs.reason);
const steps = {
  observe: () => {
    const r = observe(fixture, fixtureUid);
    sink += r.ok ? r.obs_web.length : 0;
  },
  analyse: () => {
    const truth = new GroundTruth();
    for (const c of fixtureObs.obs_web_ctrl) truth.addCtrlRow(c);
    for (const w of fixtureObs.obs_web) truth.addObsWebRow(w);
    sink += analyseMeasurement(fixtureObs.obs_web, truth, dnsIndex, versions) ? 1 : 0;
  },
  score: () => {
    sink += scoreMeasurement(fixture, { measurementUid: fixtureUid, fingerprints: fps }).kind.length;
  },
  parse: () => {
    sink += JSON.parse(fixtureText) === null ? 0 : 1;
  },
};
type Step = keyof typeof steps;
const STEPS = Object.keys(steps) as Step[];

function batchSize(fn: () => void, ms: number): number {
  for (let n = 1; ; n *= 2) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    if (performance.now() - t0 >= ms || n >= 1 << 20) return n;
  }
}

/** Per step: median over rounds of calls per wall second and per CPU second. */
function fixtureRates(): Record<Step, { wall: number; cpu: number }> {
  for (const t0 = performance.now(); performance.now() - t0 < WARMUP_MS;) for (const s of STEPS) steps[s]();
  const n = Object.fromEntries(STEPS.map((s) => [s, batchSize(steps[s], STEP_MS)])) as Record<Step, number>;
  const wall = Object.fromEntries(STEPS.map((s) => [s, [] as number[]])) as Record<Step, number[]>;
  const cpu = Object.fromEntries(STEPS.map((s) => [s, [] as number[]])) as Record<Step, number[]>;
  for (let r = 0; r < ROUNDS; r++) {
    const clocks = Object.fromEntries(STEPS.map((s) => [s, new Clock()])) as Record<Step, Clock>;
    const calls = Object.fromEntries(STEPS.map((s) => [s, 0])) as Record<Step, number>;
    while (STEPS.some((s) => clocks[s].wall < ROUND_MS)) {
      for (const s of STEPS) {
        const fn = steps[s];
        clocks[s].time(() => {
          for (let i = 0; i < n[s]; i++) fn();
        });
        calls[s] += n[s];
      }
    }
    for (const s of STEPS) {
      wall[s].push((calls[s] * 1000) / clocks[s].wall);
      cpu[s].push((calls[s] * 1000) / clocks[s].cpu);
    }
  }
  return Object.fromEntries(STEPS.map((s) => [s, { wall: median(wall[s]), cpu: median(cpu[s]) }])) as Record<Step, { wall: number; cpu: number }>;
}

// ---- 2. an hour of generated measurements ----

function hourRun() {
  const truth = new GroundTruth();
  const clock = { parse: new Clock(), observe: new Clock(), analyse: new Clock(), score: new Clock() };
  const counts = { obsWeb: 0, obsCtrl: 0, middlebox: 0, analysis: 0, faulty: 0 };
  const byTest = new Map<string, number>();
  const batchOf = (start: number) => Array.from({ length: Math.min(BATCH, COUNT - start) }, (_, k) => generate(start + k, COUNT, HOUR));
  // pass 1: observe the hour and feed the window's ground truth (analysis work), scoring the same batches in turn
  for (let start = 0; start < COUNT; start += BATCH) {
    const batch = batchOf(start);
    for (const g of batch) byTest.set(g.testName, (byTest.get(g.testName) ?? 0) + 1);
    // the upload's text as a probe sends it (compact JSON), parsed once per measurement
    const texts = batch.map(({ m }) => JSON.stringify(m));
    clock.parse.time(() => {
      for (const text of texts) sink += JSON.parse(text) === null ? 0 : 1;
    });
    let results: ObservationResult[] = [];
    clock.observe.time(() => {
      results = batch.map(({ m, uid }) => observe(m, uid));
    });
    clock.analyse.time(() => {
      for (const r of results) {
        if (!r.ok) continue;
        for (const c of r.obs_web_ctrl) truth.addCtrlRow(c);
        for (const w of r.obs_web) truth.addObsWebRow(w);
      }
    });
    for (const r of results) {
      if (!r.ok) counts.faulty++;
      else {
        counts.obsWeb += r.obs_web.length;
        counts.obsCtrl += r.obs_web_ctrl.length;
        counts.middlebox += r.obs_http_middlebox.length;
      }
    }
    clock.score.time(() => {
      for (const { m, uid } of batch) sink += scoreMeasurement(m, { measurementUid: uid, fingerprints: fps }).kind.length;
    });
  }
  // pass 2: the hour's analysis (rows re-made untimed, as if read back), scoring again in turn
  for (let start = 0; start < COUNT; start += BATCH) {
    const batch = batchOf(start);
    const rows = batch.map(({ m, uid }) => observe(m, uid)).flatMap((r) => (r.ok ? [r.obs_web] : []));
    clock.analyse.time(() => {
      for (const r of rows) if (analyseMeasurement(r, truth, dnsIndex, versions)) counts.analysis++;
    });
    clock.score.time(() => {
      for (const { m, uid } of batch) sink += scoreMeasurement(m, { measurementUid: uid, fingerprints: fps }).kind.length;
    });
  }
  return { clock, counts, byTest };
}

console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} (${cpus().length} cores), node ${process.version}, 1 core`);
console.log(`enrichment: ${ipDb ? ipDb.version : 'none (--no-enrichment)'}; fingerprints ${fps.version}`);
console.log('every step gets the same parsed object; JSON.parse is a step of its own; per-step rates are wall | CPU\n');

/** Cost per measurement of each step (wall or CPU); the three ratios of the header. */
type Costs = Record<Step, number>;
function ratios(c: Costs): string {
  const v5 = c.observe + c.analyse;
  return [v5 / c.score, v5 / (c.parse + c.score), (c.parse + v5) / (c.parse + c.score)].map((x) => `${x.toFixed(2)}×`).join(' / ');
}
const RATIOS = '(observe + analyse) / score, / (parse + score), (parse + observe + analyse) / (parse + score)';

const f = fixtureRates();
const perObs = fixtureObs.obs_web.length + fixtureObs.obs_web_ctrl.length;
const both = (k: Step, scale = 1) => `${fmt(f[k].wall * scale)} | ${fmt(f[k].cpu * scale)}`;
const fixtureCosts = (k: 'wall' | 'cpu') => Object.fromEntries(STEPS.map((s) => [s, 1 / f[s][k]])) as Costs;
console.log(
  `1. ${FIXTURE.split('/').at(-1)} (15 KB, ${perObs} observation rows): ${ROUNDS} rounds × ${ROUND_MS} ms per step, alternating ~${STEP_MS} ms batches, medians (one measurement repeated: enrichment and certificate memos always hit)`,
);
console.log(`   parse    ${both('parse')} measurements/s (JSON.parse of the file's text)`);
console.log(`   observe  ${both('observe')} measurements/s = ${both('observe', perObs)} observation rows/s`);
console.log(`   analyse  ${both('analyse')} analysis rows/s (ground truth of its own rows + analyseMeasurement)`);
console.log(`   score    ${both('score')} measurements/s (fastpath scoreMeasurement)`);
console.log(`   cost ratios ${RATIOS}:`);
console.log(`     wall ${ratios(fixtureCosts('wall'))} | CPU ${ratios(fixtureCosts('cpu'))}   (goal ≤ 2×)\n`);

const t0 = performance.now();
const h = hourRun();
const { clock, counts } = h;
const per = (n: number, c: Clock) => `${fmt((n * 1000) / c.wall)} | ${fmt((n * 1000) / c.cpu)}`;
const mix = [...h.byTest].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${((100 * n) / COUNT).toFixed(1)}%`);
console.log(
  `2. an hour of ${fmt(COUNT)} generated measurements (${hourTemplates.files} templates, ${hourTemplates.nettests} nettests, ${HOSTS} hostnames), batches of ${BATCH} alternating, ${((performance.now() - t0) / 1000).toFixed(0)} s wall`,
);
console.log(`   mix: ${mix.join(', ')}`);
const obsRows = counts.obsWeb + counts.obsCtrl + counts.middlebox;
console.log(`   parse    ${per(COUNT, clock.parse)} measurements/s (JSON.parse of each measurement's compact text)`);
console.log(
  `   observe  ${per(COUNT, clock.observe)} measurements/s = ${per(obsRows, clock.observe)} observation rows/s (${fmt(counts.obsWeb)} obs_web, ${fmt(counts.obsCtrl)} obs_web_ctrl, ${fmt(counts.middlebox)} obs_http_middlebox; ${counts.faulty} faulty)`,
);
console.log(
  `   analyse  ${per(counts.analysis, clock.analyse)} analysis rows/s (${fmt(counts.analysis)} rows; ground truth fed + analyseMeasurement)`,
);
console.log(`   score    ${per(2 * COUNT, clock.score)} measurements/s (each measurement scored twice, once per pass)`);
// each measurement is parsed once (pass 1) and scored twice (once per pass)
const hourCosts = (k: 'wall' | 'cpu'): Costs => ({
  parse: clock.parse[k],
  observe: clock.observe[k],
  analyse: clock.analyse[k],
  score: clock.score[k] / 2,
});
console.log(`   cost ratios ${RATIOS}:`);
console.log(`     wall ${ratios(hourCosts('wall'))} | CPU ${ratios(hourCosts('cpu'))}   (goal ≤ 2×)`);
if (sink < 0) console.log(sink);
