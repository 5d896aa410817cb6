// Shared set-up of the query API tests: a fresh database and bucket, the real createApp, and a
// factory of fastpath rows with every column filled.
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app.ts';
import type { ApiDeps } from '../../api/deps.ts';
import type { fastpath } from '../../drizzle/schema.ts';
import { runtimeSchema } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import type { ObjectStore } from '../../lib/s3.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createTestBucket } from '../helpers/s3.ts';

export const NOW = new Date('2024-01-15T12:00:00Z');

export interface QueryHarness {
  db: TestDatabase;
  store: ObjectStore;
  deps: ApiDeps;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  json<T = any>(path: string): Promise<{ status: number; body: T; res: Response }>;
  close(): Promise<void>;
}

export async function createQueryHarness(): Promise<QueryHarness> {
  const db = await createTestDatabase();
  const store = await createTestBucket();
  // one trusted proxy: the rate limiter keys on the last X-Forwarded-For entry, which get() randomises
  const config = runtimeSchema.parse({ DATABASE_URL: db.url, PUBLIC_BASE_URL: 'https://api.ooni.io', NODE_ENV: 'test', TRUSTED_PROXY_HOPS: '1' });
  // the query routes never touch Temporal
  const temporal = {} as Client;
  const deps: ApiDeps = { config, database: db, store, temporal, log: createLogger('test', 'silent'), now: () => NOW };
  const app = createApp(deps);
  const get = (path: string, headers: Record<string, string> = {}) =>
    Promise.resolve(app.request(path, { headers: { 'X-Forwarded-For': `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, ...headers } }));
  return {
    db,
    store,
    deps,
    get,
    async json(path) {
      const res = await get(path);
      return { status: res.status, body: (await res.json()) as any, res };
    },
    close: () => db.drop(),
  };
}

export type FastpathRow = typeof fastpath.$inferInsert;

let seq = 0;
/** A complete fastpath row; the uid is derived from the time, cc and test name as OONI's are. */
export function fpRow(o: Partial<FastpathRow> & { measurementStartTime: Date }): FastpathRow {
  const cc = o.probeCc ?? 'IT';
  const test = o.testName ?? 'web_connectivity';
  const t = o.measurementStartTime;
  const stamp = t.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const n = seq++;
  const uid = `${stamp}.${String(n).padStart(6, '0')}_${cc}_${test.replace(/_/g, '')}_${n.toString(16).padStart(16, '0')}`;
  return {
    measurementUid: uid,
    reportId: `${stamp.slice(0, 8)}T${stamp.slice(8)}Z_${test.replace(/_/g, '')}_${cc}_${o.probeAsn ?? 30722}_n1_${n.toString(36).padStart(16, 'a')}`,
    input: '',
    domain: '',
    probeCc: cc,
    probeAsn: 30722,
    testName: test,
    testStartTime: new Date(t.getTime() - 60_000),
    scores: '{"blocking_general":0.0,"blocking_global":0.0,"blocking_country":0.0,"blocking_isp":0.0,"blocking_local":0.0}',
    platform: 'android',
    anomaly: false,
    confirmed: false,
    msmFailure: false,
    blockingType: '',
    softwareName: 'ooniprobe-android',
    softwareVersion: '3.8.0',
    testVersion: '0.4.0',
    testRuntime: 1.5,
    architecture: 'arm64',
    engineName: 'ooniprobe-engine',
    engineVersion: '3.19.0',
    testHelperAddress: '',
    testHelperType: '',
    ooniRunLinkId: null,
    isVerified: 'u',
    ...o,
  };
}
