// What the HTTP API needs, built once by api/server.ts (or by a test).
import type { Client } from '@temporalio/client';
import type { RuntimeConfig } from '../lib/config.ts';
import type { DbHandle } from '../lib/db.ts';
import type { Logger } from '../lib/logger.ts';
import type { ObjectStore } from '../lib/s3.ts';

export interface ApiDeps {
  config: RuntimeConfig;
  database: DbHandle;
  store: ObjectStore;
  temporal: Client;
  log: Logger;
  now?: () => Date;
}
