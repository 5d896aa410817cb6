// PostgreSQL through postgres.js, wrapped by drizzle. One pool per process.
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../drizzle/schema.ts';

export type Database = PostgresJsDatabase<typeof schema>;

export interface DbHandle {
  sql: postgres.Sql;
  db: Database;
  close(): Promise<void>;
}

export interface ConnectOptions {
  max?: number;
  /** called with every statement sent (bench/query.ts --explain prints their plans) */
  debug?: (connection: number, query: string, parameters: unknown[]) => void;
}

export function connectDatabase(url: string, options: ConnectOptions = {}): DbHandle {
  const sql = postgres(url, {
    max: options.max ?? 10,
    ...(options.debug ? { debug: options.debug } : {}),
    onnotice: () => {},
    connect_timeout: 5,
    idle_timeout: 60,
    transform: { undefined: null },
    // day and hour buckets (::date, date_trunc) are UTC whatever the server's default is
    connection: { TimeZone: 'UTC' },
  });
  const db = drizzle(sql, { schema });
  return { sql, db, close: () => sql.end({ timeout: 5 }) };
}
