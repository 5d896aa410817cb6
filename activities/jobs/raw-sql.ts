// The postgres.js client under a drizzle Database, for the jobs' set-based SQL.
import type postgres from 'postgres';
import type { Database } from '../../lib/db.ts';

export function rawSql(db: Database): postgres.Sql {
  const client = (db as Database & { $client?: postgres.Sql }).$client;
  if (!client) throw new Error('the database handle has no postgres.js client');
  return client;
}
