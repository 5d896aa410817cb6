// The export's progress as its running activity last heartbeated it (read with describe(): the
// workflow itself never sees heartbeats), and the one-line drawing of it on stderr.
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter, fromPayloadsAtIndex } from '@temporalio/common';
import type { ExportProgress } from '../../activities/exports/types.ts';

/** The last heartbeat of the workflow's running export activity, or null between files. */
export async function exportProgressOf(handle: WorkflowHandle): Promise<ExportProgress | null> {
  const described = await handle.describe();
  const pending = described.raw.pendingActivities?.find((a) => a.activityType?.name === 'exportFastpathMonth');
  const payloads = pending?.heartbeatDetails?.payloads;
  return payloads?.length ? fromPayloadsAtIndex<ExportProgress>(defaultPayloadConverter, 0, payloads) : null;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export function drawExportProgress(p: ExportProgress, startedMs: number, nowMs: number): string {
  const width = 30;
  const ratio = p.total > 0 ? Math.min(1, p.rows / p.total) : 1;
  const bar = '#'.repeat(Math.round(ratio * width)).padEnd(width, '-');
  const rate = Math.round(p.rows / Math.max(0.001, (nowMs - startedMs) / 1000));
  return `\r${p.month} ${p.format.padEnd(7)} [${bar}] ${p.rows}/${p.total} rows, ${mb(p.bytes)}, ${rate} rows/s  `;
}
