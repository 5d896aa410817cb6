// `npm run bench:ingest`: uploads real measurements through the running API (npm start in
// another terminal) for a fixed duration and reports ack latency (and where it goes: the API's
// per-dependency timings from /metrics), uploads/s, processing throughput and receive→queryable
// latency (sampled uids polled while the upload runs); then runs a
// baseline of bare workflows with the same activity shape on the same Temporal server, as long.
//   node --import tsx bench/ingest.ts [--duration 60] [--concurrency 20] [--url http://127.0.0.1:8080]
//     [--worker-pid N[,N…]] [--api-pid N[,N…]] [--sample 20] [--rss-every 10] [--rate N]
// --rate N offers N uploads/s whatever the answers (open loop, as probes do: the goal's "50 uploads/s
// sustained"); without it, --concurrency clients upload back to back (closed loop: the ceiling).
// The baselines break one measurement down per Temporal round trip: an empty workflow (start + one
// workflow task), + one local activity, + a second (our shape), one local + one regular, and the old
// four-step shape; Δ is against the one-local shape.
// Either Temporal profile (`npm start`, or `TEMPORAL_MODE=cluster npm start` with WORKER_PROCESSES /
// API_PROCESSES): it prints which one it measured (from the server's cluster info).
// Also: worker and API RSS (VmRSS of /proc/<pid>/status summed over their processes, sampled every
// --rss-every seconds; the pids are found by command line and environment when not given) and
// receive→queryable latency (GET /api/v1/measurement_meta polled for a sample of uids), and CPU
// seconds per process group over the ingest (bench/process-cpu.ts: whose the time is, ours or not).
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { measurementWorkflowId } from '../client.ts';
import { signal, submitMeasurement, webConnectivity } from '../test/helpers/measurements.ts';
import { cpuShares, cpuSnapshot, formatCpuShares } from './process-cpu.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.API_URL ?? 'http://127.0.0.1:8080' },
    temporal: { type: 'string', default: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' },
    duration: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '20' },
    'worker-pid': { type: 'string' },
    'api-pid': { type: 'string' },
    sample: { type: 'string', default: '20' },
    'rss-every': { type: 'string', default: '10' },
    rate: { type: 'string' },
  },
});
const sampleSize = Number(values.sample);
const RUN_ID = `${Date.now()}-${process.pid}`;

/** VmRSS of a process in MiB, or undefined when it is gone or unreadable. */
function rssMiB(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The processes whose command line has `entry` and whose environment has `key=value`; else all
 * processes running `entry` (npm start leaves default settings out of the environment). Several
 * with WORKER_PROCESSES / API_PROCESSES (the API's are forked by api/cluster-main.ts).
 */
function findPids(entries: string[], key: string, value: string): number[] {
  const running: number[] = [];
  const matching: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (!cmd.some((a) => entries.some((entry) => a.endsWith(entry)))) continue;
      running.push(Number(name));
      const env = readFileSync(`/proc/${name}/environ`, 'utf8').split('\0');
      if (env.includes(`${key}=${value}`)) matching.push(Number(name));
    } catch {
      // gone, or not ours
    }
  }
  return matching.length > 0 ? matching : running;
}

const apiPort = new URL(values.url!).port || '80';
const workerPids = values['worker-pid'] ? values['worker-pid'].split(',').map(Number) : findPids(['worker.ts'], 'TEMPORAL_ADDRESS', values.temporal!);
const apiPids = values['api-pid']
  ? values['api-pid'].split(',').map(Number)
  : findPids(['api/server.ts', 'api/cluster-main.ts'], 'API_PORT', apiPort);
const rssEverySeconds = Number(values['rss-every']);

/** Samples the summed RSS of each group of processes every --rss-every seconds until stopped. */
function rssSampler(groups: Record<string, number[]>) {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(groups).map((k) => [k, []]));
  const take = () => {
    for (const [k, pids] of Object.entries(groups)) {
      const each = pids.map(rssMiB).filter((v): v is number => v !== undefined);
      if (each.length > 0) samples[k]!.push(each.reduce((a, b) => a + b, 0));
    }
  };
  take();
  const timer = setInterval(take, rssEverySeconds * 1000);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}
const mib = (xs: number[]) =>
  xs.length
    ? `start ${xs[0]!.toFixed(0)} MiB  peak ${Math.max(...xs).toFixed(0)} MiB  end ${xs.at(-1)!.toFixed(0)} MiB  (every ${rssEverySeconds} s: ${xs.map((x) => x.toFixed(0)).join(' ')})`
    : 'n/a (process not found: pass --worker-pid/--api-pid)';

/**
 * Polls GET /api/v1/measurement_meta until the measurement shows. Each sampled uid polls from
 * its own client address (X-Forwarded-For), so the per-client query quota does not throttle
 * the pollers themselves: start the API with TRUSTED_PROXY_HOPS=1 for it to read that header
 * (`TRUSTED_PROXY_HOPS=1 npm start`), or with QUERY_RATE_LIMIT_WHITELIST=127.0.0.1.
 */
async function queryable(uid: string, sentAt: number, slot: number): Promise<number | undefined> {
  const deadline = performance.now() + 300_000;
  while (performance.now() < deadline) {
    try {
      const res = await fetch(`${values.url}/api/v1/measurement_meta?measurement_uid=${encodeURIComponent(uid)}`, {
        headers: { 'x-forwarded-for': `198.18.${Math.floor(slot / 250)}.${(slot % 250) + 1}` },
      });
      const body = (await res.json()) as { measurement_uid?: string };
      if (res.status === 200 && body.measurement_uid === uid) return performance.now() - sentAt;
    } catch {
      // retry
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}
const durationSeconds = Number(values.duration);
const concurrency = Number(values.concurrency);
if (!(durationSeconds > 0) || !(concurrency > 0)) throw new Error('--duration and --concurrency must be positive numbers');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms  p95 ${pct(xs, 95).toFixed(1)} ms  p99 ${pct(xs, 99).toFixed(1)} ms`;

async function pool(n: number, width: number, fn: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < n; i = next++) await fn(i);
    }),
  );
}

/**
 * Open loop: calls fn(i) at `rate` per second for `seconds`, not waiting for earlier calls (at most
 * `cap` in flight, beyond which a call waits and the shortfall shows as a lower achieved rate).
 */
async function rateFor(seconds: number, rate: number, cap: number, fn: (i: number) => Promise<void>) {
  const t0 = performance.now();
  const total = Math.floor(seconds * rate);
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (inFlight.size >= cap) await Promise.race(inFlight);
    const p = fn(i).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
}

/** `width` loops calling fn(i) with a fresh i each time, until `seconds` have passed. */
async function poolFor(seconds: number, width: number, fn: (i: number) => Promise<void>) {
  const end = performance.now() + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (performance.now() < end) await fn(next++);
    }),
  );
}

function progress(label: string, done: number, total?: number) {
  if (process.stderr.isTTY) process.stderr.write(`\r${label} ${done}${total === undefined ? '' : `/${total}`}`);
}

/** sum and count of the API's ooni_ingest_ack_dependency_seconds per dependency (ok outcomes) */
async function ackDependencyTotals(): Promise<Record<string, { sum: number; count: number }>> {
  const out: Record<string, { sum: number; count: number }> = {};
  const text = await (await fetch(`${values.url}/metrics`)).text();
  for (const m of text.matchAll(/^ooni_ingest_ack_dependency_seconds_(sum|count)\{dependency="(\w+)",outcome="ok"\} (\S+)$/gm)) {
    const entry = (out[m[2]!] ??= { sum: 0, count: 0 });
    entry[m[1] as 'sum' | 'count'] = Number(m[3]);
  }
  return out;
}

async function ingest(client: Client) {
  const fixtures = [webConnectivity(), signal()];
  const acks: number[] = [];
  const sent = new Map<string, number>();
  let refused = 0;
  const queryables: Promise<number | undefined>[] = [];
  // sample a uid every 3 s of the run for receive→queryable
  let nextSampleAt = 0;
  const rss = rssSampler({ worker: workerPids, api: apiPids });
  const dependenciesBefore = await ackDependencyTotals();
  const cpuBefore = cpuSnapshot();
  const t0 = performance.now();
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  const load = (fn: (i: number) => Promise<void>) => (rate ? rateFor(durationSeconds, rate, 1000, fn) : poolFor(durationSeconds, concurrency, fn));
  await load(async (i) => {
    const base = fixtures[i % fixtures.length]!;
    const m = {
      ...base,
      measurement_start_time: `2024-03-01 ${String(10 + (i % 12)).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
      test_runtime: i,
      // unique to this run: a second run must not measure the duplicate path (same bytes → same uid,
      // the first run's result) instead of new measurements
      annotations: { ...(base.annotations as object | undefined), bench_run: RUN_ID },
    };
    const start = performance.now();
    const res = await submitMeasurement(values.url!, m);
    const end = performance.now();
    if (res.status !== 200) return void refused++;
    acks.push(end - start);
    sent.set(res.json.measurement_uid, start);
    if (start - t0 >= nextSampleAt && queryables.length < sampleSize) {
      nextSampleAt += (durationSeconds * 1000) / sampleSize;
      queryables.push(queryable(res.json.measurement_uid, start, queryables.length));
    }
    progress('uploads', acks.length + refused);
  });
  const uploadSeconds = (performance.now() - t0) / 1000;
  const dependenciesAfter = await ackDependencyTotals();
  const dependencyMeanMs = Object.fromEntries(
    Object.entries(dependenciesAfter).map(([dep, a]) => {
      const b = dependenciesBefore[dep] ?? { sum: 0, count: 0 };
      return [dep, a.count > b.count ? ((a.sum - b.sum) / (a.count - b.count)) * 1000 : NaN];
    }),
  );
  const processed: number[] = [];
  const acknowledged = [...sent.entries()];
  await pool(acknowledged.length, 50, async (i) => {
    const [uid, start] = acknowledged[i]!;
    await client.workflow.getHandle(measurementWorkflowId(uid)).result();
    processed.push(performance.now() - start);
    progress('\nprocessed', processed.length, sent.size);
  });
  const totalSeconds = (performance.now() - t0) / 1000;
  const cpu = cpuShares(cpuBefore, cpuSnapshot(), { worker: workerPids, api: apiPids });
  const queryableMs = (await Promise.all(queryables)).filter((x): x is number => x !== undefined);
  return { acks, refused, uploadSeconds, processed, totalSeconds, queryableMs, sampled: queryables.length, rss: rss.stop(), dependencyMeanMs, cpu };
}

async function baseline(client: Client, address: string, workflowType: string, seconds: number) {
  const taskQueue = `bench-${workflowType}-${Date.now()}`;
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./baseline/workflow.ts', import.meta.url)),
    activities: { noop: async () => {} },
  });
  const latencies: number[] = [];
  const rss: number[] = [];
  rss.push(process.memoryUsage().rss / 1024 / 1024);
  const timer = setInterval(() => rss.push(process.memoryUsage().rss / 1024 / 1024), rssEverySeconds * 1000);
  const t0 = performance.now();
  await worker.runUntil(
    poolFor(seconds, concurrency, async (i) => {
      const start = performance.now();
      await client.workflow.execute(workflowType, { taskQueue, workflowId: `${taskQueue}-${i}` });
      latencies.push(performance.now() - start);
    }),
  );
  clearInterval(timer);
  rss.push(process.memoryUsage().rss / 1024 / 1024);
  await connection.close();
  return { latencies, seconds: (performance.now() - t0) / 1000, rss, count: latencies.length };
}

/**
 * The floor of the acknowledgement: workflow starts alone (no worker polls the queue; each run
 * times out by itself after 30 s), at the same concurrency, for a quarter of the duration.
 */
async function startsOnly(client: Client) {
  const taskQueue = `bench-starts-${Date.now()}`;
  const latencies: number[] = [];
  const t0 = performance.now();
  await poolFor(Math.max(5, durationSeconds / 4), concurrency, async (i) => {
    const start = performance.now();
    await client.workflow.start('baselineWorkflow', { taskQueue, workflowId: `${taskQueue}-${i}`, workflowExecutionTimeout: '30 seconds' });
    latencies.push(performance.now() - start);
  });
  return { latencies, seconds: (performance.now() - t0) / 1000 };
}

const connection = await Connection.connect({ address: values.temporal! });
const client = new Client({ connection });
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model}; node ${process.version}; ${durationSeconds} s of uploads, ${values.rate ? `offered at ${values.rate}/s (open loop)` : `concurrency ${concurrency} (closed loop)`}`,
);
const cluster = await connection.workflowService.getClusterInfo({});
const profile = cluster.persistenceStore === 'sqlite' ? 'dev server' : 'cluster profile';
console.log(
  `Temporal: ${profile} (server ${cluster.serverVersion}, persistence ${cluster.persistenceStore}, visibility ${cluster.visibilityStore}, ${cluster.historyShardCount} history shard(s)) at ${values.temporal}`,
);
console.log(`processes: worker pid(s) ${workerPids.join(',') || '?'}, API pid(s) ${apiPids.join(',') || '?'} (RSS summed per group)`);
const r = await ingest(client);
console.log(`\ningest:   ${(r.acks.length / r.uploadSeconds).toFixed(1)} uploads/s acknowledged (${r.refused} refused)`);
console.log(`  ack latency           ${fmt(r.acks)}`);
console.log(
  `  ack time per dependency (API /metrics, mean)  ${Object.entries(r.dependencyMeanMs)
    .map(([d, ms]) => `${d} ${ms.toFixed(1)} ms`)
    .join('  ')}`,
);
console.log(
  `  processed throughput  ${(r.processed.length / r.totalSeconds).toFixed(1)} measurements/s (all ${r.processed.length} acknowledged uploads, from the first upload to the last result)`,
);
console.log(`  receive→queryable     ${fmt(r.queryableMs)}  (GET /api/v1/measurement_meta, ${r.queryableMs.length}/${r.sampled} sampled uids)`);
console.log(`  worker RSS            ${mib(r.rss.worker ?? [])}`);
console.log(`  API RSS               ${mib(r.rss.api ?? [])}`);
console.log(`  CPU, first upload to last result: ${formatCpuShares(r.cpu, r.processed.length, 'measurement').join('\n    ')}`);
const b = await baseline(client, values.temporal!, 'baselineWorkflow', durationSeconds);
console.log(
  `baseline: ${(b.count / b.seconds).toFixed(1)} bare workflows/s (our shape: two local no-op activities, ${b.count} in ${b.seconds.toFixed(0)} s, concurrency ${concurrency})`,
);
console.log(`  workflow latency      ${fmt(b.latencies)}`);
console.log(`  bench process RSS     ${mib(b.rss)}  (client + in-process baseline worker)`);
// per round trip: each shape adds one step to the one before; server+worker time per workflow = 1/throughput
const shapeSeconds = Math.max(10, durationSeconds / 4);
const shapes = [
  ['emptyWorkflow', 'start + 1 workflow task'],
  ['oneLocalWorkflow', '+ 1 local activity (same task)'],
  ['baselineWorkflow', '+ 1 local activity: our shape'],
  ['localThenRegularWorkflow', 'oneLocal + 1 regular activity (+1 workflow task)'],
  ['fourStepWorkflow', 'the old shape: 2 local + 2 regular (+2 workflow tasks)'],
] as const;
console.log(`per-round-trip breakdown (closed loop, concurrency ${concurrency}, ${shapeSeconds} s each; ms/workflow = 1000 / workflows/s):`);
let previous: number | undefined;
for (const [type, label] of shapes) {
  const r = type === 'baselineWorkflow' ? b : await baseline(client, values.temporal!, type, shapeSeconds);
  const perSecond = r.count / r.seconds;
  const ms = 1000 / perSecond;
  console.log(
    `  ${type.padEnd(17)} ${perSecond.toFixed(1).padStart(6)} workflows/s  ${ms.toFixed(2).padStart(6)} ms/workflow${previous === undefined ? '' : `  (Δ ${(ms - previous).toFixed(2)} ms)`}  latency p50 ${pct(r.latencies, 50).toFixed(1)} ms  ${label}`,
  );
  if (type === 'emptyWorkflow' || type === 'oneLocalWorkflow') previous = ms;
}
const st = await startsOnly(client);
console.log(
  `workflow starts alone: ${(st.latencies.length / st.seconds).toFixed(1)} starts/s  ${fmt(st.latencies)}  (what an acknowledgement waits for at least)`,
);
console.log(`ratio processed/baseline: ${(r.processed.length / r.totalSeconds / (b.count / b.seconds)).toFixed(2)} (throughput)`);
console.log(`ratio receive→queryable p50 / baseline workflow p50: ${(pct(r.queryableMs, 50) / pct(b.latencies, 50)).toFixed(2)}`);
await connection.close();
