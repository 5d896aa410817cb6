// The fastpath row (clickhouse_upsert_summary + the metadata extraction of process_measurement).
// Values the ClickHouse driver would refuse (a number in a String column...) raise here, as the
// INSERT would have failed and no row been written.
import { PyError } from './py/errors.ts';
import { intFromStr, intFromStrOrNull, toInt } from './py/numbers.ts';
import { formatDateTime, parseStartTime } from './py/strptime.ts';
import { netloc } from './py/urlparse.ts';
import { get, gNested, gOr, isDict, item, truthy } from './py/values.ts';
import type { Dict } from './py/values.ts';
import type { Scores } from './scores.ts';
import type { FastpathRow } from './types.ts';

function str(v: unknown, column: string): string {
  if (typeof v !== 'string') throw new PyError('TypeError', `column ${column}: expected a string`);
  return v;
}

/** nn(): missing or null → "". */
const nn = (msm: Dict, key: string) => str(gOr(msm, key, ''), key);

/** extract_input_domain: meek lists become "{a,b}" with the first item as domain. */
function extractInputDomain(msm: Dict, testName: string): { input: string; domain: string } {
  const raw = get(msm, 'input');
  const input = truthy(raw) ? raw : '';
  if (testName === 'meek_fronted_requests_test' && Array.isArray(input)) {
    const items = input.map((x) => str(x, 'input'));
    return { input: `{${items.join(',')}}`, domain: items[0]! };
  }
  if (typeof input !== 'string') throw new PyError('AssertionError', 'input is not a string');
  return { input, domain: netloc(input) };
}

function datetimeColumn(msm: Dict, key: string): string {
  const v = item(msm, key);
  if (typeof v !== 'string') throw new PyError('TypeError', `${key} must be a str`);
  return formatDateTime(parseStartTime(v));
}

function probeAsn(msm: Dict): number {
  const raw = str(item(msm, 'probe_asn'), 'probe_asn');
  // the text after the first two code points (UTF-16 units when there is no surrogate)
  const asn = intFromStr(/[\ud800-\udfff]/.test(raw) ? Array.from(raw).slice(2).join('') : raw.slice(2));
  if (asn < -(2 ** 31) || asn >= 2 ** 31) throw new PyError('OverflowError', 'probe_asn out of Int32 range');
  return asn;
}

function testHelper(msm: Dict): { address: unknown; type: unknown } {
  try {
    return {
      address: gNested(msm, ['test_helpers', 'backend', 'address'], ''),
      type: gNested(msm, ['test_helpers', 'backend', 'type'], ''),
    };
  } catch {
    // old probes used a plain string for test_helpers.backend
    return { address: '', type: '' };
  }
}

/** int() of ooni_run_link_id; a ValueError (only strings raise it) gives null. */
function runLinkId(annot: Dict): number | null {
  const v = gOr(annot, 'ooni_run_link_id', '');
  return typeof v === 'string' ? intFromStrOrNull(v) : toInt(v);
}

function runtime(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'number') throw new PyError('TypeError', 'column test_runtime: expected a float');
  return v;
}

export interface RowInput {
  msm: Dict;
  uid: string;
  scores: Scores;
  scoresJson: string;
  isVerified: 'u' | 't' | 'f';
}

export function buildRow({ msm, uid, scores, scoresJson, isVerified }: RowInput): FastpathRow {
  const blockingGeneral = Object.hasOwn(scores, 'blocking_general') ? scores.blocking_general : 0.0;
  const accuracy = Object.hasOwn(scores, 'accuracy') ? scores.accuracy : 1.0;
  const anomaly = (blockingGeneral as number) > 0.5;
  const failure = (accuracy as number) < 0.5;
  const confirmed = truthy(Object.hasOwn(scores, 'confirmed') ? scores.confirmed : false);

  const testVersion = gOr(msm, 'test_version', '');
  const testRuntime = gOr(msm, 'test_runtime', 0.0);
  const th = testHelper(msm);
  const annotRaw = get(msm, 'annotations');
  const annot: Dict = isDict(annotRaw) ? annotRaw : {};
  const blockingType = gNested(scores, ['analysis', 'blocking_type'], '');
  const ooniRunLinkId = runLinkId(annot);

  const rawTestName = get(msm, 'test_name');
  const testName = str(truthy(rawTestName) ? rawTestName : '', 'test_name');
  const { input, domain } = extractInputDomain(msm, testName);
  const tf = (b: boolean) => (b ? 't' : 'f') as 't' | 'f';
  return {
    measurement_uid: uid,
    report_id: nn(msm, 'report_id'),
    input,
    probe_cc: nn(msm, 'probe_cc'),
    probe_asn: probeAsn(msm),
    test_name: testName,
    test_start_time: datetimeColumn(msm, 'test_start_time'),
    measurement_start_time: datetimeColumn(msm, 'measurement_start_time'),
    scores: scoresJson,
    platform: str(gOr(annot, 'platform', 'unset'), 'platform'),
    anomaly: tf(anomaly),
    confirmed: tf(confirmed),
    msm_failure: tf(failure),
    blocking_type: str(blockingType, 'blocking_type'),
    domain,
    software_name: nn(msm, 'software_name'),
    software_version: nn(msm, 'software_version'),
    test_version: str(testVersion, 'test_version'),
    test_runtime: runtime(testRuntime),
    architecture: str(gOr(annot, 'architecture', ''), 'architecture'),
    engine_name: str(gOr(annot, 'engine_name', ''), 'engine_name'),
    engine_version: str(gOr(annot, 'engine_version', ''), 'engine_version'),
    test_helper_address: str(th.address, 'test_helper_address'),
    test_helper_type: str(th.type, 'test_helper_type'),
    ooni_run_link_id: ooniRunLinkId,
    is_verified: isVerified,
  };
}
