// The role the embedded PostgreSQL is created with (postgres-main.ts), and its URLs: the launcher
// needs the admin URL before that process reports it (the Temporal cluster's schema setup).
export const LOCAL_PG_USER = 'ooni';
export const LOCAL_PG_PASSWORD = 'ooni';

export function localPostgresUrl(port: number, database: string): string {
  return `postgres://${LOCAL_PG_USER}:${LOCAL_PG_PASSWORD}@127.0.0.1:${port}/${database}`;
}
