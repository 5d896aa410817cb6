// `ooni-pipeline verify`: proves the archive invariants on the current data; exit 1 on any mismatch.
import { maxStagedAgeMs, verifyArchive } from '../../activities/archive/verify-run.ts';
import { loadRuntimeConfig } from '../../lib/config.ts';
import { connectDatabase } from '../../lib/db.ts';
import { objectStoreFromConfig } from '../../lib/object-store-from-config.ts';

export const summary = 'check fastpath, index, jsonl files and postcans against each other';

export async function run(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    console.log('usage: ooni-pipeline verify\n\nReads DATABASE_URL and S3_* from the environment; prints counts and every mismatch.');
    return 0;
  }
  const config = loadRuntimeConfig();
  const database = connectDatabase(config.DATABASE_URL, { max: 2 });
  const store = objectStoreFromConfig(config);
  try {
    const report = await verifyArchive({ db: database.db, store }, { now: new Date(), maxStagedAgeMs: maxStagedAgeMs(config.SEAL_INTERVAL_MINUTES) });
    const c = report.counts;
    console.log(
      `fastpath rows ${c.fastpath}, index rows ${c.indexed}, staged unsealed ${c.unsealed}, archive files ${c.files}, postcan members ${c.members}`,
    );
    for (const m of report.mismatches) console.log(`MISMATCH ${m}`);
    console.log(report.mismatches.length === 0 ? 'OK' : `${report.mismatches.length} mismatches`);
    return report.mismatches.length === 0 ? 0 : 1;
  } finally {
    await database.close();
    store.client.destroy();
  }
}
