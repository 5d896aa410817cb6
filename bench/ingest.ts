// `npm run bench:ingest`: uploads real measurements through the running API (npm start in
// another terminal) and reports ack latency, uploads/s and receive→processed latency; then
// runs a baseline of bare workflows with the same activity shape on the same Temporal server.
//   node --import tsx bench/ingest.ts [--count 500] [--concurrency 20] [--url http://127.0.0.1:8080]
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { measurementWorkflowId } from '../client.ts';
import { signal, submitMeasurement, webConnectivity } from '../test/helpers/measurements.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.API_URL ?? 'http://127.0.0.1:8080' },
    temporal: { type: 'string', default: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' },
    count: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '20' },
  },
});
const count = Number(values.count);
const concurrency = Number(values.concurrency);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms  p95 ${pct(xs, 95).toFixed(1)} ms  p99 ${pct(xs, 99).toFixed(1)} ms`;

async function pool(n: number, width: number, fn: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    for (let i = next++; i < n; i = next++) await fn(i);
  }));
}

function progress(label: string, done: number, total: number) {
  if (process.stderr.isTTY) process.stderr.write(`\r${label} ${done}/${total}`);
}

async function ingest(client: Client) {
  const fixtures = [webConnectivity(), signal()];
  const acks: number[] = [];
  const sent = new Map<string, number>();
  let refused = 0;
  const t0 = performance.now();
  await pool(count, concurrency, async (i) => {
    const base = fixtures[i % fixtures.length]!;
    const m = { ...base, measurement_start_time: `2024-03-01 ${String(10 + (i % 12)).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`, test_runtime: i };
    const start = performance.now();
    const res = await submitMeasurement(values.url!, m);
    const end = performance.now();
    if (res.status !== 200) return void refused++;
    acks.push(end - start);
    sent.set(res.json.measurement_uid, start);
    progress('uploads', acks.length + refused, count);
  });
  const uploadSeconds = (performance.now() - t0) / 1000;
  const processed: number[] = [];
  await pool(sent.size, 50, async (i) => {
    const [uid, start] = [...sent.entries()][i]!;
    await client.workflow.getHandle(measurementWorkflowId(uid)).result();
    processed.push(performance.now() - start);
    progress('\nprocessed', processed.length, sent.size);
  });
  const totalSeconds = (performance.now() - t0) / 1000;
  return { acks, refused, uploadSeconds, processed, totalSeconds };
}

async function baseline(client: Client, address: string) {
  const taskQueue = `bench-baseline-${Date.now()}`;
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./baseline/workflow.ts', import.meta.url)),
    activities: { noop: async () => {} },
  });
  const latencies: number[] = [];
  const t0 = performance.now();
  await worker.runUntil(
    pool(count, concurrency, async (i) => {
      const start = performance.now();
      await client.workflow.execute('baselineWorkflow', { taskQueue, workflowId: `${taskQueue}-${i}` });
      latencies.push(performance.now() - start);
    }),
  );
  await connection.close();
  return { latencies, seconds: (performance.now() - t0) / 1000 };
}

const connection = await Connection.connect({ address: values.temporal! });
const client = new Client({ connection });
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}; node ${process.version}; ${count} uploads, concurrency ${concurrency}`);
const r = await ingest(client);
console.log(`\ningest:   ${(r.acks.length / r.uploadSeconds).toFixed(1)} uploads/s acknowledged (${r.refused} refused)`);
console.log(`  ack latency           ${fmt(r.acks)}`);
console.log(`  receive→processed     ${fmt(r.processed)}`);
console.log(`  processed throughput  ${(r.processed.length / r.totalSeconds).toFixed(1)} measurements/s`);
const b = await baseline(client, values.temporal!);
console.log(`baseline: ${(count / b.seconds).toFixed(1)} bare workflows/s (4 no-op activities each)`);
console.log(`  workflow latency      ${fmt(b.latencies)}`);
console.log(`ratio processed/baseline: ${(r.processed.length / r.totalSeconds / (count / b.seconds)).toFixed(2)}`);
await connection.close();
