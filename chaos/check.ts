// After the faults: wait for every acknowledged upload to be processed, seal the archive
// (the archive's sealHourWorkflow for each hour with staged rows, the current one included),
// run `ooni-pipeline verify`, and count, per fault, rows, archived lines, duplicates, losses.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import postgres from 'postgres';
import { readPostcan } from '../domain/archive/files.ts';
import { startSealHourWorkflow } from '../client.ts';
import { loadRuntimeConfig } from '../lib/config.ts';
import { objectStoreFromConfig } from '../lib/object-store-from-config.ts';
import { REPO_ROOT } from '../lib/tools.ts';
import type { UploadOutcome } from './load.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${last ? ` (${(last as Error).message})` : ''}`);
    await sleep(everyMs);
  }
}

export interface PhaseRow {
  fault: string;
  acknowledged: number;
  refused: number;
  gaveUp: number;
  rows: number;
  archived: number;
  duplicates: number;
  losses: number;
}

export interface ChaosReport {
  phases: PhaseRow[];
  seal: string;
  verify: { code: number; output: string };
  extraRows: number;
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/ooni-pipeline.mjs'), ...args], { env, cwd: REPO_ROOT });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('exit', (code) => resolve({ code: code ?? 1, output: output.trim() }));
  });
}

export async function checkOutcome(
  env: NodeJS.ProcessEnv,
  outcomes: UploadOutcome[],
  phases: string[],
  log: (s: string) => void,
  processTimeoutMs: number,
): Promise<ChaosReport> {
  const config = loadRuntimeConfig(env);
  const sql = postgres(config.DATABASE_URL, { max: 2, onnotice: () => {} });
  const store = objectStoreFromConfig(config);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  try {
    const acked = outcomes.filter((o) => o.uid).map((o) => o.uid!);
    log(`waiting for ${acked.length} acknowledged uploads to be scored…`);
    await waitFor(
      'a fastpath row for every acknowledged upload',
      async () => {
        const [r] = await sql<{ n: number }[]>`select count(*)::int as n from fastpath where measurement_uid = any(${acked})`;
        return r!.n >= new Set(acked).size ? true : undefined;
      },
      processTimeoutMs,
      1_000,
    ).catch((err: Error) => log(`  ${err.message}`));
    // staged rows are written right after the fastpath row
    await waitFor(
      'a staged row for every acknowledged upload',
      async () => {
        const [r] = await sql<{ n: number }[]>`select count(*)::int as n from staged where measurement_uid = any(${acked})`;
        return r!.n >= new Set(acked).size ? true : undefined;
      },
      60_000,
    ).catch((err: Error) => log(`  ${err.message}`));

    // Seal: every hour with staged rows, the current (open) one too, with the archive's workflow
    // (id seal-<hour>, as `ooni-pipeline seal --hour` does: a run already going is joined).
    // Repeated while staged rows are left (a joined run may have started before the last ones).
    const sealed: string[] = [];
    for (let round = 0; round < 5; round++) {
      const hours = (
        await sql<{ hour: string }[]>`select distinct to_char(bucket_hour, 'YYYYMMDDHH24') as hour from staged where sealed_at is null order by 1`
      ).map((r) => r.hour);
      if (hours.length === 0) break;
      log(`sealing ${hours.length} hour(s): ${hours.join(', ')}`);
      for (const hour of hours) {
        const r = await (await startSealHourWorkflow(client, config.TEMPORAL_TASK_QUEUE, { collectorId: config.COLLECTOR_ID, hour })).result();
        sealed.push(`${hour}: ${JSON.stringify(r)}`);
      }
    }
    log('running `ooni-pipeline verify`…');
    const verify = await runCli(['verify'], env);

    // Count, per uid: fastpath rows and postcan members of the sealed parts.
    const rowsByUid = new Map<string, number>();
    for (const r of await sql<{ uid: string }[]>`select measurement_uid as uid from fastpath`) rowsByUid.set(r.uid, (rowsByUid.get(r.uid) ?? 0) + 1);
    const archivedByUid = new Map<string, number>();
    const parts = await sql<{ key: string }[]>`select postcan_key as key from archive_parts where state <> 'planned'`;
    for (const p of parts) {
      const gz = await store.get(p.key);
      if (!gz) continue;
      for (const m of await readPostcan(gz)) archivedByUid.set(m.uid, (archivedByUid.get(m.uid) ?? 0) + 1);
    }
    // The same upload under two uids would be a duplicate too: each upload's start time is
    // unique (2024-05-01 + seq seconds), so a second row with it is a second copy.
    const seqCopies = new Map<number, number>();
    for (const r of await sql<{ seq: number; n: number }[]>`
      select extract(epoch from measurement_start_time - timestamp '2024-05-01 00:00:00')::int as seq, count(*)::int as n
        from fastpath group by 1 having count(*) > 1`)
      seqCopies.set(r.seq, r.n - 1);
    const ackedSet = new Set(acked);
    const extraRows = [...rowsByUid.keys()].filter((uid) => !ackedSet.has(uid)).length;

    const rowsPhases: PhaseRow[] = phases.map((fault) => {
      const mine = outcomes.filter((o) => o.phase === fault);
      const uids = [...new Set(mine.filter((o) => o.uid).map((o) => o.uid!))];
      return {
        fault,
        acknowledged: mine.filter((o) => o.uid).length,
        refused: mine.reduce((n, o) => n + o.refused, 0),
        gaveUp: mine.filter((o) => !o.uid).length,
        rows: uids.reduce((n, u) => n + (rowsByUid.get(u) ?? 0), 0),
        archived: uids.reduce((n, u) => n + (archivedByUid.get(u) ?? 0), 0),
        // two uploads acknowledged with one uid, or one uid archived or stored more than once
        duplicates:
          mine.filter((o) => o.uid).length -
          uids.length +
          mine.reduce((n, o) => n + (seqCopies.get(o.seq) ?? 0), 0) +
          uids.filter((u) => (rowsByUid.get(u) ?? 0) > 1 || (archivedByUid.get(u) ?? 0) > 1).length,
        losses: uids.filter((u) => !rowsByUid.get(u) || !archivedByUid.get(u)).length,
      };
    });
    return { phases: rowsPhases, seal: sealed.join('\n'), verify, extraRows };
  } finally {
    await sql.end();
    store.client.destroy();
    await connection.close();
  }
}

export function formatTable(rows: PhaseRow[]): string {
  const head = ['fault', 'acknowledged', 'refused (5xx/conn, retried)', 'gave up', 'rows', 'archived lines', 'duplicates', 'losses'];
  const body = rows.map((r) => [r.fault, r.acknowledged, r.refused, r.gaveUp, r.rows, r.archived, r.duplicates, r.losses].map(String));
  const total = rows.reduce(
    (t, r) =>
      t.map((v, i) => (i === 0 ? v : String(Number(v) + [0, r.acknowledged, r.refused, r.gaveUp, r.rows, r.archived, r.duplicates, r.losses][i]!))),
    ['total', '0', '0', '0', '0', '0', '0', '0'],
  );
  const all = [head, ...body, total];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), line(total)].join('\n');
}
