// The pure OONI Run rules: when an edit makes a revision, expiration, the nettest cross-field
// checks and how many prioritised URLs a probe gets (facts from OONI's oonirun service and tests).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isKnownTargetsName, prioritisedUrlLimit } from '../../../domain/oonirun/dynamic-targets.ts';
import { defaultExpiration, isExpired, toSeconds } from '../../../domain/oonirun/expiration.ts';
import { nettestProblem, type Nettest } from '../../../domain/oonirun/nettest.ts';
import { nettestsChanged, revisionAfterEdit } from '../../../domain/oonirun/revision.ts';

const wc = (over: Partial<Nettest> = {}): Nettest => ({
  test_name: 'web_connectivity',
  inputs: ['https://example.com/', 'https://ooni.org/'],
  inputs_extra: null,
  options: { HTTP3Enabled: true },
  is_background_run_enabled_default: false,
  is_manual_run_enabled_default: false,
  targets_name: null,
  ...over,
});

test('a revision only when the nettests change', () => {
  const latest = [wc(), wc({ test_name: 'dnscheck', inputs: [], options: {} })];
  assert.equal(revisionAfterEdit(3, latest, structuredClone(latest)), 3);
  // the same options with keys in another order are the same nettests
  assert.equal(revisionAfterEdit(3, [wc({ options: { a: 1, b: { c: [1, 2] } } })], [wc({ options: { b: { c: [1, 2] }, a: 1 } })]), 3);
  const changes: Nettest[][] = [
    [wc({ inputs: ['https://example.com/', 'https://ooni.org/', 'https://foo.net/'] }), latest[1]!],
    [wc({ inputs: ['https://ooni.org/', 'https://example.com/'] }), latest[1]!],
    [latest[1]!, wc()],
    [wc()],
    [wc({ options: { HTTP3Enabled: false } }), latest[1]!],
    [wc({ is_manual_run_enabled_default: true }), latest[1]!],
    [wc({ inputs: null, targets_name: 'websites_list_prioritized' }), latest[1]!],
    [wc(), { ...latest[1]!, inputs: null }],
    [wc({ inputs_extra: [{}, {}] }), latest[1]!],
  ];
  for (const requested of changes) {
    assert.ok(nettestsChanged(latest, requested), JSON.stringify(requested));
    assert.equal(revisionAfterEdit(3, latest, requested), 4);
  }
});

test('links expire six months (180 days) after creation, counted in whole seconds', () => {
  const now = new Date('2024-01-15T12:00:00.789Z');
  assert.equal(toSeconds(now).toISOString(), '2024-01-15T12:00:00.000Z');
  assert.equal(defaultExpiration(now).toISOString(), '2024-07-13T12:00:00.000Z');
  const exp = new Date('2024-01-15T12:00:00Z');
  assert.equal(isExpired(exp, new Date('2024-01-15T11:59:59.999Z')), false);
  assert.equal(isExpired(exp, new Date('2024-01-15T12:00:00.999Z')), false);
  assert.equal(isExpired(exp, new Date('2024-01-15T12:00:01Z')), true);
});

test('inputs_extra pairs with inputs; targets_name excludes both', () => {
  assert.equal(nettestProblem(wc()), null);
  assert.equal(nettestProblem(wc({ inputs_extra: [{ provider: 'riseupvpn' }, { provider: 'riseupvpn' }] })), null);
  assert.equal(nettestProblem(wc({ inputs: null, targets_name: 'websites_list_prioritized' })), null);
  assert.match(nettestProblem(wc({ inputs_extra: [{ provider: 'riseupvpn' }] }))!, /same length as inputs/);
  assert.match(nettestProblem(wc({ inputs: null, inputs_extra: [] }))!, /same length as inputs/);
  assert.match(nettestProblem(wc({ targets_name: 'example_name' }))!, /can't provide inputs/);
  assert.match(nettestProblem(wc({ inputs: [], inputs_extra: [], targets_name: 'example_name' }))!, /can't provide inputs/);
  assert.match(nettestProblem(wc({ inputs: null, inputs_extra: [{}, {}], targets_name: 'example_name' }))!, /same length|can't provide/);
});

test('prioritised URL count by run type and charging, as OONI', () => {
  assert.equal(prioritisedUrlLimit({ run_type: 'manual', is_charging: false }), 9999);
  assert.equal(prioritisedUrlLimit({ run_type: 'manual', is_charging: true }), 9999);
  assert.equal(prioritisedUrlLimit({ run_type: 'timed', is_charging: true }), 100);
  assert.equal(prioritisedUrlLimit({ run_type: 'timed', is_charging: false }), 20);
  assert.ok(isKnownTargetsName('websites_list_prioritized'));
  assert.ok(!isKnownTargetsName('example_name'));
});
