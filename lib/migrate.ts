// Applies the committed drizzle migrations (never `drizzle-kit push`).
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { connectDatabase } from './db.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../drizzle/migrations', import.meta.url));

export async function applyMigrations(databaseUrl: string): Promise<void> {
  const handle = connectDatabase(databaseUrl, { max: 1 });
  try {
    await migrate(handle.db, { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await handle.close();
  }
}
