// GET /metrics: Prometheus text. Default process metrics plus the slow-query summary the
// slow-queries schedule stores (top statements by total time, labelled by queryid only:
// no statement text, no personal data).
import { Hono } from 'hono';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { ApiDeps } from './deps.ts';
import { ackDependencySeconds } from './ingest/ack-metrics.ts';

function createMetricsRegistry(deps: Pick<ApiDeps, 'sql' | 'log'>): Registry {
  const register = new Registry();
  collectDefaultMetrics({ register, prefix: 'ooni_api_' });
  register.registerMetric(ackDependencySeconds);
  type Row = { queryid: string; total_ms: number; calls: number };
  // prom-client collects every metric of a scrape at once: both gauges share one read.
  let reading: Promise<Row[]> | null = null;
  const read = () =>
    (reading ??= deps.sql<Row[]>`select queryid, total_ms, calls::float8 as calls from slow_queries`
      .then((rows) => [...rows])
      .catch((err: unknown) => {
        deps.log.debug({ err }, 'slow_queries unreadable');
        return [];
      })
      .finally(() => {
        reading = null;
      }));
  new Gauge({
    name: 'ooni_db_total_query_time_seconds',
    help: 'total execution time of the top statements of pg_stat_statements (slow-queries schedule)',
    labelNames: ['queryid'],
    registers: [register],
    async collect() {
      const rows = await read();
      this.reset();
      for (const q of rows) this.set({ queryid: q.queryid }, q.total_ms / 1000);
    },
  });
  new Gauge({
    name: 'ooni_db_total_query_count',
    help: 'calls of the top statements of pg_stat_statements (slow-queries schedule)',
    labelNames: ['queryid'],
    registers: [register],
    async collect() {
      const rows = await read();
      this.reset();
      for (const q of rows) this.set({ queryid: q.queryid }, q.calls);
    },
  });
  return register;
}

export function createMetricsRoutes(deps: Pick<ApiDeps, 'sql' | 'log'>): Hono {
  const app = new Hono();
  const register = createMetricsRegistry(deps);
  app.get('/metrics', async (c) => c.body(await register.metrics(), 200, { 'Content-Type': register.contentType }));
  return app;
}
