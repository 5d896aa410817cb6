// Stages generated measurements the way the measurement workflow leaves them: the `.post`
// object at its incoming key, a scored fastpath row and a staged row.
import { readFileSync } from 'node:fs';
import { fastpath, staged } from '../../../drizzle/schema.ts';
import { buildMeasurementUid } from '../../../domain/ids/measurement-uid.ts';
import { incomingKey } from '../../../domain/s3-keys.ts';
import { scoreMeasurement, type Fingerprints } from '../../../activities/fastpath/index.ts';
import { toFastpathRecord } from '../../../activities/measurement/insert-row.ts';
import { bucketHourOf } from '../../../activities/measurement/stage.ts';
import type { Database } from '../../../lib/db.ts';
import type { ObjectStore } from '../../../lib/s3.ts';

const FIXTURES = new URL('../../fixtures/fastpath/', import.meta.url);
const template = (name: string) => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as Record<string, unknown>;
export const WC_CONFIRMED = '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json';
const TEMPLATES: Record<string, string> = { web_connectivity: WC_CONFIRMED, telegram: 'telegram_nourl.json', signal: 'signal_2627.json' };

export interface StagedMeasurement {
  uid: string;
  objectKey: string;
  post: Uint8Array;
  content: Record<string, unknown>;
  hour: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const fmt = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

export interface StageSpec {
  receivedAt: Date;
  cc: string;
  testName: string;
  /** distinguishes bodies; also lands in the content */
  seq: number;
  /** rare upload form: `content` as a JSON string */
  stringContent?: boolean;
}

export function makeMeasurement(s: StageSpec): { uid: string; post: Uint8Array; content: Record<string, unknown> } {
  const content = template(TEMPLATES[s.testName] ?? TEMPLATES.web_connectivity!);
  const t = new Date(s.receivedAt.getTime() - 60_000);
  Object.assign(content, {
    test_name: s.testName,
    probe_cc: s.cc,
    measurement_start_time: fmt(t),
    test_start_time: fmt(t),
    report_id: `${fmt(t).replace(/[-: ]/g, '').slice(0, 8)}T000000Z_${s.testName.replaceAll('_', '')}_${s.cc}_1234_n1_seq${s.seq}`,
    annotations: { note: `seq ${s.seq} — ünïcødé/ok`, platform: 'linux' },
  });
  const wrapper = { format: 'json', content: s.stringContent ? JSON.stringify(content) : content };
  const post = new TextEncoder().encode(JSON.stringify(wrapper));
  const micros = BigInt(s.receivedAt.getTime()) * 1000n + BigInt(s.seq % 1000);
  const uid = buildMeasurementUid({ receivedAtMicros: micros, cc: s.cc, testName: s.testName, body: post });
  return { uid, post, content };
}

export async function stageMeasurement(
  deps: { db: Database; store: ObjectStore; fingerprints: Fingerprints },
  s: StageSpec,
): Promise<StagedMeasurement> {
  const { uid, post, content } = makeMeasurement(s);
  const objectKey = incomingKey(uid);
  await deps.store.put(objectKey, post);
  const scored = scoreMeasurement({ format: 'json', content }, { measurementUid: uid, fingerprints: deps.fingerprints });
  if (scored.kind !== 'row') throw new Error(`fixture did not score: ${scored.reason}`);
  await deps.db.insert(fastpath).values(toFastpathRecord(scored.row, scored.fingerprintsVersion));
  await deps.db.insert(staged).values({
    measurementUid: uid,
    bucketHour: bucketHourOf(s.receivedAt.toISOString()),
    probeCc: s.cc,
    testName: s.testName,
    reportId: scored.row.report_id,
    input: scored.row.input,
    objectKey,
  });
  return { uid, objectKey, post, content, hour: uid.slice(0, 10) };
}
