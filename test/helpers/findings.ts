// Set-up of the findings tests: one fresh database and bucket, a mail catcher as SMTP server, and
// two real apps over them — `admin` with ADMIN_EMAILS = [ADMIN_EMAIL], `user` with no admins. As
// OONI decides the role at login, signing ADMIN_EMAIL in through `user` gives the same account
// (the same account_id) with the user role: how upstream's tests get a user owning a finding.
import { Writable } from 'node:stream';
import type { Client } from '@temporalio/client';
import { pino } from 'pino';
import { createApp } from '../../api/app.ts';
import type { ApiDeps } from '../../api/deps.ts';
import { runtimeSchema } from '../../lib/config.ts';
import { infraOf } from '../../lib/infra.ts';
import { signIn, startMailCatcher, type MailCatcher } from './accounts.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { createTestBucket } from './s3.ts';

export const NOW = new Date('2024-07-17T16:45:25.678Z');
/** upstream's SAMPLE_EMAIL */
export const ADMIN_EMAIL = 'sample@ooni.org';

export interface Answer {
  status: number;
  body: any;
  text: string;
  res: Response;
}

export interface FindingsClient {
  get(path: string): Promise<Answer>;
  post(path: string, body: unknown): Promise<Answer>;
}

export interface FindingsHarness {
  db: TestDatabase;
  anonymous: FindingsClient;
  /** a caller presenting `Authorization: Bearer <token>` as given (forged, expired, …) */
  withToken(token: string): FindingsClient;
  /** a client logged in as `email` through the app that makes admins (`admin`) or only users (`user`) */
  login(email: string, via: 'admin' | 'user'): Promise<FindingsClient & { accountId: string }>;
  /** every answer given to a caller that is not an admin, for the privacy checks */
  nonAdminAnswers: string[];
  /** the API's log lines at level info and up */
  logs: string[];
  close(): Promise<void>;
}

const someAddress = () => `10.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

export async function createFindingsHarness(env: Record<string, string> = {}): Promise<FindingsHarness> {
  const db = await createTestDatabase();
  const store = await createTestBucket();
  const mail: MailCatcher = await startMailCatcher();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const log = pino({ name: 'api', level: 'info' }, sink);
  const appWith = (adminEmails: string) => {
    // one trusted proxy: the rate limiter keys on the X-Forwarded-For entry each call randomises
    const config = runtimeSchema.parse({
      DATABASE_URL: db.url,
      NODE_ENV: 'test',
      SMTP_URL: mail.url,
      ADMIN_EMAILS: adminEmails,
      TRUSTED_PROXY_HOPS: '1',
      ...env,
    });
    const deps: ApiDeps = {
      ...infraOf({ database: db, store, temporal: {} as Client, log, clock: () => NOW }),
      config,
    };
    const app = createApp(deps);
    return (path: string, init: RequestInit = {}) =>
      Promise.resolve(app.request(path, { ...init, headers: { 'X-Forwarded-For': someAddress(), ...(init.headers as Record<string, string>) } }));
  };
  const apps = { admin: appWith(ADMIN_EMAIL), user: appWith('') };
  const nonAdminAnswers: string[] = [];

  const client = (token: string | null, isAdmin: boolean): FindingsClient => {
    const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    const answer = async (res: Response): Promise<Answer> => {
      const text = await res.text();
      if (!isAdmin) nonAdminAnswers.push(text);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: res.status, body, text, res };
    };
    return {
      get: async (path) => answer(await apps.admin(path, { headers: auth })),
      post: async (path, body) =>
        answer(
          await apps.admin(path, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...auth },
            body: typeof body === 'string' ? body : JSON.stringify(body),
          }),
        ),
    };
  };

  return {
    db,
    anonymous: client(null, false),
    withToken: (token) => client(token, false),
    async login(email, via) {
      const { token, accountId } = await signIn(apps[via], mail, email);
      return { ...client(token, via === 'admin' && email === ADMIN_EMAIL), accountId };
    },
    nonAdminAnswers,
    logs,
    async close() {
      await mail.close();
      await db.drop();
    },
  };
}
