import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IpDatabase } from '../../../domain/enrichment/lookup.ts';
import { enrichIp, enrichmentMemo } from '../../../domain/enrichment/memo.ts';

/** A database that knows 8.8.8.8 and counts its record() calls. */
function countingDb(): IpDatabase & { calls: number } {
  const db = {
    version: 'test',
    calls: 0,
    record(ip: { version: number; value: number | bigint }) {
      db.calls++;
      return ip.version === 4 && ip.value === 0x08080808 ? { cc: 'US', asn: 15169, asOrgName: 'Google LLC' } : undefined;
    },
    orgName: () => undefined,
  };
  return db;
}

test('enrichIp: lookup_ip and is_ip_bogon of the address, asked of the database once', () => {
  const db = countingDb();
  const memo = enrichmentMemo(db);
  const google = { cc: 'US', asn: 15169, asOrgName: 'Google LLC', asCc: '', asName: '', bogon: false };
  assert.deepEqual(enrichIp(db, memo, '8.8.8.8'), google);
  assert.deepEqual(enrichIp(db, memo, '8.8.8.8'), google);
  assert.equal(db.calls, 1);
  assert.deepEqual(enrichIp(db, memo, '10.0.0.1'), { cc: 'ZZ', asn: 64666, asOrgName: 'Bogon', asCc: 'ZZ', asName: '', bogon: true });
  assert.deepEqual(enrichIp(db, memo, '1.1.1.1'), { cc: 'ZZ', asn: 0, asOrgName: '', asCc: '', asName: '', bogon: false });
  assert.deepEqual(enrichIp(db, memo, 'scrubbed'), { cc: 'ZZ', asn: 0, asOrgName: '', asCc: '', asName: '', bogon: false });
  // a shared value cannot be changed by one row's builder under another's feet
  assert.ok(Object.isFrozen(enrichIp(db, memo, '8.8.8.8')));
});

test('enrichmentMemo: one memo per database object (two databases never share answers)', () => {
  const a = countingDb();
  const b = { ...countingDb(), record: () => ({ cc: 'IT', asn: 3269 }) };
  assert.equal(enrichmentMemo(a), enrichmentMemo(a));
  assert.notEqual(enrichmentMemo(a), enrichmentMemo(b));
  assert.equal(enrichIp(a, enrichmentMemo(a), '5.5.5.5').asn, 0);
  assert.equal(enrichIp(b, enrichmentMemo(b), '5.5.5.5').asn, 3269);
});
