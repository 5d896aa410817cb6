// The one IP database of a process, loaded on first use (the API starts it in the background at
// start) and shared by every caller: ENRICHMENT_MMDB when set, else the packaged default.
import type { IpDatabase } from '../../domain/enrichment/lookup.ts';
import { loadDefaultDatabase } from './default-database.ts';
import { loadMmdbDatabase } from './mmdb-database.ts';

const loaded = new Map<string, Promise<IpDatabase>>();

/** The database for `mmdbPath` (ENRICHMENT_MMDB; undefined = the default), loaded once per process. */
export function ipDatabase(mmdbPath: string | undefined): Promise<IpDatabase> {
  const key = mmdbPath ?? '';
  let db = loaded.get(key);
  if (!db) {
    db = mmdbPath ? loadMmdbDatabase(mmdbPath) : loadDefaultDatabase();
    // a failed load is retried by the next caller rather than cached
    db.catch(() => loaded.delete(key));
    loaded.set(key, db);
  }
  return db;
}
