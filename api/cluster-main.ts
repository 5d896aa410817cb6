// Entry of the API when API_PROCESSES > 1: Node's cluster module runs that many api/server.ts
// processes sharing API_PORT; the primary accepts the connections and hands them out round-robin.
// (Node 20 has no SO_REUSEPORT in `net`: `reusePort` arrived in Node 22.12.) The primary says
// ready once every process listens, replaces one that dies, and stops them all when signalled.
import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { parseEnv, stackSchema } from '../lib/config.ts';

const { API_PROCESSES: count } = parseEnv(stackSchema.pick({ API_PROCESSES: true }), process.env);
cluster.setupPrimary({ exec: fileURLToPath(new URL('./server.ts', import.meta.url)) });

const ready = new Set<number>();
let stopping = false;

function fork(): Worker {
  const worker = cluster.fork();
  worker.on('message', (msg: { ready?: boolean }) => {
    if (!msg?.ready) return;
    ready.add(worker.id);
    if (ready.size === count) process.send?.({ ready: true });
  });
  worker.once('exit', (code, signal) => {
    ready.delete(worker.id);
    if (stopping) return;
    process.stdout.write(`API process ${worker.process.pid} exited (${code ?? signal}); starting another\n`);
    fork();
  });
  return worker;
}

for (let i = 0; i < count; i++) fork();

function stop(): void {
  if (stopping) return;
  stopping = true;
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  let left = workers.length;
  if (left === 0) process.exit(0);
  for (const w of workers) {
    w.once('exit', () => --left === 0 && process.exit(0));
    w.process.kill('SIGTERM');
  }
  setTimeout(() => process.exit(0), 8_000).unref();
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
process.once('disconnect', stop); // the launcher is gone
