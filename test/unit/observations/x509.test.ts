// Leaf certificate metadata against Python cryptography's reading of the same certificates
// (test/fixtures/x509/expected.json, made by the script next to it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeCertificate } from '../../../domain/observations/x509.ts';
import { readFixture } from './helpers.ts';

interface Expected {
  source: string;
  der: string;
  subject: string;
  issuer: string;
  subject_common_name: string;
  issuer_common_name: string;
  san_list: string[];
  not_valid_before: string;
  not_valid_after: string;
}

const expected = readFixture('x509', 'expected.json') as unknown as Expected[];

test('subject/issuer (RFC 4514), CNs, DNS SANs and validity match Python cryptography', () => {
  assert.ok(expected.length >= 20);
  for (const e of expected) {
    const got = decodeCertificate(new Uint8Array(Buffer.from(e.der, 'base64')));
    assert.deepEqual(
      got,
      {
        subject: e.subject,
        subjectCommonName: e.subject_common_name,
        issuer: e.issuer,
        issuerCommonName: e.issuer_common_name,
        sanList: e.san_list,
        notValidBefore: e.not_valid_before,
        notValidAfter: e.not_valid_after,
      },
      e.source,
    );
  }
});

test('a truncated certificate throws (the caller keeps the handshake without metadata)', () => {
  const der = new Uint8Array(Buffer.from(expected[0]!.der, 'base64'));
  assert.throws(() => decodeCertificate(der.subarray(0, der.length >> 1)));
  assert.throws(() => decodeCertificate(new Uint8Array([0x30, 0x03, 0x02, 0x01])));
});
