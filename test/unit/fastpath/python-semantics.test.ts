// Vectors for the Python behaviours the port reproduces (reference §7 and upstream unit tests).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { b64decode } from '../../../activities/fastpath/py/base64.ts';
import { Base64Error } from '../../../activities/fastpath/py/errors.ts';
import { netloc } from '../../../activities/fastpath/py/urlparse.ts';
import { compareVersions, parseVersion } from '../../../activities/fastpath/py/version.ts';
import { parseStartTime, formatDateTime } from '../../../activities/fastpath/py/strptime.ts';
import { dumpValue, floatRepr } from '../../../activities/fastpath/py/ujson.ts';
import { serializeScores, initScores } from '../../../activities/fastpath/scores.ts';
import { pyStr } from '../../../activities/fastpath/py/repr.ts';
import { intFromStr, toFloat } from '../../../activities/fastpath/py/numbers.ts';
import { extractExpectedCountries, generateUid } from '../../../activities/fastpath/index.ts';

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('base64 (lenient Python decoder)', () => {
  it('decodes the reference vectors', () => {
    for (const s of ['aGk=', 'aGk==', 'aGk=x', 'a G k =', 'aGk*=', 'aGk=aGk=']) assert.equal(text(b64decode(s)), 'hi', s);
    assert.equal(text(b64decode('aG==')), 'h');
    assert.equal(text(b64decode('aGkh!')), 'hi!');
    assert.equal(text(b64decode('====')), '');
    assert.equal(text(b64decode('')), '');
  });
  it('raises binascii.Error on bad padding', () => {
    for (const s of ['aGk', 'aG', 'a']) assert.throws(() => b64decode(s), Base64Error, s);
  });
  it('non-ASCII input is a ValueError, not a binascii.Error', () => {
    assert.throws(
      () => b64decode('aGk=é'),
      (e: Error) => !(e instanceof Base64Error),
    );
  });
});

describe('urlparse().netloc', () => {
  const vectors: [string, string][] = [
    ['http://x.org', 'x.org'],
    ['https://User@Example.com:8443/p', 'User@Example.com:8443'],
    ['HTTP://X.ORG', 'X.ORG'],
    ['http://[::1]:80/', '[::1]:80'],
    ['vpn://openvpn.riseup/?addr=1', 'openvpn.riseup'],
    ['//foo.com/bar', 'foo.com'],
    ['109.105.109.165:22', ''],
    ['obfs4 83.212.101.3:50000', ''],
    ['google.com', ''],
    ['stun.l.google.com:19302', ''],
    ['', ''],
  ];
  for (const [input, want] of vectors) it(JSON.stringify(input), () => assert.equal(netloc(input), want));
  it('unbalanced brackets raise', () => assert.throws(() => netloc('http://[::1/')));
});

describe('PEP 440 versions', () => {
  const lt = (a: string, b: string) => compareVersions(parseVersion(a), parseVersion(b)) < 0;
  it('orders pre/dev releases before the release', () => {
    assert.ok(lt('3.17.0-alpha', '3.17.2'));
    assert.ok(lt('3.17.2-alpha', '3.17.2'));
    assert.ok(lt('3.17.2-dev', '3.17.2'));
    assert.ok(lt('3.17.2', '3.18.0-beta.2'));
    assert.ok(lt('0.2.3', '0.2.10'));
    assert.equal(compareVersions(parseVersion('v3.17.2'), parseVersion('3.17.2')), 0);
    assert.equal(compareVersions(parseVersion('1.0'), parseVersion('1.0.0')), 0);
  });
  it('rejects invalid versions', () => assert.throws(() => parseVersion('(devel)')));
});

describe('strptime("%Y-%m-%d %H:%M:%S")', () => {
  it('parses and normalises like Python', () => {
    assert.equal(formatDateTime(parseStartTime('2022-08-15 19:04:21')), '2022-08-15 19:04:21');
    assert.equal(formatDateTime(parseStartTime('2022-8-5 9:4:1')), '2022-08-05 09:04:01');
  });
  it('rejects other shapes and impossible dates', () => {
    for (const s of ['2022-08-15T19:04:21Z', '2022-08-15 19:04:21.5', '2022-02-30 00:00:00', '2022-08-15 19:04:60', '2022-08-15']) {
      assert.throws(() => parseStartTime(s), s);
    }
  });
});

describe('ujson serialisation', () => {
  it('floats keep a decimal point and use shortest repr', () => {
    assert.equal(floatRepr(0), '0.0');
    assert.equal(floatRepr(1), '1.0');
    assert.equal(floatRepr(1.0 - 0.004 * 5), '0.98');
    assert.equal(floatRepr(2 / 35), '0.05714285714285714');
    assert.equal(floatRepr(357.40000000037253), '357.40000000037253');
    assert.equal(floatRepr(1e16), '1e+16');
    assert.equal(floatRepr(1e-5), '1e-5');
    assert.equal(floatRepr(0.0001), '0.0001');
    assert.equal(floatRepr(123456789012345.6), '123456789012345.6');
  });
  it('escapes /, non-ASCII and control characters', () => {
    assert.equal(dumpValue('a/b'), '"a\\/b"');
    assert.equal(dumpValue('é😀\n"'), '"\\u00e9\\ud83d\\ude00\\n\\""');
    assert.equal(dumpValue({ a: [1, 2.5, null, true] }), '{"a":[1,2.5,null,true]}');
  });
  it('scores keep insertion order with float locality keys', () => {
    const s = initScores();
    s.accuracy = 0;
    s.extra = { load_time_ms: 680 };
    assert.equal(
      serializeScores(s),
      '{"blocking_general":0.0,"blocking_global":0.0,"blocking_country":0.0,"blocking_isp":0.0,"blocking_local":0.0,"accuracy":0.0,"extra":{"load_time_ms":680}}',
    );
  });
});

describe('other helpers', () => {
  it('str() of values for messages', () => {
    assert.equal(pyStr('x'), 'x');
    assert.equal(pyStr(['a', 1, null, true]), "['a', 1, None, True]");
    assert.equal(pyStr({ k: "it's" }), `{'k': "it's"}`);
  });
  it('int() and float() parsing', () => {
    assert.equal(intFromStr(' 1_000 '), 1000);
    assert.throws(() => intFromStr('1__0'));
    assert.equal(toFloat('5'), 5);
    assert.ok(Number.isNaN(toFloat('nan')));
    assert.throws(() => toFloat('x'));
  });
  it('extract_expected_countries', () => {
    assert.deepEqual(extractExpectedCountries(''), []);
    assert.deepEqual(extractExpectedCountries(',RU'), ['RU']);
    assert.deepEqual(extractExpectedCountries('AU,DE,DK,FR '), ['AU', 'DE', 'DK', 'FR']);
    assert.deepEqual(extractExpectedCountries('zz,it,IT'), ['IT']);
  });
  it('trivial_id test vector', () => {
    assert.equal(generateUid(new Uint8Array(0), { measurement_start_time: '2021-02-03 10:11:12' }), '01202102037f9c2ba4e88f827d61604550760585');
    assert.ok(generateUid('x', {}).startsWith('0100000000'));
  });
});
