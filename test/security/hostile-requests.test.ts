// A corpus of hostile requests across the probe, submit, query, findings and operator endpoints, plus a
// fast-check fuzz of both submit routes. Every request gets a 4xx with its documented error
// code, none a 5xx, and nothing is stored: no uploads row, no S3 object.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { compress, init } from '@bokuweb/zstd-wasm';
import fc from 'fast-check';
import { SUBMISSION_ERROR_CODES } from '../../domain/submission/error-codes.ts';
import { createTestPipeline, type TestPipeline } from '../helpers/pipeline.ts';
import { openReport, signal } from '../helpers/measurements.ts';

const OPERATOR_TOKEN = 'operator-token-for-the-hostile-corpus-0123456789';
let p: TestPipeline;
let host: string;
let port: number;
let reportId: string;
let bomb: Uint8Array;

before(async () => {
  p = await createTestPipeline('hostile', { MAX_BODY_BYTES: String(256 * 1024), MAX_DECOMPRESSED_BYTES: String(1024 * 1024), OPERATOR_TOKEN });
  const u = new URL(p.baseUrl);
  host = u.hostname;
  port = Number(u.port);
  reportId = await openReport(p.baseUrl, signal());
  await init();
  bomb = compress(new Uint8Array(64 * 1024 * 1024), 19).slice();
});
after(async () => {
  await p?.close();
});

interface Answer {
  status: number;
  code: string | undefined;
  text: string;
}

/** node:http, so paths go out exactly as written (no `..` normalisation) and headers as given. */
function send(method: string, path: string, body?: string | Uint8Array, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, method, path, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let code: string | undefined;
        try {
          code = (JSON.parse(text) as { error?: string }).error;
        } catch {
          code = undefined;
        }
        resolve({ status: res.statusCode ?? 0, code, text });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Bytes straight onto a socket: requests Node's HTTP client refuses to build. */
function raw(bytes: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => socket.write(bytes));
    let text = '';
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      const json = text.slice(text.indexOf('\r\n\r\n') + 4);
      let code: string | undefined;
      try {
        code = (JSON.parse(json) as { error?: string }).error;
      } catch {
        code = undefined;
      }
      resolve({ status, code, text });
    });
    socket.setTimeout(10_000, () => socket.destroy());
  });
}

const S = '/api/v1/submit_measurement';
const L = () => `/report/${reportId}`;
const msmt = (over: Record<string, unknown> = {}) => {
  const { report_id: _drop, ...m } = signal();
  return { ...m, ...over };
};
/** submit_measurement body with the content as a JSON string */
const sm = (over: Record<string, unknown> = {}) => JSON.stringify({ format: 'json', content: JSON.stringify(msmt(over)) });
/** legacy body with the content as an object, report_id matching the URL */
const lg = (over: Record<string, unknown> = {}) => JSON.stringify({ format: 'json', content: { ...signal(), report_id: reportId, ...over } });
const deep = (n: number, open = '[', close = ']') => open.repeat(n) + close.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const bytes = (...b: number[]) => new Uint8Array(b);
const enc = encodeURIComponent;
const bearer = { authorization: `Bearer ${OPERATOR_TOKEN}` };
const alg = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const noneJwt = `${alg({ alg: 'none', typ: 'JWT' })}.${alg({ aud: 'probe_token', exp: 4102444800 })}.`;

type Case = [name: string, send: () => Promise<Answer>, status: number, code: string | undefined];

const submitCases: Case[] = [
  ['submit: invalid JSON', () => send('POST', S, '{"format": "json", "content": '), 400, 'invalid_json'],
  ['submit: empty body', () => send('POST', S, ''), 400, 'invalid_json'],
  ['submit: JSON null', () => send('POST', S, 'null'), 400, 'not_a_json_object'],
  ['submit: JSON number', () => send('POST', S, '42'), 400, 'not_a_json_object'],
  ['submit: JSON string', () => send('POST', S, '"json"'), 400, 'not_a_json_object'],
  ['submit: JSON array', () => send('POST', S, '[{"format":"json"}]'), 400, 'not_a_json_object'],
  ['submit: no format', () => send('POST', S, JSON.stringify({ content: JSON.stringify(msmt()) })), 400, 'unsupported_format'],
  ['submit: format is a number', () => send('POST', S, JSON.stringify({ format: 1, content: JSON.stringify(msmt()) })), 400, 'unsupported_format'],
  ['submit: format yaml', () => send('POST', S, JSON.stringify({ format: 'yaml', content: 'a: b' })), 400, 'unsupported_format'],
  ['submit: no content', () => send('POST', S, JSON.stringify({ format: 'json' })), 400, 'invalid_content'],
  ['submit: content is a number', () => send('POST', S, JSON.stringify({ format: 'json', content: 7 })), 400, 'invalid_content'],
  ['submit: content is an array', () => send('POST', S, JSON.stringify({ format: 'json', content: [1] })), 400, 'invalid_content'],
  ['submit: content string holds an array', () => send('POST', S, JSON.stringify({ format: 'json', content: '[]' })), 400, 'invalid_content'],
  ['submit: content string holds null', () => send('POST', S, JSON.stringify({ format: 'json', content: 'null' })), 400, 'invalid_content'],
  ['submit: content string not JSON', () => send('POST', S, JSON.stringify({ format: 'json', content: '{nope' })), 400, 'invalid_content'],
  ['submit: deep nesting (100k arrays)', () => send('POST', S, deep(100_000)), 400, 'not_a_json_object'],
  ['submit: deep nesting inside content', () => send('POST', S, JSON.stringify({ format: 'json', content: deep(50_000) })), 400, 'invalid_content'],
  [
    'submit: deep object nesting in a field, no metadata',
    () => send('POST', S, `{"format":"json","content":${JSON.stringify(deepObject(20_000))}}`),
    422,
    'missing_metadata',
  ],
  ['submit: invalid UTF-8', () => send('POST', S, bytes(0x7b, 0xff, 0xfe, 0x7d)), 400, 'invalid_json'],
  ['submit: overlong UTF-8 slash', () => send('POST', S, bytes(0x22, 0xc0, 0xaf, 0x22)), 400, 'invalid_json'],
  ['submit: UTF-8 surrogate', () => send('POST', S, bytes(0x22, 0xed, 0xa0, 0x80, 0x22)), 400, 'invalid_json'],
  ['submit: body over the cap', () => send('POST', S, sm({ pad: 'x'.repeat(300 * 1024) })), 413, 'body_too_large'],
  [
    'submit: chunked body over the cap',
    () => send('POST', S, sm({ pad: 'y'.repeat(300 * 1024) }), { 'transfer-encoding': 'chunked' }),
    413,
    'body_too_large',
  ],
  ['submit: zstd bomb', () => send('POST', S, bomb, { 'content-encoding': 'zstd' }), 413, 'body_too_large'],
  ['submit: broken zstd', () => send('POST', S, bytes(0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3), { 'content-encoding': 'zstd' }), 400, 'invalid_zstd'],
  ['submit: gzip encoding', () => send('POST', S, sm(), { 'content-encoding': 'gzip' }), 415, 'unsupported_encoding'],
  ['submit: stacked encodings', () => send('POST', S, sm(), { 'content-encoding': 'zstd, gzip' }), 415, 'unsupported_encoding'],
  ['submit: test_name with a slash', () => send('POST', S, sm({ test_name: 'sig/nal' })), 400, 'bad_metadata'],
  ['submit: test_name ..', () => send('POST', S, sm({ test_name: '..' })), 400, 'bad_metadata'],
  ['submit: test_name path traversal', () => send('POST', S, sm({ test_name: '../../etc/passwd' })), 400, 'bad_metadata'],
  ['submit: test_name backslash', () => send('POST', S, sm({ test_name: 'sig\\nal' })), 400, 'bad_metadata'],
  ['submit: test_name NUL', () => send('POST', S, sm({ test_name: 'signal\u0000' })), 400, 'bad_metadata'],
  ['submit: test_name SQL', () => send('POST', S, sm({ test_name: "signal'; drop table uploads;--" })), 400, 'bad_metadata'],
  ['submit: test_name upper case', () => send('POST', S, sm({ test_name: 'Signal' })), 400, 'bad_metadata'],
  ['submit: test_name 10k chars', () => send('POST', S, sm({ test_name: 'a'.repeat(10_000) })), 400, 'bad_metadata'],
  ['submit: test_name a number', () => send('POST', S, sm({ test_name: 42 })), 422, 'missing_metadata'],
  ['submit: test_name an object', () => send('POST', S, sm({ test_name: { $ne: 1 } })), 422, 'missing_metadata'],
  ['submit: probe_cc ../', () => send('POST', S, sm({ probe_cc: '../' })), 400, 'bad_metadata'],
  ['submit: probe_cc with a slash', () => send('POST', S, sm({ probe_cc: 'I/' })), 400, 'bad_metadata'],
  ['submit: probe_cc quote', () => send('POST', S, sm({ probe_cc: "I'" })), 400, 'bad_metadata'],
  ['submit: probe_cc SQL', () => send('POST', S, sm({ probe_cc: "IT' OR '1'='1" })), 400, 'bad_metadata'],
  ['submit: probe_cc full-width letters', () => send('POST', S, sm({ probe_cc: 'ＩＴ' })), 400, 'bad_metadata'],
  ['submit: probe_cc a number', () => send('POST', S, sm({ probe_cc: 39 })), 422, 'missing_metadata'],
  ['submit: probe_cc null', () => send('POST', S, sm({ probe_cc: null })), 422, 'missing_metadata'],
  ['submit: probe_cc ZZ', () => send('POST', S, sm({ probe_cc: 'ZZ' })), 400, 'cc_zz'],
  ['submit: probe_asn AS0', () => send('POST', S, sm({ probe_asn: 'AS0' })), 400, 'asn_0'],
  ['submit: probe_asn without AS', () => send('POST', S, sm({ probe_asn: '12345' })), 400, 'bad_metadata'],
  ['submit: probe_asn SQL', () => send('POST', S, sm({ probe_asn: 'AS1 OR 1=1' })), 400, 'asn_invalid'],
  ['submit: probe_asn traversal', () => send('POST', S, sm({ probe_asn: 'AS../..' })), 400, 'asn_invalid'],
  ['submit: probe_asn leading zero', () => send('POST', S, sm({ probe_asn: 'AS0123' })), 400, 'bad_metadata'],
  ['submit: probe_asn a number', () => send('POST', S, sm({ probe_asn: 1234 })), 422, 'missing_metadata'],
  [
    'submit: huge Content-Length announced',
    () => raw(`POST ${S} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\n{}`),
    413,
    'body_too_large',
  ],
];

const legacyCases: Case[] = [
  ['report: malformed report_id', () => send('POST', '/report/not_a_report_id', lg()), 400, 'invalid_report_id'],
  ['report: encoded traversal', () => send('POST', '/report/..%2F..%2Fetc%2Fpasswd', lg()), 400, 'invalid_report_id'],
  ['report: dot-dot', () => send('POST', '/report/..', lg()), 404, 'not_found'],
  ['report: encoded dot-dot', () => send('POST', '/report/%2e%2e', lg()), 404, 'not_found'],
  ['report: backslash', () => send('POST', `/report/${enc('..\\..\\windows')}`, lg()), 400, 'invalid_report_id'],
  ['report: NUL', () => send('POST', `/report/${reportId}%00`, lg()), 400, 'invalid_report_id'],
  [
    'report: slash inside a valid-looking id',
    () => send('POST', `/report/${enc(reportId.replace(/_[^_]+$/, '_abc/def'))}`, lg()),
    400,
    'invalid_report_id',
  ],
  ['report: SQL', () => send('POST', `/report/${enc("' OR 1=1--")}`, lg()), 400, 'invalid_report_id'],
  ['report: 5000-char id', () => send('POST', `/report/${'a'.repeat(5000)}`, lg()), 400, 'invalid_report_id'],
  ['report: unicode id', () => send('POST', `/report/${enc('20250101T000000Z_signal_IT_1_n0_äöü')}`, lg()), 400, 'invalid_report_id'],
  [
    'report: id with a dot in the random part',
    () => send('POST', `/report/${enc(reportId.replace(/_[^_]+$/, '_abc.defghijklmno'))}`, lg()),
    400,
    'invalid_report_id',
  ],
  [
    'report: id with a quote in the random part',
    () => send('POST', `/report/${enc(reportId.replace(/_[^_]+$/, "_abc'def"))}`, lg()),
    400,
    'invalid_report_id',
  ],
  [
    'report: id with a space in the random part',
    () => send('POST', `/report/${enc(reportId.replace(/_[^_]+$/, '_abc def'))}`, lg()),
    400,
    'invalid_report_id',
  ],
  ['report: invalid JSON', () => send('POST', L(), '{"format": "json", "content": {'), 400, 'invalid_json'],
  ['report: invalid UTF-8', () => send('POST', L(), bytes(0x7b, 0xff, 0x7d)), 400, 'invalid_json'],
  ['report: JSON array', () => send('POST', L(), '[1,2]'), 400, 'not_a_json_object'],
  ['report: format yaml', () => send('POST', L(), JSON.stringify({ format: 'yaml', content: 'a: b' })), 400, 'unsupported_format'],
  ['report: content a number', () => send('POST', L(), JSON.stringify({ format: 'json', content: 42 })), 400, 'invalid_content'],
  [
    'report: content a string',
    () => send('POST', L(), JSON.stringify({ format: 'json', content: JSON.stringify(signal()) })),
    400,
    'invalid_content',
  ],
  ['report: deep nesting', () => send('POST', L(), deep(100_000)), 400, 'not_a_json_object'],
  ['report: cc differs from report_id', () => send('POST', L(), lg({ probe_cc: 'DE' })), 400, 'inconsistent_measurement'],
  ['report: test differs from report_id', () => send('POST', L(), lg({ test_name: 'telegram' })), 400, 'inconsistent_measurement'],
  ['report: test_name traversal in the body', () => send('POST', L(), lg({ test_name: '../signal' })), 400, 'inconsistent_measurement'],
  ['report: body over the cap', () => send('POST', L(), lg({ pad: 'x'.repeat(300 * 1024) })), 413, 'body_too_large'],
  ['report: zstd bomb', () => send('POST', L(), bomb, { 'content-encoding': 'zstd' }), 413, 'body_too_large'],
  ['report: unknown encoding', () => send('POST', L(), lg(), { 'content-encoding': 'br' }), 415, 'unsupported_encoding'],
];

const probeCases: Case[] = [
  ['open report: invalid JSON', () => send('POST', '/report', '{'), 400, 'invalid_json'],
  ['open report: array', () => send('POST', '/report', '[]'), 400, 'invalid_json'],
  ['open report: invalid UTF-8', () => send('POST', '/report', bytes(0x7b, 0xc3, 0x28, 0x7d)), 400, 'invalid_json'],
  ['open report: body over 1 MiB', () => send('POST', '/report', JSON.stringify({ pad: 'x'.repeat(1_100_000) })), 413, 'body_too_large'],
  ['check-in: invalid JSON', () => send('POST', '/api/v1/check-in', '{"probe_cc":'), 400, 'invalid_json'],
  ['check-in: null', () => send('POST', '/api/v1/check-in', 'null'), 400, 'invalid_json'],
  ['check-in: deep nesting', () => send('POST', '/api/v1/check-in', deep(100_000, '{"a":', '}').replace(/\{"a":\}$/, '')), 400, 'invalid_json'],
  [
    'check-in: SQL in category codes',
    () => send('POST', '/api/v1/check-in', JSON.stringify({ web_connectivity: { category_codes: ["NEWS'; drop table fastpath;--"] } })),
    400,
    'bad_category_code',
  ],
  [
    'check-in: traversal in category codes',
    () => send('POST', '/api/v1/check-in', JSON.stringify({ web_connectivity: { category_codes: ['../../etc'] } })),
    400,
    'bad_category_code',
  ],
  ['bouncer: invalid JSON', () => send('POST', '/bouncer/net-tests', '{'), 400, 'malformed_request'],
  ['bouncer: no net-tests', () => send('POST', '/bouncer/net-tests', '{}'), 400, 'malformed_request'],
  [
    'bouncer: net-tests wrong type',
    () => send('POST', '/bouncer/net-tests', JSON.stringify({ 'net-tests': 'web_connectivity' })),
    400,
    'malformed_request',
  ],
  ['register: invalid JSON', () => send('POST', '/api/v1/register', '{'), 400, 'invalid_json'],
  ['login: invalid JSON', () => send('POST', '/api/v1/login', 'nope'), 400, 'invalid_json'],
  ['login: wrong types', () => send('POST', '/api/v1/login', JSON.stringify({ username: 1, password: [] })), 401, 'invalid_credentials'],
  ['login: alg none JWT', () => send('POST', '/api/v1/login', JSON.stringify({ username: noneJwt, password: 'x' })), 401, 'invalid_credentials'],
  [
    'login: forged HS256 JWT',
    () =>
      send(
        'POST',
        '/api/v1/login',
        JSON.stringify({ username: `${alg({ alg: 'HS256', typ: 'JWT' })}.${alg({ aud: 'probe_login', iat: 1 })}.c2lnbmF0dXJl`, password: 'x' }),
      ),
    401,
    'invalid_credentials',
  ],
  ['tor-targets: no token', () => send('GET', '/api/v1/test-list/tor-targets'), 401, 'invalid_token'],
  [
    'tor-targets: garbage token',
    () => send('GET', '/api/v1/test-list/tor-targets', undefined, { authorization: 'Bearer x.y.z' }),
    401,
    'invalid_token',
  ],
  [
    'tor-targets: alg none token',
    () => send('GET', '/api/v1/test-list/tor-targets', undefined, { authorization: `Bearer ${noneJwt}` }),
    401,
    'invalid_token',
  ],
  [
    'psiphon-config: 8 KB bearer',
    () => send('GET', '/api/v1/test-list/psiphon-config', undefined, { authorization: `Bearer ${'a'.repeat(8000)}` }),
    401,
    'invalid_token',
  ],
  [
    'psiphon-config: basic auth',
    () => send('GET', '/api/v1/test-list/psiphon-config', undefined, { authorization: 'Basic YWRtaW46YWRtaW4=' }),
    401,
    'invalid_token',
  ],
  ['unknown path with traversal', () => send('GET', '/../../etc/passwd'), 404, 'not_found'],
  ['unknown encoded traversal', () => send('GET', '/api/v1/%2e%2e/%2e%2e/etc/passwd'), 404, 'not_found'],
];

const queryCases: Case[] = [
  ['measurement_meta: nothing', () => send('GET', '/api/v1/measurement_meta'), 400, 'missing_parameter'],
  ['measurement_meta: report_id traversal', () => send('GET', `/api/v1/measurement_meta?report_id=${enc('../x')}`), 422, 'invalid_parameter'],
  ['measurements: probe_asn SQL', () => send('GET', `/api/v1/measurements?probe_asn=${enc('AS1;drop table fastpath')}`), 422, 'invalid_parameter'],
  ['measurements: since not a date', () => send('GET', '/api/v1/measurements?since=yesterday'), 422, 'invalid_parameter'],
  ['measurements: until SQL', () => send('GET', `/api/v1/measurements?until=${enc("2024-01-01' OR 1=1")}`), 422, 'invalid_parameter'],
  ['measurements: negative limit', () => send('GET', '/api/v1/measurements?limit=-1'), 422, 'invalid_parameter'],
  ['measurements: huge limit', () => send('GET', '/api/v1/measurements?limit=999999999999'), 422, 'invalid_parameter'],
  ['measurements: offset not a number', () => send('GET', '/api/v1/measurements?offset=1e9'), 422, 'invalid_parameter'],
  [
    'measurements: order_by SQL',
    () => send('GET', `/api/v1/measurements?order_by=${enc('measurement_start_time; drop table fastpath')}`),
    422,
    'invalid_parameter',
  ],
  ['measurements: order not asc/desc', () => send('GET', `/api/v1/measurements?order=${enc('desc, (select 1)')}`), 400, 'invalid_order'],
  ['measurements: anomaly not a boolean', () => send('GET', '/api/v1/measurements?anomaly=maybe'), 422, 'invalid_parameter'],
  ['aggregation: axis_x SQL', () => send('GET', `/api/v1/aggregation?axis_x=${enc('probe_cc; drop table fastpath')}`), 422, 'invalid_parameter'],
  ['aggregation: axis_y traversal', () => send('GET', `/api/v1/aggregation?axis_y=${enc('../')}`), 422, 'invalid_parameter'],
  ['aggregation: time_grain unknown', () => send('GET', '/api/v1/aggregation?time_grain=fortnight'), 422, 'invalid_parameter'],
  ['aggregation: format unknown', () => send('GET', '/api/v1/aggregation?format=XML'), 422, 'invalid_parameter'],
  ['aggregation: since garbage', () => send('GET', `/api/v1/aggregation?since=${enc("'")}`), 422, 'invalid_parameter'],
  ['raw_measurement: nothing', () => send('GET', '/api/v1/raw_measurement'), 400, 'missing_parameter'],
  ['measurement/{uid}: traversal', () => send('GET', `/api/v1/measurement/${enc('../../etc/passwd')}`), 400, 'invalid_measurement_uid'],
  ['measurement/{uid}: SQL', () => send('GET', `/api/v1/measurement/${enc("' OR 1=1--")}`), 400, 'invalid_measurement_uid'],
  ['website_networks: probe_cc traversal', () => send('GET', `/api/_/website_networks?probe_cc=${enc('../')}`), 400, 'invalid_parameter'],
  ['country_overview: probe_cc SQL', () => send('GET', `/api/_/country_overview?probe_cc=${enc("IT'--")}`), 400, 'invalid_parameter'],
  ['im_stats: test_name traversal', () => send('GET', `/api/_/im_stats?test_name=${enc('../x')}&probe_cc=IT&probe_asn=1`), 400, 'invalid_parameter'],
  ['test_coverage: probe_cc SQL', () => send('GET', `/api/_/test_coverage?probe_cc=${enc("';")}`), 400, 'invalid_parameter'],
  ['website_urls: probe_asn garbage', () => send('GET', `/api/_/website_urls?probe_cc=IT&probe_asn=${enc('AS1 or 1')}`), 400, 'invalid_parameter'],
];

const operatorCases: Case[] = [
  ['operator seal: no Authorization', () => send('POST', '/api/v1/operator/seal', '{}'), 401, 'unauthorized'],
  [
    'operator seal: wrong token',
    () => send('POST', '/api/v1/operator/seal', '{}', { authorization: `Bearer ${OPERATOR_TOKEN.slice(0, -1)}x` }),
    401,
    'unauthorized',
  ],
  [
    'operator seal: token prefix',
    () => send('POST', '/api/v1/operator/seal', '{}', { authorization: `Bearer ${OPERATOR_TOKEN.slice(0, 8)}` }),
    401,
    'unauthorized',
  ],
  [
    'operator seal: basic auth',
    () => send('POST', '/api/v1/operator/seal', '{}', { authorization: `Basic ${Buffer.from(`x:${OPERATOR_TOKEN}`).toString('base64')}` }),
    401,
    'unauthorized',
  ],
  ['operator seal: token in the query', () => send('POST', `/api/v1/operator/seal?token=${OPERATOR_TOKEN}`, '{}'), 401, 'unauthorized'],
  ['operator reprocess: no Authorization', () => send('POST', '/api/v1/operator/reprocess', '{}'), 401, 'unauthorized'],
  [
    'operator trigger: probe JWT instead of the token',
    () => send('POST', '/api/v1/operator/schedules/seal-archive/trigger', '', { authorization: `Bearer ${noneJwt}` }),
    401,
    'unauthorized',
  ],
  ['operator seal: hour traversal', () => send('POST', '/api/v1/operator/seal', JSON.stringify({ hour: '../../x' }), bearer), 400, 'invalid_hour'],
  [
    'operator seal: hour SQL',
    () => send('POST', '/api/v1/operator/seal', JSON.stringify({ hour: "2024010100' OR 1=1" }), bearer),
    400,
    'invalid_hour',
  ],
  ['operator seal: invalid JSON', () => send('POST', '/api/v1/operator/seal', '{', bearer), 400, 'invalid_json'],
  [
    'operator reprocess: bad day',
    () => send('POST', '/api/v1/operator/reprocess', JSON.stringify({ start_day: '2024-02-30', end_day: '2024-03-01' }), bearer),
    400,
    'invalid_day',
  ],
  [
    'operator reprocess: cc traversal',
    () => send('POST', '/api/v1/operator/reprocess', JSON.stringify({ start_day: '2024-03-01', end_day: '2024-03-01', probe_cc: '../' }), bearer),
    400,
    'invalid_probe_cc',
  ],
  [
    'operator reprocess: test_name separators',
    () =>
      send('POST', '/api/v1/operator/reprocess', JSON.stringify({ start_day: '2024-03-01', end_day: '2024-03-01', test_name: 'web/../x' }), bearer),
    400,
    'invalid_test_name',
  ],
  [
    'operator trigger: unknown schedule traversal',
    () => send('POST', `/api/v1/operator/schedules/${enc('../../x')}/trigger`, '', bearer),
    404,
    'unknown_schedule',
  ],
];

// Filter values with separators, traversal or SQL metacharacters: refused by the parameter
// patterns (422 invalid_parameter) before any query runs.
const filterCases: Case[] = [
  [
    'measurement_meta: uid traversal',
    () => send('GET', `/api/v1/measurement_meta?measurement_uid=${enc('../../etc/passwd')}`),
    422,
    'invalid_parameter',
  ],
  ['measurement_meta: uid SQL', () => send('GET', `/api/v1/measurement_meta?measurement_uid=${enc("x' OR '1'='1")}`), 422, 'invalid_parameter'],
  ['measurements: probe_cc traversal', () => send('GET', `/api/v1/measurements?probe_cc=${enc('../')}`), 422, 'invalid_parameter'],
  ['measurements: probe_cc SQL', () => send('GET', `/api/v1/measurements?probe_cc=${enc("IT' OR 1=1--")}`), 422, 'invalid_parameter'],
  ['measurements: test_name traversal', () => send('GET', `/api/v1/measurements?test_name=${enc('../../x')}`), 422, 'invalid_parameter'],
  [
    'measurements: report_id traversal',
    () => send('GET', `/api/v1/measurements?report_id=${enc('../../20240101T000000Z_x')}`),
    422,
    'invalid_parameter',
  ],
  [
    'raw_measurement: uid traversal',
    () => send('GET', `/api/v1/raw_measurement?measurement_uid=${enc('../../../etc/passwd')}`),
    422,
    'invalid_parameter',
  ],
  [
    'raw_measurement: uid with separators',
    () => send('GET', `/api/v1/raw_measurement?measurement_uid=${enc('20240101000000.000000_IT_signal_/../x')}`),
    422,
    'invalid_parameter',
  ],
  ['test-list urls: country_code traversal', () => send('GET', `/api/v1/test-list/urls?country_code=${enc('../')}`), 422, 'invalid_parameter'],
];

// Findings (incidents): hostile filters and keys, and writes without a session.
const incidentCases: Case[] = [
  ['incidents search: country_code SQL', () => send('GET', `/api/v1/incidents/search?country_code=${enc("IT' OR 1=1--")}`), 422, 'invalid_parameter'],
  ['incidents search: asn SQL', () => send('GET', `/api/v1/incidents/search?asn=${enc('1 OR 1=1')}`), 422, 'invalid_parameter'],
  ['incidents search: only_mine not a boolean', () => send('GET', '/api/v1/incidents/search?only_mine=../x'), 422, 'invalid_parameter'],
  ['incidents show: slug traversal', () => send('GET', `/api/v1/incidents/show/${enc('../../etc/passwd')}`), 404, 'finding_not_found'],
  ['incidents show: slug SQL', () => send('GET', `/api/v1/incidents/show/${enc("x' OR '1'='1")}`), 404, 'finding_not_found'],
  ['incidents create: no session', () => send('POST', '/api/v1/incidents/create', '{}'), 401, 'auth_required'],
  [
    'incidents publish: probe JWT as the session',
    () => send('POST', '/api/v1/incidents/publish', '{"id":"1"}', { authorization: `Bearer ${noneJwt}` }),
    401,
    'auth_required',
  ],
  ['incidents delete: no session, invalid JSON', () => send('POST', '/api/v1/incidents/delete', '{'), 401, 'auth_required'],
];

// Requests Node's parser refuses before any route runs: a 4xx with no JSON body.
const headerCases: Case[] = [
  [
    'headers: 40 KB header',
    () => raw(`GET /api/v1/collectors HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\nConnection: close\r\n\r\n`),
    431,
    undefined,
  ],
  [
    'headers: two Content-Lengths',
    () => raw(`POST ${S} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 4\r\nConnection: close\r\n\r\n{}{}`),
    400,
    undefined,
  ],
  [
    'headers: Content-Length and chunked',
    () => raw(`POST ${S} HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`),
    400,
    undefined,
  ],
  [
    'headers: bare LF in a header',
    () => raw(`POST ${S} HTTP/1.1\r\nHost: x\r\nX-A: a\nX-B: b\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`),
    400,
    undefined,
  ],
  [
    'headers: NUL in a header value',
    () => raw(`GET /api/v1/collectors HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\nConnection: close\r\n\r\n`),
    400,
    undefined,
  ],
  ['headers: space before colon', () => raw(`POST ${S} HTTP/1.1\r\nHost: x\r\nContent-Length : 2\r\nConnection: close\r\n\r\n{}`), 400, undefined],
  [
    'headers: X-Forwarded-For SQL on a bad upload',
    () => send('POST', S, sm({ probe_cc: 'I/' }), { 'x-forwarded-for': "1.2.3.4'; drop table uploads;--" }),
    400,
    'bad_metadata',
  ],
  [
    'headers: Content-Type text/plain with garbage',
    () => send('POST', S, '\u0000\u0001', { 'content-type': 'text/plain; charset=../../x' }),
    400,
    'invalid_json',
  ],
];

const corpus = [...submitCases, ...legacyCases, ...probeCases, ...queryCases, ...filterCases, ...incidentCases, ...operatorCases, ...headerCases];
const statuses: number[] = [];

test(`the corpus has at least 100 hostile requests answered 4xx (${corpus.length})`, () => {
  assert.ok(corpus.length >= 100);
});

for (const [name, sendIt, status, code] of corpus) {
  test(name, async () => {
    const res = await sendIt();
    statuses.push(res.status);
    assert.ok(res.status < 500, `no 5xx (${res.status} ${res.text.slice(0, 200)})`);
    assert.equal(res.status, status, res.text.slice(0, 300));
    assert.equal(res.code, code, res.text.slice(0, 300));
  });
}

const DOCUMENTED = new Set(Object.keys(SUBMISSION_ERROR_CODES));
/** a string no metadata rule accepts: it holds a separator, a quote or a control character */
const hostileString = fc
  .tuple(fc.string({ maxLength: 12 }), fc.constantFrom('/', '\\', '..', "'", '"', ';', '\u0000', '%2F', ' ', '\n', '*'), fc.string({ maxLength: 12 }))
  .map(([a, b, c]) => `${a}${b}${c}`);

test('fuzz: POST /api/v1/submit_measurement never 5xx, always a documented 4xx', { timeout: 120_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        // arbitrary bytes and arbitrary JSON values
        fc.uint8Array({ maxLength: 512 }).map((b) => ({ body: b as string | Uint8Array })),
        fc.jsonValue().map((v) => ({ body: JSON.stringify(v) as string | Uint8Array })),
        // a real measurement with one metadata field made hostile
        fc
          .record({ field: fc.constantFrom('test_name', 'probe_cc', 'probe_asn'), value: hostileString })
          .map(({ field, value }) => ({ body: sm({ [field]: value }) as string | Uint8Array })),
        // a hostile or mistyped envelope
        fc
          .record({ format: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), content: fc.jsonValue() })
          .filter((r) => r.format !== 'json')
          .map((r) => ({ body: JSON.stringify(r) as string | Uint8Array })),
      ),
      async ({ body }) => {
        const res = await send('POST', S, body);
        assert.ok(res.status >= 400 && res.status < 500, `4xx expected, got ${res.status} ${res.text.slice(0, 200)}`);
        assert.ok(res.code && DOCUMENTED.has(res.code), `documented code, got ${res.code}`);
      },
    ),
    { numRuns: 150 },
  );
});

test('fuzz: POST /report/{report_id} never 5xx, always a documented 4xx', { timeout: 120_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        // a hostile id, URL-encoded into one segment, with a valid body
        hostileString.map((id) => ({ id, body: lg() as string | Uint8Array })),
        hostileString.map((tail) => ({ id: `${reportId}${tail}`, body: lg() as string | Uint8Array })),
        hostileString.map((tail) => ({ id: reportId.replace(/_[^_]+$/, `_${tail.replaceAll('_', '')}`), body: lg() as string | Uint8Array })),
        fc
          .string({ minLength: 1, maxLength: 80 })
          .filter((s) => !/^\d{8}T\d{6}Z_/.test(s))
          .map((id) => ({ id, body: lg() as string | Uint8Array })),
        // the opened report id with a hostile body
        fc.uint8Array({ maxLength: 512 }).map((b) => ({ id: '', body: b as string | Uint8Array })),
        fc.jsonValue().map((v) => ({ id: '', body: JSON.stringify({ format: 'json', content: v }) as string | Uint8Array })),
        fc
          .record({ field: fc.constantFrom('test_name', 'probe_cc', 'probe_asn'), value: hostileString })
          .map(({ field, value }) => ({ id: '', body: lg({ [field]: value }) as string | Uint8Array })),
      ),
      async ({ id, body }) => {
        const res = await send('POST', `/report/${id === '' ? reportId : enc(id)}`, body);
        assert.ok(res.status >= 400 && res.status < 500, `4xx expected for ${JSON.stringify(id)}, got ${res.status} ${res.text.slice(0, 200)}`);
        // an id of only dots resolves to another path: no route, 404 not_found
        assert.ok(res.code && (DOCUMENTED.has(res.code) || (res.status === 404 && res.code === 'not_found')), `documented code, got ${res.code}`);
      },
    ),
    { numRuns: 150 },
  );
});

test('nothing was stored: no uploads row, no S3 object, no key outside the layout', async () => {
  assert.ok(
    statuses.every((s) => s < 500),
    'no request of the corpus got a 5xx',
  );
  const [row] = await p.database.sql<{ n: number }[]>`select count(*)::int as n from uploads`;
  assert.equal(row!.n, 0, 'no uploads row');
  const [staged] = await p.database.sql<{ n: number }[]>`select count(*)::int as n from fastpath`;
  assert.equal(staged!.n, 0, 'no fastpath row');
  const keys: string[] = [];
  for await (const o of p.store.list('')) keys.push(o.Key!);
  assert.deepEqual(keys, [], 'no S3 object');
  const layout =
    /^(incoming\/\d{10}_[A-Z]{2}_[a-z0-9_]+\/[0-9]{14}\.[0-9]{6}_[A-Z]{2}_[a-z0-9_]+_[0-9a-f]{16}\.post|raw\/\d{8}\/\d{2}\/[A-Z]{2}\/[a-z0-9]+\/[^/]+)$/;
  for (const k of keys) assert.match(k, layout);
});
