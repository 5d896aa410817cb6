// Scoring throughput on one core over the fastpath fixture corpus: JSON.parse and scoring timed
// apart, per test name. Prints the machine and the figures; asserts nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { scoreMeasurement } from '../activities/fastpath/index.ts';
import { readFingerprintsDir } from '../activities/jobs/fingerprints-files.ts';

const DIR = fileURLToPath(new URL('../test/fixtures/fastpath/', import.meta.url));
const WC_FIXTURE = '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json';
const MIN_MS = 400;

function rate(fn: () => void): number {
  for (let i = 0; i < 50; i++) fn(); // warm-up
  let n = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < MIN_MS) {
    for (let i = 0; i < 20; i++) fn();
    n += 20;
    elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  return (n * 1000) / elapsed;
}

const fps = await readFingerprintsDir();
const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.startsWith('fingerprints_') && f !== 'expected_outputs.json');

interface Sample {
  file: string;
  text: string;
  raw: unknown;
  uid: string;
}
const byTest = new Map<string, Sample[]>();
for (const file of files) {
  const text = readFileSync(DIR + file, 'utf8');
  const raw = JSON.parse(text) as { test_name?: unknown };
  const name = typeof raw.test_name === 'string' ? raw.test_name : '(none)';
  const uid = file.startsWith('20') ? file.replace(/\.json$/, '') : 'bogus_uid';
  byTest.set(name, [...(byTest.get(name) ?? []), { file, text, raw, uid }]);
}

function measure(samples: Sample[]) {
  let i = 0;
  const parse = rate(() => JSON.parse(samples[i++ % samples.length]!.text));
  i = 0;
  const score = rate(() => {
    const s = samples[i++ % samples.length]!;
    scoreMeasurement(s.raw, { measurementUid: s.uid, fingerprints: fps });
  });
  const both = 1 / (1 / parse + 1 / score);
  const kb = samples.reduce((a, s) => a + s.text.length, 0) / samples.length / 1024;
  return { parse, score, both, kb };
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US').padStart(10);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} (${cpus().length} cores), node ${process.version}, 1 core`);
console.log(`fingerprints: ${fps.dns.length} DNS, ${fps.http.length} HTTP (${fps.body.length} body), version ${fps.version}`);
console.log(`corpus: ${files.length} fixtures in test/fixtures/fastpath\n`);
console.log(
  `${'test name'.padEnd(32)} ${'files'.padStart(5)} ${'avg KB'.padStart(7)} ${'parse/s'.padStart(10)} ${'score/s'.padStart(10)} ${'both/s'.padStart(10)}`,
);
const rows = [...byTest.entries()].sort((a, b) => a[0].localeCompare(b[0]));
for (const [name, samples] of rows) {
  const m = measure(samples);
  console.log(
    `${name.padEnd(32)} ${String(samples.length).padStart(5)} ${m.kb.toFixed(1).padStart(7)} ${fmt(m.parse)} ${fmt(m.score)} ${fmt(m.both)}`,
  );
}
const wc = [...byTest.values()].flat().filter((s) => s.file === WC_FIXTURE);
const m = measure(wc);
console.log(`\n${WC_FIXTURE} (${m.kb.toFixed(1)} KB)`);
console.log(
  `  parse ${fmt(m.parse).trim()}/s, score ${fmt(m.score).trim()}/s, parse+score ${fmt(m.both).trim()}/s (target ≥ 3,000/s; original ≈ 310/s)`,
);
const all = measure([...byTest.values()].flat());
console.log(
  `whole corpus (each fixture equally weighted): parse ${fmt(all.parse).trim()}/s, score ${fmt(all.score).trim()}/s, parse+score ${fmt(all.both).trim()}/s`,
);
