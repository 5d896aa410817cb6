// The acknowledgement path (DESIGN §4.1, steps 2–5): claim a uid, store the raw bytes in S3,
// start the workflow; only then may the API answer with the uid.
import { eq } from 'drizzle-orm';
import { startMeasurementWorkflow } from '../../client.ts';
import { uploads } from '../../drizzle/schema.ts';
import { buildMeasurementUid } from '../../domain/ids/measurement-uid.ts';
import { incomingKey } from '../../domain/s3-keys.ts';
import type { AcceptedSubmission } from '../../domain/submission/index.ts';
import type { SubmitterLocation } from '../../domain/quality-flags.ts';
import type { ApiDeps } from '../deps.ts';
import { nowMicros } from './receive-clock.ts';
import { needs } from './dependency-unavailable.ts';

const DEPENDENCY_TIMEOUT_MS = 5_000;

export interface Acknowledgement {
  uid: string;
  /** true when this upload had been received before (a probe retry) */
  duplicate: boolean;
}

/**
 * Claims a uid for the upload. A retried upload of the same bytes (same report, or same
 * content for submit_measurement) gets the uid of the first attempt.
 */
async function claimUid(deps: ApiDeps, s: AcceptedSubmission, receivedAtMicros: bigint) {
  const dedupeKey = `${s.protocol}:${s.protocol === 'legacy' ? s.reportId : ''}:${s.dedupeHash}`;
  const uid = buildMeasurementUid({ receivedAtMicros, cc: s.uidCc, testName: s.uidTestName, body: s.storedBytes });
  const objectKey = incomingKey(uid);
  const receivedAt = new Date(Number(receivedAtMicros / 1000n));
  const db = deps.db;
  const inserted = await db
    .insert(uploads)
    .values({ measurementUid: uid, dedupeKey, objectKey, receivedAt })
    .onConflictDoNothing({ target: uploads.dedupeKey })
    .returning({ uid: uploads.measurementUid });
  if (inserted.length > 0) return { uid, objectKey, receivedAt, duplicate: false };
  const [existing] = await db.select().from(uploads).where(eq(uploads.dedupeKey, dedupeKey));
  if (!existing) throw new Error(`upload claim for ${dedupeKey} vanished`);
  return { uid: existing.measurementUid, objectKey: existing.objectKey, receivedAt: existing.receivedAt, duplicate: true };
}

/** `submitter`: where the upload comes from (api/ingest/submitter-location.ts), for the data-quality flags. */
export async function acceptMeasurement(deps: ApiDeps, s: AcceptedSubmission, submitter?: SubmitterLocation): Promise<Acknowledgement> {
  const claim = await needs('postgres', DEPENDENCY_TIMEOUT_MS, () => claimUid(deps, s, nowMicros()));
  // A retry whose first attempt stored the object must not replace it; one that died before
  // storing it stores this attempt's bytes (the uid's hash is a uniqueness aid, not an address).
  const stored = claim.duplicate && (await needs('s3', DEPENDENCY_TIMEOUT_MS, () => deps.store.exists(claim.objectKey)));
  if (!stored) await needs('s3', DEPENDENCY_TIMEOUT_MS, () => deps.store.put(claim.objectKey, s.storedBytes, 'application/json'));
  await needs('temporal', DEPENDENCY_TIMEOUT_MS, (deadline) =>
    deps.temporal.withDeadline(deadline, () =>
      startMeasurementWorkflow(deps.temporal, deps.config.TEMPORAL_TASK_QUEUE, {
        uid: claim.uid,
        objectKey: claim.objectKey,
        receivedAt: claim.receivedAt.toISOString(),
        reportId: s.reportId,
        probeCc: s.probeCc,
        testName: s.testName,
        ...(submitter ? { submitter } : {}),
      }),
    ),
  );
  return { uid: claim.uid, duplicate: claim.duplicate };
}
