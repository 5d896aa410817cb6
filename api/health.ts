// GET /health: each dependency up or down, 503 naming what is down. GET /version.
import { Hono } from 'hono';
import type { ApiDeps } from './deps.ts';

const TIMEOUT_MS = 2_000;

type Check = { status: 'up' } | { status: 'down'; error: string };

async function probe(fn: () => Promise<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    await Promise.race([fn(), timeout]);
    return { status: 'up' };
  } catch (err) {
    return { status: 'down', error: (err as Error).message || String(err) };
  } finally {
    clearTimeout(timer);
  }
}

const VERSION = process.env.npm_package_version ?? '0.1.0';

export function createHealthRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/health', async (c) => {
    const [temporal, postgres, s3] = await Promise.all([
      probe(() => deps.temporal.workflowService.getSystemInfo({})),
      probe(() => deps.sql`select 1`),
      probe(() => deps.store.ping()),
    ]);
    const checks = { temporal, postgres, s3 };
    const down = Object.entries(checks)
      .filter(([, v]) => v.status === 'down')
      .map(([k]) => k);
    const body = { status: down.length ? 'down' : 'ok', down, checks, version: VERSION };
    return c.json(body, down.length ? 503 : 200, { 'Cache-Control': 'no-cache' });
  });
  app.get('/version', (c) => c.json({ version: VERSION, name: 'ooni-pipeline' }));
  return app;
}
