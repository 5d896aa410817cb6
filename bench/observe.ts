// v5 cost per core: observations (measurementToObservations) + analysis (GroundTruth +
// analyseMeasurement) against the fastpath scorer on the same parsed measurements, in the same run,
// alternating batches so both see the same load on a shared machine. Two inputs: the 15 KB
// web_connectivity fixture, and an hour of 100 000 measurements generated (deterministic seed) from
// real fixtures by varying uid, start time, report, hostname, IPs and failures. Prints figures and
// the ratio (observe + analyse cost) / (score cost); goal ≤ 2. Asserts nothing.
// `npm run bench:observe -- [--no-enrichment] [--count N]`.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { scoreMeasurement } from '../activities/fastpath/index.ts';
import { readFingerprintsDir } from '../activities/jobs/fingerprints-files.ts';
import { analyseMeasurement, dnsFingerprintIndex, GroundTruth } from '../domain/analysis/index.ts';
import type { IpDatabase } from '../domain/enrichment/lookup.ts';
import { measurementToObservations } from '../domain/observations/index.ts';
import type { ObsWebRow } from '../domain/observations/types.ts';
import { ipDatabase } from '../lib/enrichment/index.ts';
import { nodeObservationCrypto } from '../lib/observations/crypto.ts';

const FIXTURE = fileURLToPath(new URL('../test/fixtures/fastpath/20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json', import.meta.url));
const QA_DIR = fileURLToPath(new URL('../test/fixtures/ooni-data-qa/', import.meta.url));
const ROUNDS = 9;
const ROUND_MS = 80;
const WARMUP_MS = 300;
const BATCH = 500;
const HOUR = '2024-02-12 20';

const { values: opts } = parseArgs({ options: { 'no-enrichment': { type: 'boolean' }, count: { type: 'string' } } });
const COUNT = Number(opts.count ?? 100_000);
const fps = await readFingerprintsDir();
const dnsIndex = dnsFingerprintIndex(fps);
const versions = { fingerprints_version: fps.version };
const ipDb: IpDatabase | null = opts['no-enrichment'] ? null : await ipDatabase(process.env.ENRICHMENT_MMDB);

const now = (): number => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
let sink = 0;

function observe(m: unknown, uid: string) {
  const r = measurementToObservations(m, uid, { bucketDate: HOUR.slice(0, 10), createdAt: null, ipDb, crypto: nodeObservationCrypto });
  if (!r.ok) throw new Error(`${uid}: ${r.reason}`);
  return r;
}

// ---- 1. the 15 KB fixture: observe, analyse (its own window) and score in alternating batches ----

const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;
const fixtureUid = '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3';
const fixtureObs = observe(fixture, fixtureUid);
const steps = {
  observe: () => {
    sink += observe(fixture, fixtureUid).obs_web.length;
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
};
type Step = keyof typeof steps;

function batchSize(fn: () => void, ms: number): number {
  for (let n = 1; ; n *= 2) {
    const t0 = now();
    for (let i = 0; i < n; i++) fn();
    if (now() - t0 >= ms || n >= 1 << 20) return n;
  }
}

function fixtureRates(): Record<Step, number> {
  const names = Object.keys(steps) as Step[];
  for (const t0 = now(); now() - t0 < WARMUP_MS;) for (const s of names) steps[s]();
  const n = Object.fromEntries(names.map((s) => [s, batchSize(steps[s], 0.5)])) as Record<Step, number>;
  const perRound: Record<Step, number[]> = { observe: [], analyse: [], score: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const t: Record<Step, number> = { observe: 0, analyse: 0, score: 0 };
    const c: Record<Step, number> = { observe: 0, analyse: 0, score: 0 };
    while (names.some((s) => t[s] < ROUND_MS)) {
      for (const s of names) {
        const t0 = now();
        for (let i = 0; i < n[s]; i++) steps[s]();
        t[s] += now() - t0;
        c[s] += n[s];
      }
    }
    for (const s of names) perRound[s].push((c[s] * 1000) / t[s]);
  }
  return { observe: median(perRound.observe), analyse: median(perRound.analyse), score: median(perRound.score) };
}

// ---- 2. an hour of generated measurements ----

// mulberry32: deterministic
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Template {
  text: string;
  hosts: string[];
  ips: string[];
}

const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const KEEP_IP = /^(?:127\.|10\.|0\.|192\.168\.)/;

function template(text: string): Template {
  const m = JSON.parse(text) as { input?: unknown };
  const host = typeof m.input === 'string' ? new URL(m.input).hostname : '';
  const raw = typeof m.input === 'string' ? /^[a-z]+:\/\/([^/:]+)/i.exec(m.input)?.[1] : undefined;
  const hosts = [...new Set([raw, decodeURIComponent(host)].filter((h): h is string => !!h))];
  const ips = [...new Set(text.match(IPV4) ?? [])].filter((ip) => !KEEP_IP.test(ip));
  return { text, hosts, ips };
}

const templates: Template[] = [
  template(readFileSync(FIXTURE, 'utf8')),
  ...readdirSync(QA_DIR)
    .filter((f) => f.endsWith('.json') && f !== 'expectations.json')
    .sort()
    .map((f) => template(readFileSync(QA_DIR + f, 'utf8'))),
];

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const HOSTS = 2000;

/** Measurement i of the hour: a template with its host, IPs, times, ids and some failures varied. */
function generate(i: number): { m: Record<string, unknown>; uid: string } {
  const next = rng(0x5eed + i);
  const t = templates[i % templates.length]!;
  const h = Math.floor(next() * HOSTS);
  let text = t.text;
  for (const host of t.hosts) text = text.replaceAll(host, `site${h}.example${h % 7}.org`);
  t.ips.forEach((ip, k) => {
    text = text.replaceAll(ip, `${93 + (h % 40)}.${(h >> 3) & 255}.${k}.${(h + k) & 255}`);
  });
  const m = JSON.parse(text) as Record<string, unknown>;
  const second = Math.floor((i * 3600) / COUNT);
  const mm = pad(Math.floor(second / 60), 2);
  const ss = pad(second % 60, 2);
  m.measurement_start_time = `${HOUR}:${mm}:${ss}`;
  m.report_id = `20240212T20${mm}${ss}Z_webconnectivity_IT_30722_n1_${pad(Math.floor(i / 20), 16)}`;
  delete m.measurement_uid;
  const uid = `2024021220${mm}${ss}.${pad(i % 1_000_000, 6)}_IT_webconnectivity_${i.toString(16).padStart(16, '0')}`;
  const tk = m.test_keys as { tcp_connect?: { status?: Record<string, unknown> }[]; queries?: Record<string, unknown>[] } | undefined;
  const roll = next();
  if (tk && roll < 0.1)
    for (const c of tk.tcp_connect ?? []) if (c.status) Object.assign(c.status, { success: false, failure: 'generic_timeout_error' });
  if (tk && roll > 0.95) for (const q of tk.queries ?? []) Object.assign(q, { failure: 'dns_nxdomain_error', answers: null });
  return { m, uid };
}

function hourRun() {
  const truth = new GroundTruth();
  const time = { observe: 0, analyse: 0, score: 0, score2: 0 };
  let obsRows = 0;
  let analysisRows = 0;
  // pass 1: observe the hour (feeding the window's ground truth), scoring the same batches in turn
  for (let start = 0; start < COUNT; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, COUNT - start) }, (_, k) => generate(start + k));
    let t0 = now();
    for (const { m, uid } of batch) {
      const r = observe(m, uid);
      for (const c of r.obs_web_ctrl) truth.addCtrlRow(c);
      for (const w of r.obs_web) truth.addObsWebRow(w);
      obsRows += r.obs_web.length + r.obs_web_ctrl.length;
    }
    time.observe += now() - t0;
    t0 = now();
    for (const { m, uid } of batch) sink += scoreMeasurement(m, { measurementUid: uid, fingerprints: fps }).kind.length;
    time.score += now() - t0;
  }
  // pass 2: the hour's analysis (rows re-made untimed, as if read back), scoring again in turn
  for (let start = 0; start < COUNT; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, COUNT - start) }, (_, k) => generate(start + k));
    const rows: ObsWebRow[][] = batch.map(({ m, uid }) => observe(m, uid).obs_web);
    let t0 = now();
    for (const r of rows) if (analyseMeasurement(r, truth, dnsIndex, versions)) analysisRows++;
    time.analyse += now() - t0;
    t0 = now();
    for (const { m, uid } of batch) sink += scoreMeasurement(m, { measurementUid: uid, fingerprints: fps }).kind.length;
    time.score2 += now() - t0;
  }
  return { time, obsRows, analysisRows };
}

console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} (${cpus().length} cores), node ${process.version}, 1 core`);
console.log(`enrichment: ${ipDb ? ipDb.version : 'none (--no-enrichment)'}; fingerprints ${fps.version}\n`);

const f = fixtureRates();
const perObs = fixtureObs.obs_web.length + fixtureObs.obs_web_ctrl.length;
const ratio = (observe: number, analyse: number, score: number): number => (1 / observe + 1 / analyse) / (1 / score);
console.log(
  `1. ${FIXTURE.split('/').at(-1)} (15 KB, ${perObs} observation rows): ${ROUNDS} rounds × ${ROUND_MS} ms per step, alternating ~0.5 ms batches, medians`,
);
console.log(`   observe  ${fmt(f.observe)} measurements/s = ${fmt(f.observe * perObs)} observation rows/s`);
console.log(`   analyse  ${fmt(f.analyse)} analysis rows/s (ground truth of its own rows + analyseMeasurement)`);
console.log(`   score    ${fmt(f.score)} measurements/s (fastpath scoreMeasurement)`);
console.log(`   (observe + analyse) / score cost: ${ratio(f.observe, f.analyse, f.score).toFixed(2)}×   (goal ≤ 2×)\n`);

const t0 = now();
const h = hourRun();
const rate = (n: number, ms: number): number => (n * 1000) / ms;
const scoreRate = rate(2 * COUNT, h.time.score + h.time.score2);
console.log(
  `2. an hour of ${fmt(COUNT)} generated measurements (${templates.length} templates, ${HOSTS} hostnames), batches of ${BATCH} alternating, ${((now() - t0) / 1000).toFixed(0)} s wall`,
);
console.log(
  `   observe  ${fmt(rate(COUNT, h.time.observe))} measurements/s = ${fmt(rate(h.obsRows, h.time.observe))} observation rows/s (${fmt(h.obsRows)} rows, ground truth fed)`,
);
console.log(`   analyse  ${fmt(rate(h.analysisRows, h.time.analyse))} analysis rows/s (${fmt(h.analysisRows)} rows against the hour's ground truth)`);
console.log(`   score    ${fmt(scoreRate)} measurements/s (both passes: ${fmt(rate(COUNT, h.time.score))} / ${fmt(rate(COUNT, h.time.score2))})`);
console.log(
  `   (observe + analyse) / score cost: ${ratio(rate(COUNT, h.time.observe), rate(COUNT, h.time.analyse), scoreRate).toFixed(2)}×   (goal ≤ 2×)`,
);
if (sink < 0) console.log(sink);
