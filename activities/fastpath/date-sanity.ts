// flag_measurements_with_wrong_date: start times far from the receive time encoded in the uid.
import { parseStartTime, toMicros } from './py/strptime.ts';
import { get, truthy } from './py/values.ts';
import type { Dict } from './py/values.ts';
import { setFloat } from './scores.ts';
import type { Scores } from './scores.ts';
import { uidReceiveTime } from './uid.ts';

const HOUR_US = 3600e6;
const YEAR_US = 31_536_000e6;

export function flagWrongDate(msm: Dict, uid: string, scores: Scores): void {
  const recv = uidReceiveTime(uid);
  if (recv === null) return;
  const raw = get(msm, 'measurement_start_time');
  const text = truthy(raw) ? raw : '';
  if (typeof text !== 'string') throw new TypeError('measurement_start_time is not a string');
  let start;
  try {
    start = parseStartTime(text);
  } catch {
    return;
  }
  const delta = toMicros(recv) - toMicros(start);
  if (delta < -HOUR_US) {
    setFloat(scores, 'accuracy', 0.0);
    scores.msg = 'Measurement start time from the future';
  } else if (delta > YEAR_US) {
    setFloat(scores, 'accuracy', 0.0);
    scores.msg = 'Measurement start time too old';
  }
}
