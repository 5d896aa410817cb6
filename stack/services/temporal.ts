// The Temporal CLI dev server: SQLite file under the data folder, Web UI, our search attributes.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes.ts';
import { EAGER_ACTIVITIES } from './temporal-cluster-config.ts';
import { spawnManaged, stopAndThrow, waitUntilReady, type ManagedProcess } from '../managed-process.ts';

export interface TemporalDevServerOptions {
  binary: string;
  dataDir: string;
  logFile: string;
  ip: string;
  port: number;
  uiPort: number;
  /** false for tests: no Web UI */
  ui?: boolean;
  /** SQLite file; omitted means in memory */
  persistent?: boolean;
  timeoutMs: number;
}

export async function startTemporalDevServer(o: TemporalDevServerOptions): Promise<ManagedProcess & { address: string; uiUrl: string | null }> {
  mkdirSync(o.dataDir, { recursive: true });
  const args = ['server', 'start-dev', '--ip', o.ip, '--port', String(o.port), '--log-level', 'warn'];
  if (o.ui === false) args.push('--headless');
  else args.push('--ui-port', String(o.uiPort));
  if (o.persistent !== false) {
    args.push('--db-filename', join(o.dataDir, 'temporal.db'));
    args.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  }
  args.push('--dynamic-config-value', `${EAGER_ACTIVITIES}=true`);
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  const proc = spawnManaged('Temporal dev server', o.binary, args, o.logFile);
  const address = `${o.ip}:${o.port}`;
  const uiUrl = o.ui === false ? null : `http://${o.ip}:${o.uiPort}`;
  await waitUntilReady(proc, () => temporalIsReady(address, uiUrl), o.timeoutMs).catch(stopAndThrow(proc));
  return Object.assign(proc, { address, uiUrl });
}

async function temporalIsReady(address: string, uiUrl: string | null): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1_000 });
  try {
    await connection.workflowService.describeNamespace({ namespace: 'default' });
  } finally {
    await connection.close();
  }
  if (uiUrl) {
    const res = await fetch(uiUrl, { signal: AbortSignal.timeout(1_000) });
    if (!res.ok) return false;
  }
  return true;
}
