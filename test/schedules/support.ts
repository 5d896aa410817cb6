// Shared bits of the schedule tests: fastpath rows, and running a schedule's action now.
import type { Client } from '@temporalio/client';
import { triggerSchedule } from '../../cli/commands/schedules.ts';
import type { fastpath } from '../../drizzle/schema.ts';

export type FastpathInsert = typeof fastpath.$inferInsert;

let seq = 0;

export function fastpathRow(o: { probeCc: string; probeAsn?: number; testName?: string; input?: string; at: Date }): FastpathInsert {
  const n = ++seq;
  const test = o.testName ?? 'web_connectivity';
  const stamp = o.at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const input = o.input ?? '';
  return {
    measurementUid: `${stamp}.${String(n).padStart(6, '0')}_${o.probeCc}_${test.replace(/_/g, '')}_${n.toString(16).padStart(16, '0')}`,
    reportId: `${stamp.slice(0, 8)}T${stamp.slice(8)}Z_${test.replace(/_/g, '')}_${o.probeCc}_${o.probeAsn ?? 30722}_n1_${n.toString(36).padStart(16, 'a')}`,
    input,
    domain: input ? new URL(input).hostname : '',
    probeCc: o.probeCc,
    probeAsn: o.probeAsn ?? 30722,
    testName: test,
    testStartTime: new Date(o.at.getTime() - 60_000),
    measurementStartTime: o.at,
    scores: '{}',
    platform: 'android',
    anomaly: false,
    confirmed: false,
    msmFailure: false,
    blockingType: '',
    softwareName: 'ooniprobe-android',
    softwareVersion: '3.8.0',
    testVersion: '0.4.0',
    testRuntime: 1.5,
    architecture: 'arm64',
    engineName: 'ooniprobe-engine',
    engineVersion: '3.19.0',
    testHelperAddress: '',
    testHelperType: '',
  };
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
