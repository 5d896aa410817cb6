// Set-up of the OONI Run tests: a fresh database, the real createApp with a clock the test moves,
// and a JSON request helper (each request from its own client address, so quotas never interfere).
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app.ts';
import type { ApiDeps } from '../../api/deps.ts';
import type { Nettest } from '../../domain/oonirun/nettest.ts';
import { runtimeSchema } from '../../lib/config.ts';
import { infraOf } from '../../lib/infra.ts';
import { createLogger } from '../../lib/logger.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { createTestBucket } from './s3.ts';

export interface OonirunHarness {
  db: TestDatabase;
  deps: ApiDeps;
  /** what deps.clock answers; tests move it */
  clock: { now: Date };
  request(path: string, init?: RequestInit): Promise<Response>;
  call<T = any>(
    method: string,
    path: string,
    opts?: { body?: unknown; token?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T; res: Response }>;
  close(): Promise<void>;
}

const randomAddress = () => `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

export async function createOonirunHarness(env: Record<string, string> = {}): Promise<OonirunHarness> {
  const db = await createTestDatabase();
  const store = await createTestBucket();
  const config = runtimeSchema.parse({
    DATABASE_URL: db.url,
    PUBLIC_BASE_URL: 'https://api.ooni.io',
    NODE_ENV: 'test',
    TRUSTED_PROXY_HOPS: '1',
    ...env,
  });
  const clock = { now: new Date('2024-01-15T12:00:00Z') };
  const deps: ApiDeps = {
    ...infraOf({ database: db, store, temporal: {} as Client, log: createLogger('test', 'silent'), clock: () => clock.now }),
    config,
  };
  const app = createApp(deps);
  const request = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('X-Forwarded-For')) headers.set('X-Forwarded-For', randomAddress());
    return Promise.resolve(app.request(path, { ...init, headers }));
  };
  return {
    db,
    deps,
    clock,
    request,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers['Authorization'] = `Bearer ${opts.token}`;
      if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
      const res = await request(path, { method, headers, ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, res };
    },
    async close() {
      await db.drop();
      store.client.destroy();
    },
  };
}

/** OONI's own test link (ooniapi/services/oonirun/tests/test_oonirun.py SAMPLE_OONIRUN, with a name). */
export const sampleLink = () => ({
  name: 'integ-test name in English',
  name_intl: { it: 'integ-test nome in italiano' },
  description: 'integ-test description in English',
  description_intl: { es: 'integ-test descripción en español' },
  short_description: 'integ-test short description in English',
  short_description_intl: { it: 'integ-test descrizione breve in italiano' },
  icon: 'myicon',
  author: 'oonitarian@example.com',
  nettests: <Nettest[]>[
    {
      inputs: ['https://example.com/', 'https://ooni.org/'],
      targets_name: null,
      inputs_extra: null,
      options: { HTTP3Enabled: true },
      is_background_run_enabled_default: false,
      is_manual_run_enabled_default: false,
      test_name: 'web_connectivity',
    },
    {
      inputs: [],
      targets_name: null,
      inputs_extra: null,
      options: {},
      is_background_run_enabled_default: false,
      is_manual_run_enabled_default: false,
      test_name: 'dnscheck',
    },
    {
      inputs: null,
      targets_name: 'websites_list_prioritized',
      inputs_extra: null,
      options: {},
      is_background_run_enabled_default: false,
      is_manual_run_enabled_default: false,
      test_name: 'web_connectivity',
    },
  ],
});

export const SAMPLE_META = {
  run_type: 'timed',
  is_charging: true,
  probe_asn: 'AS1234',
  probe_cc: 'VE',
  network_type: 'wifi',
  website_category_codes: [],
};

/** The keys of every link OONI answers (EXPECTED_OONIRUN_LINK_PUBLIC_KEYS). */
export const LINK_KEYS = [
  'oonirun_link_id',
  'date_created',
  'date_updated',
  'revision',
  'is_mine',
  'is_expired',
  'name',
  'short_description',
  'description',
  'author',
  'nettests',
  'name_intl',
  'short_description_intl',
  'description_intl',
  'icon',
  'color',
  'expiration_date',
].sort();
