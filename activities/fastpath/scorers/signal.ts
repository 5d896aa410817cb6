// signal: backend status, with accuracy 0 for probe versions known to be broken.
import { compareDateTime, parseStartTime } from '../py/strptime.ts';
import type { PyDateTime } from '../py/strptime.ts';
import { compareVersions, parseVersion } from '../py/version.ts';
import { get, gOr, truthy } from '../py/values.ts';
import type { Dict } from '../py/values.ts';
import { initScores } from '../scores.ts';
import { testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

const day = (year: number, month: number, d: number): PyDateTime => ({ year, month, day: d, hour: 0, minute: 0, second: 0, microsecond: 0 });
const V_0_2_3 = parseVersion('0.2.3');
const V_0_2_2 = parseVersion('0.2.2');
const V_3_17_2 = parseVersion('3.17.2');

/** True when a version/date rule marks the measurement as unreliable. */
function knownBroken(msm: Dict): boolean {
  const tv = gOr(msm, 'test_version', '0.0.0');
  const startRaw = get(msm, 'measurement_start_time');
  if (startRaw === null) return true;
  try {
    if (typeof startRaw !== 'string') return true; // TypeError inside the original's try
    const start = parseStartTime(startRaw);
    if (tv === '0.2.4') return true; // probe issue 2636
    if (compareVersions(parseVersion(tv), V_0_2_3) <= 0 && compareDateTime(start, day(2023, 11, 7)) >= 0) return true; // probe 2627
    if (compareVersions(parseVersion(tv), V_0_2_2) < 0 && compareDateTime(start, day(2022, 10, 19)) >= 0) return true;
    const ev = gOr(gOr(msm, 'annotations', {}), 'engine_version', '0.0.0'); // backend 679
    if (compareVersions(parseVersion(ev), V_3_17_2) < 0 && compareDateTime(start, day(2023, 5, 2)) >= 0) return true;
  } catch {
    // the original catches every exception here
    return true;
  }
  return false;
}

export const scoreSignal: Scorer = (msm) => {
  const scores = initScores();
  const tk = testKeys(msm);
  if (truthy(get(tk, 'failed_operation', true)) || truthy(get(tk, 'failure', true))) scores.accuracy = 0.0;
  if (knownBroken(msm)) {
    scores.accuracy = 0.0;
    return scores;
  }
  const status = get(tk, 'signal_backend_status');
  if (status === 'ok') {
    // fine
  } else if (status === 'blocked') {
    scores.blocking_general = 1.0;
    scores.analysis = { signal_backend_failure: get(tk, 'signal_backend_failure') };
  } else {
    scores.accuracy = 0.0;
  }
  return scores;
};
