// Entry of the API process: builds deps once and serves createApp(deps).
import { serve } from '@hono/node-server';
import { connectClient } from '../client.ts';
import { loadRuntimeConfig } from '../lib/config.ts';
import { connectDatabase } from '../lib/db.ts';
import { createLogger } from '../lib/logger.ts';
import { objectStoreFromConfig } from '../lib/object-store-from-config.ts';
import { createApp } from './app.ts';

async function run(): Promise<void> {
  const config = loadRuntimeConfig();
  const log = createLogger('api', config.LOG_LEVEL);
  const database = connectDatabase(config.DATABASE_URL);
  const store = objectStoreFromConfig(config, 5_000);
  const temporal = await connectClient(config);
  const app = createApp({ config, database, store, temporal, log });
  const server = serve({ fetch: app.fetch, hostname: config.API_HOST, port: config.API_PORT }, (info) => {
    log.info({ address: info.address, port: info.port }, 'API listening');
    process.send?.({ ready: true });
  });
  const shutdown = () => {
    server.close(() => {
      void Promise.allSettled([database.close(), temporal.connection.close()]).then(() => process.exit(0));
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
