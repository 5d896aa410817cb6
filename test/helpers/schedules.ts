// Shared bits of the schedule tests: fastpath rows, and running a schedule's action now.
import type { Client } from '@temporalio/client';
import { triggerSchedule } from '../../cli/commands/schedules.ts';
import { fpRow, type FastpathRow } from './fastpath-rows.ts';

/** A web_connectivity (or `testName`) fastpath row of `probeCc` at `at`, for `input`. */
export function fastpathRow(o: { probeCc: string; probeAsn?: number; testName?: string; input?: string; at: Date }): FastpathRow {
  const input = o.input ?? '';
  return fpRow({
    probeCc: o.probeCc,
    probeAsn: o.probeAsn ?? 30722,
    testName: o.testName ?? 'web_connectivity',
    input,
    domain: input ? new URL(input).hostname : '',
    measurementStartTime: o.at,
    scores: '{}',
  });
}

/** Triggers schedule `id` and waits for the run it started; returns its workflow id and result (or error). */
export async function runScheduleNow<T>(client: Client, id: string): Promise<{ workflowId: string; result?: T; error?: unknown }> {
  const workflowId = await triggerSchedule(client, id);
  try {
    return { workflowId, result: (await client.workflow.getHandle(workflowId).result()) as T };
  } catch (error) {
    return { workflowId, error };
  }
}
