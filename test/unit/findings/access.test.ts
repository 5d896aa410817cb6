// Who sees and changes which finding, and what each viewer is shown of it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ANONYMOUS, createProblem, ownerFilter, seesUnpublished, userWriteProblem } from '../../../domain/findings/access.ts';
import { renderFinding, renderFindingWithText, type StoredFinding } from '../../../domain/findings/render.ts';
import { FINDING_PUBLIC_KEYS } from '../../helpers/unit/findings.ts';

const ROW: StoredFinding = {
  id: '1234503',
  slug: '2024-x',
  createTime: '2024-07-01T10:00:00.000000Z',
  updateTime: '2024-07-02T10:00:00.000000Z',
  startTime: '2024-06-01T00:00:00.000000Z',
  endTime: null,
  creatorAccountId: 'acct-owner',
  title: 'x',
  shortDescription: 'd',
  text: 'body',
  reportedBy: 'r',
  emailAddress: 'owner@example.org',
  eventType: 'incident',
  published: true,
  countryCodes: ['IT'],
  asns: [1234],
  domains: ['a.example'],
  themes: ['im'],
  tags: ['t'],
  links: ['https://x.example'],
  testNames: ['web_connectivity'],
};
const PUBLIC_KEYS = [...FINDING_PUBLIC_KEYS];

test('anonymous viewers see published findings only; any session sees all', () => {
  assert.equal(seesUnpublished(ANONYMOUS), false);
  assert.equal(seesUnpublished({ accountId: 'a', role: 'user' }), true);
  assert.equal(seesUnpublished({ accountId: 'a', role: 'admin' }), true);
});

test('email_address only for admins (the owning user gets "" too); mine for the creator; creator_account_id always ""', () => {
  const owner = renderFindingWithText(ROW, { accountId: 'acct-owner', role: 'user' });
  assert.deepEqual(Object.keys(owner).sort(), [...PUBLIC_KEYS].sort());
  assert.equal(owner.email_address, '');
  assert.equal(owner.mine, true);
  assert.equal(owner.creator_account_id, '');
  const admin = renderFindingWithText(ROW, { accountId: 'acct-admin', role: 'admin' });
  assert.equal(admin.email_address, 'owner@example.org');
  assert.equal(admin.mine, false);
  const anon = renderFinding(ROW, ANONYMOUS);
  assert.deepEqual(Object.keys(anon).sort(), PUBLIC_KEYS.filter((k) => k !== 'text').sort());
  assert.equal(anon.email_address, '');
  assert.equal(anon.mine, false);
  assert.deepEqual(
    { ASNs: anon.ASNs, CCs: anon.CCs, start_time: anon.start_time, end_time: anon.end_time, published: anon.published },
    { ASNs: [1234], CCs: ['IT'], start_time: '2024-06-01T00:00:00.000000Z', end_time: null, published: true },
  );
});

test('create: the admin puts their own address; update/delete by a user: own address, no publishing', () => {
  assert.equal(createProblem('admin@example.org', 'admin@example.org'), null);
  assert.equal(createProblem('Admin@Example.org', 'admin@example.org'), null);
  assert.equal(createProblem('', 'admin@example.org'), 'creator_email');
  assert.equal(createProblem('admin@example.org', null), 'creator_email');
  assert.equal(userWriteProblem('admin', 'anyone@example.org', null, true), null);
  assert.equal(userWriteProblem('user', 'me@example.org', 'me@example.org', false), null);
  assert.equal(userWriteProblem('user', '', 'me@example.org', false), 'email_not_yours');
  assert.equal(userWriteProblem('user', 'me@example.org', 'me@example.org', true), 'publish_forbidden');
  assert.equal(ownerFilter({ accountId: 'u', role: 'user' }), 'u');
  assert.equal(ownerFilter({ accountId: 'a', role: 'admin' }), null);
});
