// Set-up of the account tests: a fresh database and bucket, a mail catcher as the API's SMTP
// server, the real createApp, and a clock the test moves (login links expire, sessions age).
import { Writable } from 'node:stream';
import type { Client } from '@temporalio/client';
import { pino } from 'pino';
import { createApp } from '../../api/app.ts';
import type { ApiDeps } from '../../api/deps.ts';
import { runtimeSchema } from '../../lib/config.ts';
import { infraOf } from '../../lib/infra.ts';
import { startMailCatcher, type MailCatcher } from './accounts.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { createTestBucket } from './s3.ts';

/**
 * Where the API's clock starts: the wall clock's second (the query rate limiter, which shares the
 * rate_limits table, deletes windows that ended before the wall clock's now).
 */
export const START = new Date(Math.floor(Date.now() / 1000) * 1000);

export interface AccountsHarness {
  db: TestDatabase;
  mail: MailCatcher;
  deps: ApiDeps;
  /** app.request */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** request, then the status and the parsed JSON body */
  json<T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T; res: Response }>;
  /** POST of a JSON body */
  post<T = any>(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T; res: Response }>;
  /** moves the API's clock */
  advance(ms: number): void;
  now(): Date;
  /** the API's log lines (level info and up), parsed */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** `env` overrides the config; `SMTP_URL: ''` runs the API without SMTP (links go to the log). */
export async function createAccountsHarness(env: Record<string, string> = {}): Promise<AccountsHarness> {
  const db = await createTestDatabase();
  const store = await createTestBucket();
  const mail = await startMailCatcher();
  let now = START;
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log = pino({ name: 'api', level: 'info' }, sink);
  const settings: Record<string, string> = { DATABASE_URL: db.url, NODE_ENV: 'test', SMTP_URL: mail.url, ...env };
  if (settings['SMTP_URL'] === '') delete settings['SMTP_URL'];
  const config = runtimeSchema.parse(settings);
  // the account routes never touch Temporal
  const deps: ApiDeps = { ...infraOf({ database: db, store, temporal: {} as Client, log, clock: () => now }), config };
  const app = createApp(deps);
  const request = (path: string, init?: RequestInit) => Promise.resolve(app.request(path, init));
  const json = async (path: string, init?: RequestInit) => {
    const res = await request(path, init);
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as any) : undefined, res };
  };
  return {
    db,
    mail,
    deps,
    request,
    json,
    post: (path, body, headers = {}) =>
      json(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
    now: () => now,
    logs,
    async close() {
      await mail.close();
      await db.drop();
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The claims of a JWT, read by the test itself (no verification). */
export const jwtClaims = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
