// The IP databases as lib/enrichment loads them: the packaged default answers known addresses as
// the package's own CSV lines say (test/fixtures/enrichment/asn-rows.csv, checked by hand), and
// ENRICHMENT_MMDB reads an OONI-style ip2country-as MMDB (the fixture written with mmdbwriter).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { lookupAsn, lookupIp } from '../../domain/enrichment/lookup.ts';
import { ipDatabase } from '../../lib/enrichment/index.ts';

const FIXTURES = new URL('../fixtures/enrichment/', import.meta.url);
const MMDB = fileURLToPath(new URL('ooni-style.mmdb', FIXTURES));

/** `first,last,asn,org` lines copied from @ip-location-db/asn (quoted org names unquoted by hand below). */
const PACKAGE_ROWS = readFileSync(new URL('asn-rows.csv', FIXTURES), 'utf8').trim().split('\n');

test('default database: known addresses → the ASN and organisation of their package line, and the country', async () => {
  const db = await ipDatabase(undefined);
  assert.match(db.version, /^ip-location-db\/asn@\d+\.\d+\.\d+\+ip-location-db\/geo-whois-asn-country-mmdb@\d+\.\d+\.\d+$/);
  assert.equal(PACKAGE_ROWS.length, 4);
  assert.ok(PACKAGE_ROWS.includes('8.8.8.0,8.8.8.255,15169,Google LLC'));
  assert.ok(PACKAGE_ROWS.includes('1.1.1.0,1.1.1.255,13335,"Cloudflare, Inc."'));
  assert.ok(PACKAGE_ROWS.includes('151.99.0.0,151.99.194.255,3269,Telecom Italia S.p.A.'));
  assert.ok(PACKAGE_ROWS.includes('2001:4860::,2001:4860:4804:ffff:ffff:ffff:ffff:ffff,15169,Google LLC'));
  assert.deepEqual(lookupIp(db, '8.8.8.8'), { cc: 'US', asn: 15169, asOrgName: 'Google LLC', asCc: '', asName: '' });
  assert.deepEqual(lookupIp(db, '8.8.8.255'), { cc: 'US', asn: 15169, asOrgName: 'Google LLC', asCc: '', asName: '' });
  assert.equal(lookupIp(db, '1.1.1.1').asn, 13335);
  assert.equal(lookupIp(db, '1.1.1.1').asOrgName, 'Cloudflare, Inc.');
  assert.deepEqual(lookupIp(db, '151.99.1.1'), { cc: 'IT', asn: 3269, asOrgName: 'Telecom Italia S.p.A.', asCc: '', asName: '' });
  assert.deepEqual(lookupIp(db, '2001:4860:4860::8888'), { cc: 'US', asn: 15169, asOrgName: 'Google LLC', asCc: '', asName: '' });
  assert.deepEqual(lookupIp(db, '192.168.1.1'), { cc: 'ZZ', asn: 64666, asOrgName: 'Bogon', asCc: 'ZZ', asName: '' });
  assert.deepEqual(lookupAsn(db, 15169), { orgName: 'Google LLC', cc: '', name: '' });
  assert.deepEqual(lookupAsn(db, 0), { orgName: 'Unknown', cc: 'ZZ', name: 'Unknown' });
});

test('default database: loaded once per process, the same promise for every caller', () => {
  assert.equal(ipDatabase(undefined), ipDatabase(undefined));
});

test('ENRICHMENT_MMDB: records from the MMDB (asn, organisation, AS country and name, country); ASN names still from the package', async () => {
  const db = await ipDatabase(MMDB);
  assert.match(db.version, /^mmdb:ooni-style\.mmdb@\d{4}-\d{2}-\d{2}\+ip-location-db\/asn@/);
  assert.deepEqual(lookupIp(db, '8.8.8.8'), { cc: 'CA', asn: 64500, asOrgName: 'Example Resolver Org', asCc: 'CA', asName: 'TEST-CA' });
  assert.deepEqual(lookupIp(db, '151.99.200.1'), { cc: 'IT', asn: 64501, asOrgName: 'Example Italian ISP', asCc: 'IT', asName: 'TEST-IT' });
  assert.deepEqual(lookupIp(db, '2001:4860:4860::8888'), { cc: 'DE', asn: 64502, asOrgName: 'Example IPv6 Org', asCc: 'DE', asName: 'TEST-DE' });
  // not in the MMDB → unknown, never nothing; bogons before any lookup
  assert.deepEqual(lookupIp(db, '1.1.1.1'), { cc: 'ZZ', asn: 0, asOrgName: '', asCc: '', asName: '' });
  assert.equal(lookupIp(db, '10.0.0.1').asn, 64666);
  assert.equal(db.orgName(15169), 'Google LLC');
});

test('ENRICHMENT_MMDB naming no readable MMDB: the load fails, and is tried again by the next caller', async () => {
  const missing = fileURLToPath(new URL('no-such.mmdb', FIXTURES));
  await assert.rejects(ipDatabase(missing));
  const again = ipDatabase(missing);
  await assert.rejects(again);
  await assert.rejects(ipDatabase(fileURLToPath(new URL('README.md', FIXTURES))));
});

const AS_ORG_MAP = fileURLToPath(new URL('all_as_org_map.json', FIXTURES));

test('ENRICHMENT_AS_ORG_MAP: AS history over the IP data (per day, newest for names), its date in the version; the IP data loaded once for both', async () => {
  const plain = await ipDatabase(undefined);
  const db = await ipDatabase(undefined, AS_ORG_MAP);
  assert.equal(db.version, `${plain.version}+asorg:all_as_org_map.json@2022-03-15`);
  assert.deepEqual(lookupAsn(db, 1, '2010-01-01'), { orgName: 'Level 3 Communications, Inc.', cc: 'US', name: 'LVLT-1' });
  assert.deepEqual(lookupAsn(db, 64510, '2021-12-31'), { orgName: 'Example Telecom Before', cc: 'IT', name: 'EXAMPLE-OLD' });
  assert.deepEqual(lookupAsn(db, 64510, '2022-03-15'), { orgName: 'Example Telecom After', cc: 'CH', name: 'EXAMPLE-NEW' });
  assert.equal(db.orgName(1), 'Level 3 Parent, LLC');
  // an ASN the file does not know keeps the packaged answer; IP records are the packaged ones
  assert.deepEqual(lookupAsn(db, 15169, '2010-01-01'), { orgName: 'Google LLC', cc: '', name: '' });
  assert.deepEqual(lookupIp(db, '8.8.8.8'), lookupIp(plain, '8.8.8.8'));
  assert.equal(ipDatabase(undefined, AS_ORG_MAP), ipDatabase(undefined, AS_ORG_MAP));
  // over ENRICHMENT_MMDB too
  const mmdb = await ipDatabase(MMDB, AS_ORG_MAP);
  assert.match(mmdb.version, /^mmdb:ooni-style\.mmdb@.*\+asorg:all_as_org_map\.json@2022-03-15$/);
  assert.equal(lookupIp(mmdb, '8.8.8.8').asn, 64500);
});

test('ENRICHMENT_AS_ORG_MAP naming a missing or malformed file: the load fails with the path and reason, and is tried again', async () => {
  const missing = fileURLToPath(new URL('no-such.json', FIXTURES));
  await assert.rejects(ipDatabase(undefined, missing), /ENOENT/);
  await assert.rejects(ipDatabase(undefined, missing), /ENOENT/);
  const notJson = fileURLToPath(new URL('README.md', FIXTURES));
  await assert.rejects(
    ipDatabase(undefined, notJson),
    (e: Error) => e.name === 'AsOrgMapError' && e.message.startsWith(`ENRICHMENT_AS_ORG_MAP ${notJson}: not JSON`),
  );
  const wrongShape = fileURLToPath(new URL('asn-rows.csv', FIXTURES));
  await assert.rejects(ipDatabase(undefined, wrongShape), /ENRICHMENT_AS_ORG_MAP .*asn-rows\.csv: not JSON/);
  // the packaged data itself is unharmed by the failed layers
  assert.equal(lookupIp(await ipDatabase(undefined), '8.8.8.8').asn, 15169);
});

test('§10.4 NetinfoDB facts the packaged data can hold: the organisations of AS3737, AS35612, AS15169 and the AS of 172.253.255.34', async () => {
  // upstream asserts these on OONI's 2021-01-01 database; its AS countries (US, IT, US) are not in the
  // packaged data (cc ""), and its country of 172.253.255.34 (CA) is that day's, not today's
  const db = await ipDatabase(undefined);
  assert.equal(lookupAsn(db, 3737, '2021-01-01').orgName, 'PenTeleData Inc.');
  assert.equal(lookupAsn(db, 35612, '2021-01-01').orgName, 'EOLO S.p.A.');
  assert.equal(lookupAsn(db, 15169, '2021-01-01').orgName, 'Google LLC');
  const ip = lookupIp(db, '172.253.255.34');
  assert.deepEqual([ip.asn, ip.asOrgName], [15169, 'Google LLC']);
});
