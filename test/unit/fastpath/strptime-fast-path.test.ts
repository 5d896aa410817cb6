// The regex-free reading of canonical "YYYY-MM-DD hh:mm:ss" and uid times gives what the regex
// path gives (forced here by a second space, which only the regex accepts), errors included.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseStartTime, parseUidTime, type PyDateTime } from '../../../activities/fastpath/py/strptime.ts';

const d2 = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
const fields = fc.tuple(
  fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
  d2,
  d2,
  d2,
  d2,
  d2,
);

const outcome = (f: () => PyDateTime): PyDateTime | string => {
  try {
    return f();
  } catch (e) {
    return (e as Error).message.includes('out of range') ? 'out of range' : 'no match';
  }
};

describe('strptime fast path', () => {
  it('start times: canonical reading = regex reading', () => {
    fc.assert(
      fc.property(fields, ([y, mo, d, h, mi, s]) => {
        const fast = outcome(() => parseStartTime(`${y}-${mo}-${d} ${h}:${mi}:${s}`));
        const regex = outcome(() => parseStartTime(`${y}-${mo}-${d}  ${h}:${mi}:${s}`));
        assert.deepStrictEqual(fast, regex);
      }),
      { numRuns: 5000 },
    );
  });

  it('uid times: canonical reading = regex reading of the same fields', () => {
    fc.assert(
      fc.property(fields, fc.integer({ min: 0, max: 999999 }), ([y, mo, d, h, mi, s], us) => {
        const micro = String(us).padStart(6, '0');
        const uid = outcome(() => parseUidTime(`${y}${mo}${d}${h}${mi}${s}.${micro}_`));
        const regex = outcome(() => parseStartTime(`${y}-${mo}-${d}  ${h}:${mi}:${s}`));
        // the uid format has no separators: a field the regex cannot take as two digits may be read another way
        if (typeof regex === 'string' || typeof uid === 'string') {
          if (typeof regex !== 'string') assert.fail(`uid ${JSON.stringify(uid)} vs ${JSON.stringify(regex)}`);
          return;
        }
        assert.deepStrictEqual(uid, { ...regex, microsecond: us });
      }),
      { numRuns: 5000 },
    );
  });
});
