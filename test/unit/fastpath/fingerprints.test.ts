// Fingerprint loading, matching and confirmation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isConfirmed } from '../../../activities/fastpath/fingerprints/confirm.ts';
import { matchFingerprints } from '../../../activities/fastpath/fingerprints/match.ts';
import type { Fingerprint } from '../../../activities/fastpath/index.ts';
import { loadFingerprintsFromCsv } from '../../../activities/fastpath/index.ts';
import { csvFingerprints, snapshotFingerprints } from '../../helpers/unit/fastpath.ts';

const fake = (scope: string, expectedCountries: string[]) => ({ scope, expectedCountries }) as unknown as Fingerprint;

describe('fingerprint lists', () => {
  it('loads the canonical CSVs (226 DNS, 1,729 HTTP) with a version', () => {
    const fps = csvFingerprints();
    assert.equal(fps.dns.length, 226);
    assert.equal(fps.http.length, 1729);
    assert.match(fps.version, /^[0-9a-f]{12}$/);
    assert.deepEqual(Object.keys(fps.http[0]!.full), [
      'name',
      'scope',
      'other_names',
      'location_found',
      'pattern_type',
      'pattern',
      'confidence_no_fp',
      'expected_countries',
    ]);
  });
  it('loads the JSON snapshot (150 DNS, 1,699 HTTP)', () => {
    const fps = snapshotFingerprints();
    assert.equal(fps.dns.length, 150);
    assert.equal(fps.http.length, 1699);
    assert.notEqual(fps.version, csvFingerprints().version);
  });
  it('parses quoted CSV fields with commas, quotes and newlines; rejects unknown scopes', () => {
    const head = 'name,scope,other_names,location_found,pattern_type,pattern,confidence_no_fp,expected_countries,source,exp_url,notes\n';
    const fps = loadFingerprintsFromCsv({ dns: head, http: `${head}a,nat,,body,contains,"x, ""y""\nz",5,"IT,FR",,,\r\n` });
    assert.equal(fps.http[0]!.pattern, 'x, "y"\nz');
    assert.deepEqual(fps.http[0]!.expectedCountries, ['FR', 'IT']);
    assert.throws(() => loadFingerprintsFromCsv({ dns: head, http: `${head}a,bogus,,body,contains,x,5,,,,\n` }));
  });
});

describe('is_confirmed', () => {
  it('matches the upstream vectors', () => {
    assert.equal(isConfirmed('IT', fake('bogus', ['IT'])), true);
    assert.equal(isConfirmed('IT', fake('bogus', ['FR'])), false);
    assert.equal(isConfirmed('ZZ', fake('bogus', ['ZZ'])), false);
    assert.equal(isConfirmed('IT', fake('nat', [])), true);
  });
});

describe('matching', () => {
  const fps = snapshotFingerprints();
  const names = (m: Fingerprint[]) => m.map((f) => f.name);
  it('DNS: TR answer 195.175.254.2 → ooni.tr_6 (full record)', () => {
    const m = matchFingerprints(fps, { probe_cc: 'TR', test_keys: { queries: [{ answers: [{ ipv4: '195.175.254.2' }] }] } });
    assert.deepEqual(names(m), ['ooni.tr_6']);
    assert.equal(m[0]!.full.pattern, '195.175.254.2');
    assert.equal(m[0]!.full.other_names, 'cl.dns_nat_tr_poison');
  });
  it('body: Makluman/Notification → ooni.my_0', () => {
    const m = matchFingerprints(fps, { probe_cc: 'MY', test_keys: { requests: [{ response: { body: 'foo ... Makluman/Notification ... foo' } }] } });
    assert.deepEqual(names(m), ['ooni.my_0']);
  });
  it('no match for an empty request list and for a base64 DNS packet body', () => {
    assert.deepEqual(matchFingerprints(fps, { probe_cc: 'IE', test_keys: { requests: [] } }), []);
    const body = { format: 'base64', data: Buffer.from([0, 1, 2, 3, 0xff]).toString('base64') };
    assert.deepEqual(matchFingerprints(fps, { probe_cc: 'IE', test_keys: { requests: [{ response: { body } }] } }), []);
  });
  it('header prefix on Location (case-insensitive name), base64 value decoded as latin-1', () => {
    const loc = 'http://lamanlabuh.aduankonten.id/';
    const plain = matchFingerprints(fps, { probe_cc: 'ID', test_keys: { requests: [{ response: { headers: { LOCATION: loc } } }] } });
    assert.deepEqual(names(plain), ['ooni.id_lamanlabuh_kominfo']);
    const b64 = { format: 'base64', data: Buffer.from(loc).toString('base64') };
    const decoded = matchFingerprints(fps, { probe_cc: 'ID', test_keys: { requests: [{ response: { headers: { Location: b64 } } }] } });
    assert.deepEqual(names(decoded), ['ooni.id_lamanlabuh_kominfo']);
  });
  it('header "contains" fingerprints are not matched (not implemented upstream)', () => {
    const contains = fps.headers.find((f) => f.patternType === 'contains');
    assert.ok(contains);
    const m = matchFingerprints(fps, {
      probe_cc: 'ZZ',
      test_keys: { requests: [{ response: { headers: { [contains.locationFound.slice(7)]: `x${contains.pattern}x` } } }] },
    });
    assert.ok(!names(m).includes(contains.name));
  });
  it('pattern_type is ignored for bodies: a "full" body pattern matches as a substring', () => {
    const full = fps.body.find((f) => f.patternType === 'full') ?? csvFingerprints().body.find((f) => f.patternType === 'full');
    assert.ok(full);
    const all = full.pattern.length ? csvFingerprints() : fps;
    const m = matchFingerprints(all, { probe_cc: 'ZZ', test_keys: { requests: [{ response: { body: `<<${full.pattern}>>` } }] } });
    assert.ok(names(m).includes(full.name));
  });
});
