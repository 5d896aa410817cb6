// Fingerprint refresh (OONI's ooni-update-fingerprints). The job reads fingerprints_{dns,http}.csv
// from FINGERPRINTS_DIR, checks they load, and stores the texts under their content version in
// fingerprint_sets. Every worker holds a FingerprintsHolder that polls the newest stored version
// and swaps its in-memory lists when it changes: no restart, and all workers converge on the same
// version within one poll interval (each fastpath row records the version it was scored with).
import { ApplicationFailure } from '@temporalio/activity';
import { desc, eq, sql } from 'drizzle-orm';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fingerprintSets } from '../../drizzle/schema.ts';
import type { Database } from '../../lib/db.ts';
import type { Logger } from '../../lib/logger.ts';
import { loadFingerprintsFromCsv, type Fingerprints } from '../fastpath/index.ts';
import { DEFAULT_FINGERPRINTS_DIR } from './fingerprints-files.ts';
import type { ActivityDeps } from '../deps.ts';

const FINGERPRINTS_MISSING = 'FingerprintsMissing';
const FINGERPRINTS_INVALID = 'FingerprintsInvalid';

export interface RefreshFingerprintsResult {
  version: string;
  /** false when this version was already the one in force */
  changed: boolean;
  dns: number;
  http: number;
  source: string;
  durationMs: number;
}

export function refreshFingerprints(deps: ActivityDeps) {
  return async (): Promise<RefreshFingerprintsResult> => {
    const started = Date.now();
    const dir = deps.jobs?.fingerprintsDir ?? DEFAULT_FINGERPRINTS_DIR;
    let texts: { dns: string; http: string };
    try {
      const [dns, http] = await Promise.all([
        readFile(join(dir, 'fingerprints_dns.csv'), 'utf8'),
        readFile(join(dir, 'fingerprints_http.csv'), 'utf8'),
      ]);
      texts = { dns, http };
    } catch (err) {
      throw ApplicationFailure.create({
        type: FINGERPRINTS_MISSING,
        nonRetryable: true,
        message: `cannot read the fingerprint CSVs in ${dir}: ${(err as Error).message}`,
      });
    }
    let loaded: Fingerprints;
    try {
      loaded = loadFingerprintsFromCsv(texts);
    } catch (err) {
      throw ApplicationFailure.create({
        type: FINGERPRINTS_INVALID,
        nonRetryable: true,
        message: `fingerprint CSVs in ${dir} do not load: ${(err as Error).message}`,
      });
    }
    const [current] = await deps.db
      .select({ version: fingerprintSets.version })
      .from(fingerprintSets)
      .orderBy(desc(fingerprintSets.loadedAt))
      .limit(1);
    const changed = current?.version !== loaded.version;
    if (changed) {
      await deps.db
        .insert(fingerprintSets)
        .values({ version: loaded.version, dns: texts.dns, http: texts.http, source: dir })
        .onConflictDoUpdate({ target: fingerprintSets.version, set: { loadedAt: sql`now()`, source: dir } });
    }
    const result = {
      version: loaded.version,
      changed,
      dns: loaded.dns.length,
      http: loaded.http.length,
      source: dir,
      durationMs: Date.now() - started,
    };
    deps.log.info(result, 'fingerprints refreshed');
    return result;
  };
}

/** The worker's fingerprints in force: starts from the files, follows fingerprint_sets. */
export class FingerprintsHolder {
  private current: Fingerprints;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    initial: Fingerprints,
    private readonly log?: Logger,
  ) {
    this.current = initial;
  }

  /** the provider for ActivityDeps.fingerprints */
  readonly get = (): Fingerprints => this.current;

  /** Loads the newest stored set if it differs from the one in force; true when it swapped. */
  async refresh(): Promise<boolean> {
    const [newest] = await this.db
      .select({ version: fingerprintSets.version })
      .from(fingerprintSets)
      .orderBy(desc(fingerprintSets.loadedAt))
      .limit(1);
    if (!newest || newest.version === this.current.version) return false;
    const [row] = await this.db.select().from(fingerprintSets).where(eq(fingerprintSets.version, newest.version));
    if (!row) return false;
    const previous = this.current.version;
    this.current = loadFingerprintsFromCsv({ dns: row.dns, http: row.http });
    this.log?.info({ previous, version: this.current.version }, 'fingerprints swapped');
    return true;
  }

  /** Polls every `intervalMs` until stop(); errors are logged and the current set kept. */
  start(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => {
      this.refresh().catch((err: unknown) => this.log?.warn({ err }, 'fingerprints poll failed'));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
