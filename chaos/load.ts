// A steady stream of real measurements uploaded through the HTTP API the way a probe does it:
// a refused upload (5xx or connection error) is retried, a bounded number of times.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/tools.ts';

type Measurement = Record<string, unknown>;

const FIXTURES = [
  'test/fixtures/fastpath/20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json',
  'test/fixtures/probe/signal.json',
  'test/fixtures/probe/tcpping.json',
  'test/fixtures/probe/dnscheck.json',
  'test/fixtures/probe/web_connectivity.json',
];
const COUNTRIES = ['IT', 'DE', 'BR', 'IR', 'RU', 'US', 'ID', 'KE'];

function loadFixtures(): Measurement[] {
  return FIXTURES.map((f) => JSON.parse(readFileSync(join(REPO_ROOT, f), 'utf8')) as Measurement);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Upload number `seq`: a fixture with its own country, and a start time unique to `seq`. */
function chaosMeasurement(fixtures: Measurement[], seq: number): Measurement {
  const { report_id: _drop, ...base } = fixtures[seq % fixtures.length]!;
  const t = new Date(Date.UTC(2024, 4, 1) + seq * 1000);
  const time = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  return {
    ...base,
    probe_cc: COUNTRIES[Math.floor(seq / fixtures.length) % COUNTRIES.length],
    measurement_start_time: time,
    test_start_time: time,
    annotations: { ...((base.annotations as object) ?? {}), chaos_seq: String(seq) },
  };
}

export interface UploadOutcome {
  seq: number;
  phase: string;
  uid?: string;
  /** attempts refused with a 5xx or a connection error before the answer */
  refused: number;
  /** a 4xx: the upload was refused for good (a bug in the run or the API) */
  rejected?: string;
  ackMs?: number;
}

export interface UploadOptions {
  maxAttempts: number;
  /** cap on the wait between attempts (a probe honours Retry-After; the run is impatient) */
  maxWaitMs: number;
  requestTimeoutMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function uploadWithRetries(
  apiUrl: () => string,
  m: Measurement,
  o: UploadOptions,
): Promise<{ uid?: string; refused: number; rejected?: string }> {
  const body = JSON.stringify({
    format: 'json',
    content: JSON.stringify(m),
    nym: null,
    zkp_request: null,
    manifest_version: null,
    protocol_version: null,
  });
  let refused = 0;
  for (let attempt = 1; attempt <= o.maxAttempts; attempt++) {
    let retryAfterMs = 500;
    try {
      const res = await fetch(`${apiUrl()}/api/v1/submit_measurement`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(o.requestTimeoutMs),
      });
      const text = await res.text();
      if (res.status === 200) return { uid: (JSON.parse(text) as { measurement_uid: string }).measurement_uid, refused };
      if (res.status < 500) return { refused, rejected: `${res.status} ${text.slice(0, 200)}` };
      refused++;
      const ra = Number(res.headers.get('retry-after'));
      if (ra > 0) retryAfterMs = ra * 1000;
    } catch {
      refused++; // connection refused or reset, or no answer in time
    }
    await sleep(Math.min(retryAfterMs, o.maxWaitMs) * (0.5 + Math.random() / 2));
  }
  return { refused };
}

/**
 * Starts one upload every 1/rate seconds (each with its own retries) until `stop()` is
 * called; `phase()` names the fault an upload is counted under (when it started).
 */
export function steadyLoad(apiUrl: () => string, rate: number, phase: () => string, o: UploadOptions) {
  const fixtures = loadFixtures();
  const outcomes: UploadOutcome[] = [];
  const inFlight = new Set<Promise<void>>();
  let seq = 0;
  let stopped = false;
  const started = performance.now();
  const loop = (async () => {
    while (!stopped) {
      const mySeq = seq++;
      const outcome: UploadOutcome = { seq: mySeq, phase: phase(), refused: 0 };
      outcomes.push(outcome);
      const t0 = performance.now();
      const p = uploadWithRetries(apiUrl, chaosMeasurement(fixtures, mySeq), o).then((r) => {
        Object.assign(outcome, r);
        if (r.uid) outcome.ackMs = performance.now() - t0;
      });
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      const next = started + (seq * 1000) / rate;
      await sleep(Math.max(0, next - performance.now()));
    }
  })();
  return {
    outcomes,
    sent: () => seq,
    async stop() {
      stopped = true;
      await loop;
      await Promise.all([...inFlight]);
      return outcomes;
    },
  };
}
