// The one IP database of a process, loaded on first use (the API starts it in the background at
// start) and shared by every caller: ENRICHMENT_MMDB when set, else the packaged default; with
// ENRICHMENT_AS_ORG_MAP's AS history layered over it when that is set.
import type { IpDatabase } from '../../domain/enrichment/lookup.ts';
import { withAsOrgMap } from './as-org-map.ts';
import { loadDefaultDatabase } from './default-database.ts';
import { loadMmdbDatabase } from './mmdb-database.ts';

const loaded = new Map<string, Promise<IpDatabase>>();

/** `load()` once per `key`; a failed load is retried by the next caller rather than cached. */
function once(key: string, load: () => Promise<IpDatabase>): Promise<IpDatabase> {
  let db = loaded.get(key);
  if (!db) {
    db = load();
    db.catch(() => loaded.delete(key));
    loaded.set(key, db);
  }
  return db;
}

/**
 * The database for `mmdbPath` (ENRICHMENT_MMDB; undefined = the default) and `asOrgMapPath`
 * (ENRICHMENT_AS_ORG_MAP; undefined = none), loaded once per process (the IP data once for both).
 */
export function ipDatabase(mmdbPath: string | undefined, asOrgMapPath?: string): Promise<IpDatabase> {
  const base = () => once(`mmdb:${mmdbPath ?? ''}`, () => (mmdbPath ? loadMmdbDatabase(mmdbPath) : loadDefaultDatabase()));
  if (!asOrgMapPath) return base();
  return once(`mmdb:${mmdbPath ?? ''}\0asorg:${asOrgMapPath}`, () => base().then((b) => withAsOrgMap(b, asOrgMapPath)));
}

/** The database a configuration names (the runtime config or process.env: ENRICHMENT_MMDB, ENRICHMENT_AS_ORG_MAP). */
export function configuredIpDatabase(env: { ENRICHMENT_MMDB?: string | undefined; ENRICHMENT_AS_ORG_MAP?: string | undefined }): Promise<IpDatabase> {
  return ipDatabase(env.ENRICHMENT_MMDB, env.ENRICHMENT_AS_ORG_MAP);
}
