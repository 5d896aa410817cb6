// Reads the fingerprint CSVs from a directory (default: fingerprints/ at the repository root).
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFingerprintsFromCsv } from '../fastpath/fingerprints/load.ts';
import type { Fingerprints } from '../fastpath/fingerprints/types.ts';

export const DEFAULT_FINGERPRINTS_DIR = resolve(fileURLToPath(new URL('../../fingerprints', import.meta.url)));

export async function readFingerprintsDir(dir: string = DEFAULT_FINGERPRINTS_DIR): Promise<Fingerprints> {
  const [dns, http] = await Promise.all([readFile(join(dir, 'fingerprints_dns.csv'), 'utf8'), readFile(join(dir, 'fingerprints_http.csv'), 'utf8')]);
  return loadFingerprintsFromCsv({ dns, http });
}
