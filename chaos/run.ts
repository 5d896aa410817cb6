// `npm run chaos`: its own stack, a steady upload stream through the HTTP API, and faults
// injected one after another (worker SIGKILL, API SIGKILL, Temporal restart, S3 down,
// PostgreSQL restart). Then seal, `ooni-pipeline verify`, and a table per fault; exit 1
// unless every fault shows 0 losses and 0 duplicates.
//   node --import tsx chaos/run.ts [--rate 5] [--per-phase 100] [--s3-outage 30] [--dir DIR] [--keep]
// --per-phase: uploads acknowledged before the first fault and after each recovery.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkOutcome, formatTable, waitFor, type ChaosReport } from './check.ts';
import { faults } from './faults.ts';
import { steadyLoad } from './load.ts';
import { startChaosStack } from './stack.ts';

export interface ChaosOptions {
  /** uploads started per second */
  rate: number;
  /** uploads acknowledged before the first fault and after each recovery (a condition, not a sleep) */
  perPhase: number;
  s3OutageSeconds: number;
  dir?: string;
  keep?: boolean;
  /** how long acknowledged uploads may take to be processed after the last fault */
  processTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface ChaosResult {
  ok: boolean;
  table: string;
  report: ChaosReport;
  unexpectedExits: string[];
  problems: string[];
}

export async function runChaos(o: ChaosOptions): Promise<ChaosResult> {
  const log = o.log ?? ((line: string) => process.stderr.write(`[chaos] ${line}\n`));
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'ooni-chaos-'));
  log(`starting the stack in ${dir} (logs in ${join(dir, 'logs')})…`);
  const stack = await startChaosStack(dir);
  try {
    const list = faults({ s3OutageSeconds: o.s3OutageSeconds });
    const phases = ['no fault', ...list.map((f) => f.name)];
    let phase = phases[0]!;
    const load = steadyLoad(
      () => stack.apiUrl,
      o.rate,
      () => phase,
      { maxAttempts: 90, maxWaitMs: 2_000, requestTimeoutMs: 15_000 },
    );
    const acked = () => load.outcomes.filter((x) => x.uid).length;
    const steady = async (what: string) => {
      const target = acked() + o.perPhase;
      await waitFor(`${o.perPhase} acknowledgements ${what}`, async () => (acked() >= target ? true : undefined), 300_000);
    };
    await steady('before the first fault');
    for (const fault of list) {
      phase = fault.name;
      log(`${fault.name}… (${acked()} acknowledged so far)`);
      const t0 = Date.now();
      await fault.inject(stack);
      await waitFor(`the API to be healthy after ${fault.name}`, async () => ((await stack.healthy()) ? true : undefined), 180_000);
      const before = acked();
      // recovered: new uploads are acknowledged again
      await waitFor(`acknowledgements after ${fault.name}`, async () => (acked() > before ? true : undefined), 120_000);
      log(`  recovered in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      await steady(`after ${fault.name}`);
    }
    log(`stopping the load (${load.sent()} uploads started)…`);
    const outcomes = await load.stop();
    const rejected = outcomes.filter((x) => x.rejected);
    const report = await checkOutcome(stack.env, outcomes, phases, log, o.processTimeoutMs ?? 600_000);
    const table = formatTable(report.phases);
    const problems: string[] = [];
    if (report.phases.some((r) => r.losses > 0)) problems.push('acknowledged uploads were lost');
    if (report.phases.some((r) => r.duplicates > 0)) problems.push('uploads were duplicated');
    if (report.verify.code !== 0) problems.push(`ooni-pipeline verify exited ${report.verify.code}`);
    if (rejected.length > 0) problems.push(`${rejected.length} uploads got a 4xx, e.g. ${rejected[0]!.rejected}`);
    return { ok: problems.length === 0, table, report, unexpectedExits: [...stack.unexpectedExits], problems };
  } finally {
    await stack.close();
    if (!o.keep && !o.dir) rmSync(dir, { recursive: true, force: true });
  }
}

function printResult(r: ChaosResult): void {
  console.log(r.table);
  console.log(`\nseal:\n${r.report.seal}`);
  console.log(`\nverify (exit ${r.report.verify.code}):\n${r.report.verify.output.split('\n').slice(0, 20).join('\n')}`);
  if (r.report.extraRows)
    console.log(`\n${r.report.extraRows} rows of uploads never acknowledged (a probe gave up after its first attempt was stored): not losses`);
  for (const e of r.unexpectedExits) console.log(`unexpected exit: ${e}`);
  console.log(r.ok ? '\nOK: 0 losses, 0 duplicates' : `\nFAILED: ${r.problems.join('; ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '5' },
      'per-phase': { type: 'string', default: '100' },
      's3-outage': { type: 'string', default: '30' },
      dir: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  runChaos({
    rate: Number(values.rate),
    perPhase: Number(values['per-phase']),
    s3OutageSeconds: Number(values['s3-outage']),
    ...(values.dir ? { dir: values.dir } : {}),
    keep: values.keep,
  }).then(
    (r) => {
      printResult(r);
      process.exit(r.ok ? 0 : 1);
    },
    (err: Error) => {
      console.error(`chaos run failed: ${err.stack ?? err.message}`);
      process.exit(1);
    },
  );
}

export { printResult };
