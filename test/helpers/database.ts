// A fresh PostgreSQL database per test file, with the real migrations applied.
import postgres from 'postgres';
import { connectDatabase, type DbHandle } from '../../lib/db.ts';
import { applyMigrations } from '../../lib/migrate.ts';
import { testEnv, uniqueSuffix } from './env.ts';

export interface TestDatabase extends DbHandle {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = testEnv.databaseAdminUrl();
  const name = `t_${uniqueSuffix()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  const handle = connectDatabase(url.toString(), { max: 5 });
  return {
    ...handle,
    url: url.toString(),
    async drop() {
      await handle.close();
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
