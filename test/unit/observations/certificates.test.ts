// The peer-certificate memo: what it answers is what decoding the text gives, every time.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { leafMeta, peerCertificate } from '../../../domain/observations/certificates.ts';
import { decodeCertificate } from '../../../domain/observations/x509.ts';
import { nodeObservationCrypto } from '../../../lib/observations/crypto.ts';
import { readFixture } from './helpers.ts';

const certs = readFixture('x509', 'expected.json') as unknown as { der: string; san_list: string[] }[];

test('peerCertificate: the DER, its SHA-256 and its leaf metadata, the same on every call', () => {
  for (const { der } of certs.slice(0, 5)) {
    const bytes = new Uint8Array(Buffer.from(der, 'base64'));
    for (let i = 0; i < 2; i++) {
      const c = peerCertificate(nodeObservationCrypto, der);
      assert.deepEqual(c.der, bytes);
      assert.equal(c.fingerprint, createHash('sha256').update(bytes).digest('hex'));
      assert.deepEqual(leafMeta(c), decodeCertificate(bytes));
    }
  }
});

test('peerCertificate: text that is not base64 has no bytes; bytes that are no certificate have no metadata', () => {
  const bad = peerCertificate(nodeObservationCrypto, '@@not base64@@');
  assert.equal(bad.der, null);
  assert.equal(bad.fingerprint, null);
  assert.equal(leafMeta(bad), null);
  const junk = peerCertificate(nodeObservationCrypto, 'AAECAwQ=');
  assert.deepEqual(junk.der, new Uint8Array([0, 1, 2, 3, 4]));
  assert.equal(leafMeta(junk), null);
});

test('leafMeta: the shared metadata cannot be changed by a caller', () => {
  const withSan = certs.find((c) => c.san_list.length > 0)!;
  const meta = leafMeta(peerCertificate(nodeObservationCrypto, withSan.der))!;
  assert.ok(Object.isFrozen(meta) && Object.isFrozen(meta.sanList));
});
