import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  MEASUREMENT_UID_PATTERN,
  buildMeasurementUid,
  formatUidTime,
  isValidMeasurementUid,
  parseMeasurementUid,
} from '../../../domain/ids/measurement-uid.ts';

const body = new TextEncoder().encode('{"format":"json","content":{}}');
const hash16 = createHash('sha512').update(body).digest('hex').slice(0, 16);

test('formats receive time as YYYYMMDDHHMMSS.ffffff with exact microseconds', () => {
  const micros = BigInt(Date.UTC(2021, 1, 8, 22, 7, 10)) * 1000n + 181572n;
  assert.equal(formatUidTime(micros), '20210208220710.181572');
  assert.equal(formatUidTime(BigInt(Date.UTC(2021, 0, 1)) * 1000n + 1n), '20210101000000.000001');
});

test('builds <ts>_<CC>_<testname>_<16 hex of sha512(body)>', () => {
  const micros = BigInt(Date.UTC(2021, 1, 8, 22, 7, 10)) * 1000n + 181572n;
  const uid = buildMeasurementUid({ receivedAtMicros: micros, cc: 'IE', testName: 'web_connectivity', body });
  assert.equal(uid, `20210208220710.181572_IE_webconnectivity_${hash16}`);
  assert.match(uid, /\d{14}\.\d+_IE_webconnectivity_[0-9a-f]{16}/);
  assert.ok(MEASUREMENT_UID_PATTERN.test(uid));
});

test('parses a uid back into receive time, cc, test name, hash', () => {
  const p = parseMeasurementUid('20210208220710.181572_MA_ndt_7888edc7748936bf');
  assert.ok(p);
  assert.equal(p.receivedAtMicros, BigInt(Date.UTC(2021, 1, 8, 22, 7, 10)) * 1000n + 181572n);
  assert.equal(p.receivedAt.toISOString(), '2021-02-08T22:07:10.181Z');
  assert.equal(p.cc, 'MA');
  assert.equal(p.testName, 'ndt');
  assert.equal(p.hash, '7888edc7748936bf');
});

test('strict validator rejects anything that must not reach an S3 key', () => {
  const bad = [
    '20210208220710.181572_ma_ndt_7888edc7748936bf', // lower-case CC
    '20210208220710.181572_M1_ndt_7888edc7748936bf',
    '20210208220710.181572_MA_Ndt_7888edc7748936bf',
    '20210208220710.181572_MA_web_connectivity_7888edc7748936bf',
    '20210208220710.181572_MA_n_7888edc7748936bf', // 1 char test name
    `20210208220710.181572_MA_${'a'.repeat(31)}_7888edc7748936bf`,
    '20210208220710.181572_MA_ndt_7888edc7748936b', // 15 hex
    '20210208220710.181572_MA_ndt_7888EDC7748936bf',
    '20210208220710.18157_MA_ndt_7888edc7748936bf',
    '20211308220710.181572_MA_ndt_7888edc7748936bf', // month 13
    '20210230220710.181572_MA_ndt_7888edc7748936bf', // Feb 30
    '20210208240710.181572_MA_ndt_7888edc7748936bf', // hour 24
    '20210208220710.181572_MA_ndt_7888edc7748936bf\n',
    '../20210208220710.181572_MA_ndt_7888edc7748936bf',
    '',
  ];
  for (const uid of bad) assert.equal(isValidMeasurementUid(uid), false, uid);
  assert.ok(isValidMeasurementUid(`20210208220710.181572_MA_${'a'.repeat(30)}_7888edc7748936bf`));
});

test('property: build then parse round-trips and uids sort by receive time', () => {
  const from = Date.UTC(2000, 0, 1) * 1000;
  const to = Date.UTC(2099, 11, 31) * 1000;
  fc.assert(
    fc.property(
      fc.bigInt({ min: BigInt(from), max: BigInt(to) }),
      fc.bigInt({ min: BigInt(from), max: BigInt(to) }),
      fc.uint8Array({ maxLength: 64 }),
      (a, b, bytes) => {
        const ua = buildMeasurementUid({ receivedAtMicros: a, cc: 'IT', testName: 'ndt', body: bytes });
        const ub = buildMeasurementUid({ receivedAtMicros: b, cc: 'IT', testName: 'ndt', body: bytes });
        assert.equal(parseMeasurementUid(ua)?.receivedAtMicros, a);
        assert.equal(Math.sign(Number(a - b)), Math.sign(ua < ub ? -1 : ua > ub ? 1 : 0));
      },
    ),
  );
});
