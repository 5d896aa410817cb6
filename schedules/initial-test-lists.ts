// First start of a stack: when the citizenlab table is empty, import the test lists (TEST_LISTS_DIR,
// by default the snapshot shipped in data/test-lists/) and refresh the URL counts once, so the
// first check-in hands out URLs instead of waiting for the citizenlab-import schedule.
import type { Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import type { ImportTestListsResult } from '../activities/jobs/test-lists.ts';
import type { RefreshUrlCountsResult } from '../activities/jobs/url-counts.ts';
import { citizenlab } from '../drizzle/schema.ts';
import type { Database } from '../lib/db.ts';

/** One id per task queue: workers of one stack join the same run, stacks sharing a namespace do not. */
export const initialImportWorkflowId = (taskQueue: string) => `citizenlab-import-initial-${taskQueue}`;
export const initialUrlCountsWorkflowId = (taskQueue: string) => `url-prioritisation-initial-${taskQueue}`;

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
  const options = { taskQueue, workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING };
  const imported = await client.workflow.execute('importTestListsWorkflow', { ...options, workflowId: initialImportWorkflowId(taskQueue), args: [] });
  const counts = await client.workflow.execute('refreshUrlCountsWorkflow', { ...options, workflowId: initialUrlCountsWorkflowId(taskQueue), args: [{}] });
  return { imported: imported as ImportTestListsResult, counts: counts as RefreshUrlCountsResult };
}
