// `ooni-pipeline score FILE…`: prints the fastpath row of each measurement as one JSON line.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { generateUid, isMeasurementUid, scoreMeasurement } from '../../activities/fastpath/index.ts';
import type { Fingerprints } from '../../activities/fastpath/index.ts';
import { readFingerprintsDir } from '../../activities/jobs/fingerprints-files.ts';
import { parseFileCommandArgs } from '../file-command-args.ts';

export const summary = 'score measurements (JSON, JSONL, .gz) and print one fastpath row per line';

const USAGE = `usage: ooni-pipeline score [--fingerprints DIR] [--uid UID] FILE...

Reads measurements (a JSON document or JSON lines; bare or in the {"format","content"} upload
wrapper; gzip-compressed when the file starts with the gzip magic bytes) and prints the fastpath
row of each as one JSON line on stdout.

  --fingerprints DIR  directory with fingerprints_dns.csv and fingerprints_http.csv
                      (default: fingerprints/ of this repository)
  --uid UID           measurement_uid to use (it carries the receive time checked against
                      measurement_start_time). Without it, a file named <uid>.json holding one
                      measurement uses its name; otherwise a uid is generated (trivial_id) and
                      the date check is skipped, as the original does.

Measurements that give no row (invalid JSON, discarded or rejected) are reported on stderr as
FILE:LINE: reason; the exit code is then 1.`;

export interface Doc {
  line: number;
  text: string;
}

export function splitDocuments(text: string): Doc[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      JSON.parse(trimmed);
      return [{ line: 1, text: trimmed }];
    } catch {
      // not a single document: JSON lines
    }
  }
  const docs: Doc[] = [];
  text.split('\n').forEach((l, i) => {
    if (l.trim() !== '') docs.push({ line: i + 1, text: l });
  });
  return docs;
}

function uidFromFileName(file: string): string | null {
  const name = basename(file)
    .replace(/(\.gz)?$/, '')
    .replace(/\.(json|jsonl|post)$/, '');
  return isMeasurementUid(name) ? name : null;
}

async function scoreFile(file: string, fps: Fingerprints, uidOpt: string | undefined): Promise<boolean> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
    if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  } catch (e) {
    console.error(`${file}: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
  const docs = splitDocuments(buf.toString('utf8'));
  const fileUid = docs.length === 1 ? uidFromFileName(file) : null;
  let ok = true;
  for (const doc of docs) {
    let raw: unknown;
    try {
      raw = JSON.parse(doc.text);
    } catch (e) {
      console.error(`${file}:${doc.line}: invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
      ok = false;
      continue;
    }
    const measurementUid = uidOpt ?? fileUid ?? generateUid(doc.text, raw);
    const result = scoreMeasurement(raw, { measurementUid, fingerprints: fps });
    if (result.kind === 'row') process.stdout.write(JSON.stringify(result.row) + '\n');
    else {
      console.error(`${file}:${doc.line}: no row: ${result.code}: ${result.reason}`);
      ok = false;
    }
  }
  return ok;
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseFileCommandArgs(args, { fingerprints: { type: 'string' }, uid: { type: 'string' } } as const, USAGE);
  if (typeof parsed === 'number') return parsed;
  let fps: Fingerprints;
  try {
    fps = await readFingerprintsDir(parsed.values.fingerprints);
  } catch (e) {
    console.error(`cannot load fingerprints: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  let ok = true;
  for (const file of parsed.positionals) ok = (await scoreFile(file, fps, parsed.values.uid)) && ok;
  return ok ? 0 : 1;
}
