// The one seam that finds a measurement's raw body: the sealed archive (jsonl) or, before
// sealing, the incoming `.post` object — lib/raw-body.ts.
import { fetchMeasurementBody } from '../../lib/raw-body.ts';
import type { ApiDeps } from '../deps.ts';

export async function fetchRawMeasurement(deps: ApiDeps, uid: string): Promise<Uint8Array | null> {
  return fetchMeasurementBody({ db: deps.db, store: deps.store }, uid);
}
