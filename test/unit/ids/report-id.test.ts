import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkSubmittedReportId,
  formatReportIdTime,
  generateReportId,
  isValidReportIdForLookup,
  normaliseProbeAsn,
  normaliseProbeCc,
  normaliseTestName,
  reportIdRandomPart,
} from '../../../domain/ids/report-id.ts';

const now = new Date('2021-02-08T16:27:55.123Z');
const bytes = (fill: number) => () => new Uint8Array(12).fill(fill);

test('formats the timestamp as YYYYMMDDTHHMMSSZ in UTC', () => {
  assert.equal(formatReportIdTime(now), '20210208T162755Z');
});

test('random part: base64 of 12 bytes with + and / replaced by o, 16 chars', () => {
  assert.equal(reportIdRandomPart(bytes(0xff)), 'oooooooooooooooo'); // 0xff… is "////…" in base64
  assert.equal(reportIdRandomPart(bytes(0xfb)), 'oov7oov7oov7oov7'); // "+/v7"
  assert.equal(reportIdRandomPart(bytes(0)), 'AAAAAAAAAAAAAAAA');
  const r = reportIdRandomPart(() => Uint8Array.from([0xff, 0xef, 0xbe, 0, 1, 2, 3, 4, 5, 6, 7, 8]));
  assert.match(r, /^[A-Za-z0-9]{16}$/);
  assert.throws(() => reportIdRandomPart(() => new Uint8Array(5)));
});

test('generates the OONI shape; web_connectivity with a 5-digit ASN and n1 is 61 chars', () => {
  const id = generateReportId({ now, testName: 'web_connectivity', probeCc: 'IT', probeAsn: 30722, collectorId: 1, random: bytes(7) });
  assert.match(id, /^20210208T162755Z_webconnectivity_IT_30722_n1_[A-Za-z0-9]{16}$/);
  assert.equal(id.length, 61);
  const ndt = generateReportId({ now, testName: 'NDT', probeCc: 'DZ', probeAsn: 36947, collectorId: 0, random: bytes(1) });
  assert.match(ndt, /^20210208T162755Z_ndt_DZ_36947_n0_/);
});

test('normalises CC: upper case, underscores removed, ZZ unless 2 chars', () => {
  assert.equal(normaliseProbeCc('it'), 'IT');
  assert.equal(normaliseProbeCc('I_t'), 'IT');
  assert.equal(normaliseProbeCc('ITA'), 'ZZ');
  assert.equal(normaliseProbeCc(''), 'ZZ');
  assert.equal(normaliseProbeCc(undefined), 'ZZ');
  assert.equal(normaliseProbeCc(42), 'ZZ');
});

test('normalises ASN: AS prefix, 3..12 chars (32-bit ASNs), else 0', () => {
  assert.equal(normaliseProbeAsn('AS30722'), 30722);
  assert.equal(normaliseProbeAsn('as30722'), 30722);
  assert.equal(normaliseProbeAsn('AS4294967295'), 4294967295);
  assert.equal(normaliseProbeAsn('AS42949672950'), 0); // 13 chars
  assert.equal(normaliseProbeAsn('30722'), 0);
  assert.equal(normaliseProbeAsn('AS'), 0);
  assert.equal(normaliseProbeAsn('ASx1'), 0);
  assert.equal(normaliseProbeAsn(null), 0);
});

test('normalises the test name to lower case', () => {
  assert.equal(normaliseTestName('Web_Connectivity'), 'web_connectivity');
  assert.equal(normaliseTestName(undefined), '');
});

test('submit-side check accepts a generated id and returns its parts', () => {
  const id = generateReportId({ now, testName: 'web_connectivity', probeCc: 'IT', probeAsn: 4200000000, collectorId: 1, random: bytes(9) });
  assert.deepEqual(checkSubmittedReportId(id), { kind: 'ok', cc: 'IT', asn: 4200000000, testName: 'webconnectivity' });
});

test('submit-side check: ASN 0 and CC ZZ (any case) are discards', () => {
  assert.deepEqual(checkSubmittedReportId('20210208T162755Z_ndt_IT_0_n1_abcdefghijklmnop'), { kind: 'discard', reason: 'asn_0' });
  assert.deepEqual(checkSubmittedReportId('20210208T162755Z_ndt_ZZ_123_n1_abcdefghijklmnop'), { kind: 'discard', reason: 'cc_zz' });
  assert.deepEqual(checkSubmittedReportId('20210208T162755Z_ndt_zz_123_n1_abcdefghijklmnop'), { kind: 'discard', reason: 'cc_zz' });
});

test('submit-side check: lower-case CC is accepted as written', () => {
  assert.deepEqual(checkSubmittedReportId('20210208T162755Z_ndt_it_123_n1_x'), { kind: 'ok', cc: 'it', asn: 123, testName: 'ndt' });
});

test('submit-side check rejects wrong shapes', () => {
  const bad = [
    '',
    '20210208T162755Z_ndt_IT_123_n1', // 5 parts
    '20210208T162755Z_ndt_IT_123_n1_abc_def', // 7 parts
    '20210208T162755Z_ndt_ITA_123_n1_abc', // CC length 3
    '20210208T162755Z_ndt_I_123_n1_abc',
    '20210208T162755Z_n_IT_123_n1_abc', // test name 1 char
    `20210208T162755Z_${'a'.repeat(30)}_IT_123_n1_abc`, // 30 chars
    '20210208T162755Z_web-conn_IT_123_n1_abc', // bad chars
    '20210208T162755Z_ndt_IT_AS123_n1_abc', // ASN not int
    '20210208T162755Z_ndt_IT__n1_abc',
    '20190720T201820Z_AS20115_4wkx', // collector era
  ];
  for (const id of bad) assert.equal(checkSubmittedReportId(id).kind, 'error', id);
  assert.equal(checkSubmittedReportId(`20210208T162755Z_${'a'.repeat(29)}_IT_123_n1_abc`).kind, 'ok');
});

test('read-side validator: length 15..100, [A-Za-z0-9_] only', () => {
  assert.ok(isValidReportIdForLookup('20210208T162755Z_ndt_DZ_36947_n1_8swgXi7xNuRUyO9a'));
  assert.ok(isValidReportIdForLookup('20190720T201820Z_AS20115_4wkxabc'));
  assert.ok(isValidReportIdForLookup('a'.repeat(15)));
  assert.ok(isValidReportIdForLookup('a'.repeat(100)));
  assert.ok(!isValidReportIdForLookup('a'.repeat(14)));
  assert.ok(!isValidReportIdForLookup('a'.repeat(101)));
  assert.ok(!isValidReportIdForLookup('20210208T162755Z_ndt/../x'));
  assert.ok(!isValidReportIdForLookup('20210208T162755Z-ndt-DZ-1'));
  assert.ok(!isValidReportIdForLookup('20210208T162755Z_ndt é'));
});
