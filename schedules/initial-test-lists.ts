// First start of a stack: when the citizenlab table is empty, import the test lists (TEST_LISTS_DIR,
// by default the snapshot shipped in data/test-lists/) and refresh the URL counts once, so the
// first check-in hands out URLs instead of waiting for the citizenlab-import schedule.
import type { Client } from '@temporalio/client';
import type { ImportTestListsResult } from '../activities/jobs/test-lists.ts';
import type { RefreshUrlCountsResult } from '../activities/jobs/url-counts.ts';
import { citizenlab } from '../drizzle/schema.ts';
import type { Database } from '../lib/db.ts';
import { executeInitialTestListImport, executeInitialUrlCounts } from '../client.ts';

export interface InitialTestListsResult {
  imported: ImportTestListsResult | null;
  counts: RefreshUrlCountsResult | null;
}

/**
 * Imports the test lists once when none are stored; a no-op ({imported: null}) otherwise.
 * Idempotent across concurrent workers: the fixed workflow ids join a run already going.
 */
export async function importTestListsIfEmpty(client: Client, db: Database, taskQueue: string): Promise<InitialTestListsResult> {
  const stored = await db.select({ url: citizenlab.url }).from(citizenlab).limit(1);
  if (stored.length > 0) return { imported: null, counts: null };
  const imported = await executeInitialTestListImport(client, taskQueue);
  const counts = await executeInitialUrlCounts(client, taskQueue);
  return { imported, counts };
}
