// Runs open during an upgrade: histories of the measurement workflow recorded at an earlier version
// (four steps: test/fixtures/workflow-histories/README.md) replay under today's code without a
// determinism error, and take the old branch of the `one-store-step` patch. No server needed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../helpers/temporal.ts';

const FIXTURES = new URL('../fixtures/workflow-histories/', import.meta.url);

for (const name of ['measurement-scored', 'measurement-rejected']) {
  test(`a ${name.split('-')[1]} run recorded before the one-store-step patch replays under today's workflow code`, async () => {
    const history = proto.temporal.api.history.v1.History.decode(readFileSync(new URL(`${name}.binpb`, FIXTURES)));
    const types = history.events.map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name).filter(Boolean);
    assert.ok(types.length > 0, 'the recorded history has the old shape (regular activities)');
    assert.ok(!types.includes('storeMeasurement'), 'recorded before the patch');
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, name);
  });
}
