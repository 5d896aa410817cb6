// OONI's all_as_org_map.json (domain/enrichment/as-history.ts): parsed as ooni/data's asnmeta
// updater reads it (its test's example, §10.4), looked up per day as NetinfoDB `lookup_asn` (§3.2).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asOn, AsOrgMapError, latestChange, parseAsOrgMap } from '../../../domain/enrichment/as-history.ts';
import { lookupAsn, type IpDatabase } from '../../../domain/enrichment/lookup.ts';

// upstream's test_unit_asnmeta_updater input, verbatim
const UPSTREAM = `{"1": [["Level 3 Communications, Inc.", "US", "20040604", "LVLT-1", "ARIN"], ["Level 3 Parent, LLC", "US", "20180220", "LVLT-1", "ARIN"]]}`;

test('parseAsOrgMap: upstream asnmeta example → its two rows (asn 1, org, cc, changed 2004-06-04 / 2018-02-20, aut_name LVLT-1, source ARIN)', () => {
  const h = parseAsOrgMap(JSON.parse(UPSTREAM));
  assert.deepEqual([...h.keys()], [1]);
  assert.deepEqual(h.get(1), [
    { orgName: 'Level 3 Communications, Inc.', cc: 'US', changed: '2004-06-04', autName: 'LVLT-1', source: 'ARIN' },
    { orgName: 'Level 3 Parent, LLC', cc: 'US', changed: '2018-02-20', autName: 'LVLT-1', source: 'ARIN' },
  ]);
  assert.equal(latestChange(h), '2018-02-20');
});

test('asOn: the first record, then forward while changed ≤ day; null day = the newest; name is aut_name (not the change date, §11)', () => {
  const h = parseAsOrgMap(JSON.parse(UPSTREAM));
  const old = { orgName: 'Level 3 Communications, Inc.', cc: 'US', name: 'LVLT-1' };
  const parent = { orgName: 'Level 3 Parent, LLC', cc: 'US', name: 'LVLT-1' };
  assert.deepEqual(asOn(h, 1, '1999-01-01'), old, 'before every record: the first');
  assert.deepEqual(asOn(h, 1, '2018-02-19'), old);
  assert.deepEqual(asOn(h, 1, '2018-02-20'), parent, 'on the change day: the new record');
  assert.deepEqual(asOn(h, 1, '2024-11-01'), parent);
  assert.deepEqual(asOn(h, 1, null), parent);
  assert.equal(asOn(h, 2, '2024-11-01'), undefined);
});

test('lookupAsn over an AS history: 0 and private ASNs as before; a known ASN per day; an unknown one falls back to the organisation table', () => {
  const h = parseAsOrgMap(JSON.parse(UPSTREAM));
  const db: IpDatabase = {
    version: 't',
    record: () => undefined,
    orgName: (n) => ({ 1: 'table name', 15169: 'Google LLC' })[n],
    asOn: (n, d) => asOn(h, n, d),
  };
  assert.deepEqual(lookupAsn(db, 1, '2010-05-05'), { orgName: 'Level 3 Communications, Inc.', cc: 'US', name: 'LVLT-1' });
  assert.deepEqual(lookupAsn(db, 1), { orgName: 'Level 3 Parent, LLC', cc: 'US', name: 'LVLT-1' });
  assert.deepEqual(lookupAsn(db, 15169, '2010-05-05'), { orgName: 'Google LLC', cc: '', name: '' });
  assert.deepEqual(lookupAsn(db, 0, '2010-05-05'), { orgName: 'Unknown', cc: 'ZZ', name: 'Unknown' });
  assert.deepEqual(lookupAsn(db, 65000, '2010-05-05'), { orgName: 'Private use (RFC1930)', cc: 'ZZ', name: 'Private use (RFC1930)' });
});

test('parseAsOrgMap: a file not in the shape → AsOrgMapError naming the ASN and record', () => {
  const bad: [unknown, RegExp][] = [
    [[], /expected an object/],
    [null, /expected an object/],
    [{ AS1: [['o', 'US', '20040604', 'a', 's']] }, /key "AS1" is not an ASN/],
    [{ '01': [['o', 'US', '20040604', 'a', 's']] }, /key "01" is not an ASN/],
    [{ 1: [] }, /ASN 1: expected a non-empty list/],
    [{ 1: [['o', 'US', '20040604', 'a']] }, /ASN 1, record 0: expected \[org_name, cc, changed, aut_name, source\]/],
    [
      {
        1: [
          ['o', 'US', '20040604', 'a', 's'],
          ['o', 'US', 20180220, 'a', 's'],
        ],
      },
      /ASN 1, record 1: expected/,
    ],
    [{ 7: [['o', 'US', '2004-06-04', 'a', 's']] }, /ASN 7, record 0: changed "2004-06-04" is not a YYYYMMDD day/],
    [{ 7: [['o', 'US', '20040231', 'a', 's']] }, /changed "20040231" is not a YYYYMMDD day/],
  ];
  for (const [json, message] of bad)
    assert.throws(
      () => parseAsOrgMap(json),
      (e: unknown) => e instanceof AsOrgMapError && message.test(e.message),
      JSON.stringify(json),
    );
});
