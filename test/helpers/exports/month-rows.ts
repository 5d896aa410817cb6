// Fastpath rows for the export tests: `n` rows spread over one UTC month with hostile inputs
// (unicode, commas, quotes, CR/LF), NULL and huge ooni_run_link_id, booleans and runtimes varied,
// plus rows a second either side of the month (which must not be exported).
import { sql } from 'drizzle-orm';
import { fastpath } from '../../../drizzle/schema.ts';
import type { Database } from '../../../lib/db.ts';
import { fpRow, type FastpathRow } from '../fastpath-rows.ts';

export const NASTY_INPUTS = [
  'https://例え.テスト/パス?q=1,2',
  'http://example.org/"quoted"/path',
  'first line\nsecond line',
  'cr\r\nlf',
  ',leading comma',
  'trailing comma,',
  '"',
  '""',
  'emoji 🎉 and tab\there',
  ' spaced ',
  'https://www.facebook.com/',
];

/** Inserts `n` rows of month `YYYY-MM` (first at 00:00:00, last at the final second) and 2 outside; returns how many are inside. */
export async function insertMonthRows(db: Database, month: string, n: number): Promise<number> {
  const start = Date.parse(`${month}-01T00:00:00Z`);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const end = Date.UTC(y, m, 1);
  const rows: FastpathRow[] = [];
  for (let i = 0; i < n; i++) {
    // the first at the month's first second, the last at its final one, the rest spread between
    const at = i === n - 1 ? end - 1000 : start + Math.floor((((end - start) / n) * i) / 1000) * 1000;
    const input = NASTY_INPUTS[i % NASTY_INPUTS.length]!;
    rows.push(
      fpRow({
        measurementStartTime: new Date(i === 7 ? at + 123 : at),
        testStartTime: new Date(at - 61_000),
        probeCc: ['IT', 'IR', 'RU', 'CN'][i % 4]!,
        probeAsn: [30722, 197207, 4294967295, 0][i % 4]!,
        input,
        domain: i % 3 === 0 ? 'example.org' : '',
        anomaly: i % 2 === 0,
        confirmed: i % 5 === 0,
        msmFailure: i % 7 === 0,
        blockingType: i % 5 === 0 ? 'http-diff' : '',
        testRuntime: [1.5, 2.476470708, 0.1, 1234567.25][i % 4]!,
        ooniRunLinkId: i % 10 === 3 ? 10_000_000 + i : null,
        scores: `{"blocking_general":${i % 2 === 0 ? '1.0' : '0.0'},"analysis":{"blocking_type":"x,\\"y\\""}}`,
        isVerified: ['u', 't', 'f'][i % 3]!,
        fingerprintsVersion: i % 2 ? 'fp-1' : '',
      }),
    );
  }
  rows.push(fpRow({ measurementStartTime: new Date(start - 1000) }), fpRow({ measurementStartTime: new Date(end) }));
  for (let i = 0; i < rows.length; i += 500) await db.insert(fastpath).values(rows.slice(i, i + 500));
  // beyond 2^53: only an exact int64 path keeps it
  await db.execute(sql`update ${fastpath} set ooni_run_link_id = 9223372036854775807 where measurement_uid = ${rows[13]!.measurementUid}`);
  return n;
}
