// What activities need from the outside world, built once by worker.ts.
import type { Client } from '@temporalio/client';
import type { Fingerprints } from './fastpath/index.ts';
import type { Database } from '../lib/db.ts';
import type { Logger } from '../lib/logger.ts';
import type { ObjectStore } from '../lib/s3.ts';
import type { BodyCache } from './measurement/body-cache.ts';

export interface ActivityDeps {
  db: Database;
  store: ObjectStore;
  bodies: BodyCache;
  temporal: Client;
  taskQueue: string;
  log: Logger;
  /** the fingerprint list in force; a provider so a refresh needs no restart */
  fingerprints: () => Fingerprints;
  /** incoming objects older than this with no workflow are started by the sweeper */
  sweepAfterSeconds: number;
  /** test seams of the archive seal (fault injection) */
  archiveHooks?: ArchiveHooks;
  /** settings of the scheduled jobs (activities/jobs); defaults when absent */
  jobs?: JobSettings;
}

export interface JobSettings {
  /** Citizen Lab `lists/` folder (TEST_LISTS_DIR) */
  testListsDir?: string;
  /** folder with fingerprints_{dns,http}.csv (FINGERPRINTS_DIR) */
  fingerprintsDir?: string;
  /** sealed staged measurements older than this are removed (RETENTION_DAYS) */
  retentionDays?: number;
}

export interface ArchiveHooks {
  /** after a part's files are uploaded, before its index rows are written */
  afterPartUploaded?: (jsonlKey: string) => Promise<void> | void;
}
