// Shared set-up of the query API tests: a fresh database and bucket, the real createApp, and a
// factory of fastpath rows with every column filled.
import type { Client } from '@temporalio/client';
import { createApp } from '../../../api/app.ts';
import type { ApiDeps } from '../../../api/deps.ts';
import { runtimeSchema } from '../../../lib/config.ts';
import { infraOf } from '../../../lib/infra.ts';
import { createLogger } from '../../../lib/logger.ts';
import type { ObjectStore } from '../../../lib/s3.ts';
import { createTestDatabase, type TestDatabase } from '../database.ts';
import { createTestBucket } from '../s3.ts';

export const NOW = new Date('2024-01-15T12:00:00Z');

export interface QueryHarness {
  db: TestDatabase;
  store: ObjectStore;
  deps: ApiDeps;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** Any method, from a fresh client address as get(). */
  request(path: string, init: RequestInit): Promise<Response>;
  json<T = any>(path: string): Promise<{ status: number; body: T; res: Response }>;
  close(): Promise<void>;
}

/** `env`: further runtime variables (e.g. VPN_CONFIG_FILE) on top of the harness's own. */
export async function createQueryHarness(env: Record<string, string> = {}): Promise<QueryHarness> {
  const db = await createTestDatabase();
  const store = await createTestBucket();
  // one trusted proxy: the rate limiter keys on the last X-Forwarded-For entry, which get() randomises
  const config = runtimeSchema.parse({
    DATABASE_URL: db.url,
    PUBLIC_BASE_URL: 'https://api.ooni.io',
    NODE_ENV: 'test',
    TRUSTED_PROXY_HOPS: '1',
    ...env,
  });
  // the query routes never touch Temporal
  const temporal = {} as Client;
  const deps: ApiDeps = { ...infraOf({ database: db, store, temporal, log: createLogger('test', 'silent'), clock: () => NOW }), config };
  const app = createApp(deps);
  const clientAddress = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const request = (path: string, init: RequestInit) =>
    Promise.resolve(app.request(path, { ...init, headers: { 'X-Forwarded-For': clientAddress(), ...(init.headers as Record<string, string>) } }));
  const get = (path: string, headers: Record<string, string> = {}) => request(path, { headers });
  return {
    db,
    store,
    deps,
    get,
    request,
    async json(path) {
      const res = await get(path);
      return { status: res.status, body: (await res.json()) as any, res };
    },
    close: () => db.drop(),
  };
}

export { fpRow, type FastpathRow } from '../fastpath-rows.ts';
