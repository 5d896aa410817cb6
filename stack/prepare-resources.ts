// What a fresh stack needs before the worker and the API start: the bucket and the migrated
// schema (the search attributes come with the Temporal dev server, stack/services/temporal.ts).
import type { RuntimeConfig } from '../lib/config.ts';
import { applyMigrations } from '../lib/migrate.ts';
import { objectStoreFromConfig } from '../lib/object-store-from-config.ts';

export async function prepareResources(config: RuntimeConfig): Promise<void> {
  const store = objectStoreFromConfig(config);
  try {
    await store.ensureBucket();
  } finally {
    store.client.destroy();
  }
  await applyMigrations(config.DATABASE_URL);
}
