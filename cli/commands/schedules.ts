// `ooni-pipeline schedules apply|list|trigger ID`: the Temporal Schedules of
// schedules/definitions.ts, as the worker applies them at start.
import type { Client } from '@temporalio/client';
import { parseArgs } from 'node:util';
import { connectClient } from '../../client.ts';
import { loadRuntimeConfig } from '../../lib/config.ts';
import { applySchedules } from '../../schedules/apply.ts';
import { scheduleDefinitions } from '../../schedules/definitions.ts';

export const summary = 'apply, list (last and next run) or trigger the Temporal Schedules';

const USAGE = `usage: ooni-pipeline schedules apply
       ooni-pipeline schedules list [--json]
       ooni-pipeline schedules trigger ID

apply    create or update every schedule of schedules/definitions.ts (the worker does it at start)
list     each schedule with its spec, last run (workflow id, status) and next run
trigger  start a run of schedule ID now (the result is visible in the Web UI)`;

export interface ScheduleListing {
  id: string;
  workflowType: string;
  paused: boolean;
  description: string;
  lastRun: { at: string; workflowId: string; status: string } | null;
  nextRun: string | null;
}

export async function listSchedules(client: Client, ids: string[]): Promise<ScheduleListing[]> {
  const out: ScheduleListing[] = [];
  for (const id of ids) {
    let d;
    try {
      d = await client.schedule.getHandle(id).describe();
    } catch {
      continue; // not applied yet
    }
    const last = d.info.recentActions.at(-1);
    let status = 'unknown';
    if (last) {
      try {
        const w = await client.workflow.getHandle(last.action.workflow.workflowId, last.action.workflow.firstExecutionRunId).describe();
        status = w.status.name;
      } catch {
        status = 'unknown';
      }
    }
    out.push({
      id,
      workflowType: d.action.type === 'startWorkflow' ? d.action.workflowType : d.action.type,
      paused: d.state.paused,
      description: d.state.note ?? '',
      lastRun: last ? { at: last.takenAt.toISOString(), workflowId: last.action.workflow.workflowId, status } : null,
      nextRun: d.info.nextActionTimes[0]?.toISOString() ?? null,
    });
  }
  return out;
}

/**
 * Starts a run of the schedule now; resolves to the started workflow id once it shows.
 * A schedule names its runs `<id>-<second>`: a second trigger within the same second as the
 * last action would reuse that name and start nothing, so it waits for the next second first.
 */
export async function triggerSchedule(client: Client, id: string, timeoutMs = 10_000): Promise<string> {
  const handle = client.schedule.getHandle(id);
  const described = await handle.describe();
  const before = new Set(described.info.recentActions.map((a) => a.action.workflow.workflowId));
  const lastTaken = Math.max(0, ...described.info.recentActions.map((a) => a.takenAt.getTime()));
  const nextFreeSecond = (Math.floor(lastTaken / 1000) + 1) * 1000;
  if (Date.now() < nextFreeSecond + 50) await new Promise((r) => setTimeout(r, nextFreeSecond + 50 - Date.now()));
  await handle.trigger();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await handle.describe();
    const ids = [...d.info.runningActions.map((a) => a.workflow.workflowId), ...d.info.recentActions.map((a) => a.action.workflow.workflowId)];
    const wid = ids.find((w) => !before.has(w));
    if (wid) return wid;
    if (Date.now() > deadline) throw new Error(`schedule ${id}: no run started within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [sub, id, ...extra] = parsed.positionals;
  if (parsed.values.help) return (console.log(USAGE), 0);
  if (!sub || !['apply', 'list', 'trigger'].includes(sub) || extra.length > 0 || (sub === 'trigger') !== (id !== undefined)) {
    console.error(USAGE);
    return 2;
  }
  const config = loadRuntimeConfig();
  const client = await connectClient(config);
  try {
    if (sub === 'apply') {
      for (const applied of await applySchedules(client, config)) console.log(`applied ${applied}`);
      return 0;
    }
    if (sub === 'list') {
      const rows = await listSchedules(
        client,
        scheduleDefinitions(config).map((d) => d.id),
      );
      if (parsed.values.json) console.log(JSON.stringify(rows, null, 2));
      else {
        for (const r of rows) {
          const last = r.lastRun ? `${r.lastRun.at} ${r.lastRun.status} (${r.lastRun.workflowId})` : 'never';
          console.log(`${r.id.padEnd(22)} ${r.workflowType.padEnd(30)} last: ${last}  next: ${r.paused ? 'paused' : (r.nextRun ?? '-')}`);
        }
      }
      return 0;
    }
    const known = scheduleDefinitions(config).map((d) => d.id);
    if (!known.includes(id!)) {
      console.error(`unknown schedule '${id}'; known: ${known.join(', ')}`);
      return 2;
    }
    const workflowId = await triggerSchedule(client, id!);
    console.log(`triggered ${id}: workflow ${workflowId}`);
    return 0;
  } catch (e) {
    console.error(`schedules ${sub} failed: ${(e as Error).message}`);
    return 1;
  } finally {
    await client.connection.close();
  }
}
