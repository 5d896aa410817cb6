// Entry of the API process: builds deps once and serves createApp(deps).
import { serve } from '@hono/node-server';
import { loadRuntimeConfig } from '../lib/config.ts';
import { configuredIpDatabase } from '../lib/enrichment/index.ts';
import { buildInfra } from '../lib/infra.ts';
import { createApp } from './app.ts';

async function run(): Promise<void> {
  const config = loadRuntimeConfig();
  const infra = await buildInfra(config, { name: 'api', s3TimeoutMs: 5_000 });
  const { log } = infra;
  const app = createApp({ ...infra, config });
  const server = serve({ fetch: app.fetch, hostname: config.API_HOST, port: config.API_PORT }, (info) => {
    log.info({ address: info.address, port: info.port }, 'API listening');
    process.send?.({ ready: true });
    // loaded after the API is listening, so a start is not held up; the first lookups wait for it
    const started = performance.now();
    const rssBefore = process.memoryUsage().rss;
    configuredIpDatabase(config).then(
      (db) =>
        log.info(
          { version: db.version, ms: Math.round(performance.now() - started), rssMb: Math.round((process.memoryUsage().rss - rssBefore) / 1e6) },
          'IP database loaded',
        ),
      (err: unknown) => log.error({ err }, 'IP database not loaded'),
    );
  });
  const shutdown = () => {
    server.close(() => {
      void infra.close().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  process.once('disconnect', shutdown); // the launcher is gone
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
