// The connections every process shares, built once: database, object store, Temporal client,
// logger and clock. ApiDeps and ActivityDeps both extend this one shape (no casts, no adapters).
import type { Client } from '@temporalio/client';
import type postgres from 'postgres';
import { connectClient } from '../client.ts';
import type { RuntimeConfig } from './config.ts';
import { connectDatabase, type Database, type DbHandle } from './db.ts';
import { createLogger, type Logger } from './logger.ts';
import { objectStoreFromConfig } from './object-store-from-config.ts';
import type { ObjectStore } from './s3.ts';

export interface Infra {
  /** drizzle over the pool below */
  db: Database;
  /** the postgres.js pool, for the queries written in SQL */
  sql: postgres.Sql;
  store: ObjectStore;
  temporal: Client;
  log: Logger;
  /** the time of day; tests pass a fixed one */
  clock: () => Date;
  /** closes what buildInfra opened */
  close(): Promise<void>;
}

export interface InfraOptions {
  /** logger name (process role) */
  name: string;
  /** pool size; connectDatabase's default when absent */
  dbMax?: number;
  /** S3 request timeout; the SDK's default when absent */
  s3TimeoutMs?: number;
  clock?: () => Date;
}

const systemClock = (): Date => new Date();

/** Connects everything `config` names. */
export async function buildInfra(config: RuntimeConfig, options: InfraOptions): Promise<Infra> {
  const log = createLogger(options.name, config.LOG_LEVEL);
  const database = connectDatabase(config.DATABASE_URL, options.dbMax === undefined ? {} : { max: options.dbMax });
  const store = objectStoreFromConfig(config, options.s3TimeoutMs);
  const temporal = await connectClient(config).catch(async (err: unknown) => {
    await database.close();
    store.client.destroy();
    throw err;
  });
  return infraOf({ database, store, temporal, log, ...(options.clock ? { clock: options.clock } : {}) }, async () => {
    await temporal.connection.close();
  });
}

/**
 * An Infra over connections opened elsewhere (a test's database and bucket). `close` closes the
 * database pool and the S3 client, then runs `closeMore` (the Temporal connection, when owned).
 */
export function infraOf(
  parts: { database: DbHandle; store: ObjectStore; temporal: Client; log: Logger; clock?: () => Date },
  closeMore: () => Promise<void> = async () => {},
): Infra {
  const { database, store } = parts;
  return {
    db: database.db,
    sql: database.sql,
    store,
    temporal: parts.temporal,
    log: parts.log,
    clock: parts.clock ?? systemClock,
    async close() {
      await Promise.allSettled([database.close(), closeMore()]);
      store.client.destroy();
    },
  };
}
