// The schedule list: every job declared once, applied idempotently, listed and triggerable.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { listSchedules } from '../../cli/commands/schedules.ts';
import { applySchedules } from '../../schedules/apply.ts';
import { scheduleDefinitions } from '../../schedules/definitions.ts';
import { uniqueSuffix } from '../helpers/env.ts';
import { connectTestEnvironment, uniqueTaskQueue } from '../helpers/temporal.ts';

let env: TestWorkflowEnvironment;
const prefix = `a${uniqueSuffix()}-`;
const config = { SEAL_INTERVAL_MINUTES: 60, COLLECTOR_ID: '0', TEMPORAL_TASK_QUEUE: uniqueTaskQueue('schedules-apply') };

before(async () => {
  env = await connectTestEnvironment();
});
after(async () => {
  for (const d of scheduleDefinitions(config))
    await env.client.schedule
      .getHandle(`${prefix}${d.id}`)
      .delete()
      .catch(() => {});
  await env?.teardown();
});

test('one list declares every schedule: seal, sweeper and the analysis jobs', () => {
  const defs = scheduleDefinitions(config);
  assert.deepEqual(
    defs.map((d) => d.id),
    [
      'seal-archive',
      'v5-analysis',
      'sweep-incoming',
      'citizenlab-import',
      'url-prioritisation',
      'fingerprints-refresh',
      'counters-refresh',
      'retention',
      'slow-queries',
      'fastpath-export',
    ],
  );
  assert.equal(new Set(defs.map((d) => d.workflowType)).size, defs.length);
});

test('applying twice changes nothing; a changed definition updates in place', async () => {
  const ids = await applySchedules(env.client, config, { idPrefix: prefix });
  assert.equal(ids.length, scheduleDefinitions(config).length);
  const snapshot = async () =>
    Promise.all(
      ids.map(async (id) => {
        const d = await env.client.schedule.getHandle(id).describe();
        return {
          id,
          token: String(d.raw.conflictToken ? Buffer.from(d.raw.conflictToken).toString('hex') : ''),
          updated: d.info.lastUpdatedAt?.toISOString() ?? null,
          spec: d.spec,
          action: d.action,
          overlap: d.policies.overlap,
        };
      }),
    );
  const first = await snapshot();
  assert.deepEqual(await applySchedules(env.client, config, { idPrefix: prefix }), ids);
  assert.deepEqual(await snapshot(), first);

  await applySchedules(env.client, { ...config, SEAL_INTERVAL_MINUTES: 15 }, { idPrefix: prefix });
  const after = await snapshot();
  const seal = after.find((s) => s.id === `${prefix}seal-archive`)!;
  assert.equal(seal.spec.intervals?.[0]?.every, 15 * 60_000);
  assert.notEqual(seal.token, first.find((s) => s.id === `${prefix}seal-archive`)!.token);
  // the others are untouched
  for (const s of after.filter((x) => x.id !== `${prefix}seal-archive`))
    assert.deepEqual(
      s,
      first.find((f) => f.id === s.id),
    );

  const listed = await listSchedules(env.client, ids);
  assert.deepEqual(
    listed.map((l) => l.id),
    ids,
  );
  for (const l of listed) {
    assert.equal(l.lastRun, null);
    assert.ok(l.nextRun && Date.parse(l.nextRun) > Date.now() - 1000, `${l.id} has a next run`);
  }
  const sweep = listed.find((l) => l.id === `${prefix}sweep-incoming`)!;
  assert.equal(sweep.workflowType, 'sweepIncomingWorkflow');
});
