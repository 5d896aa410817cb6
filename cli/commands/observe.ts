// `ooni-pipeline observe FILE…`: prints the v5 observation rows of each measurement, one JSON line
// per row, `table` first. Needs no stack.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { IpDatabase } from '../../domain/enrichment/lookup.ts';
import { measurementToObservations } from '../../domain/observations/index.ts';
import type { ObservationResult } from '../../domain/observations/types.ts';
import { parseStartTime } from '../../domain/observations/meta.ts';
import { uidTimes } from '../../domain/observations/uid-times.ts';
import { configuredIpDatabase } from '../../lib/enrichment/index.ts';
import { nodeObservationCrypto } from '../../lib/observations/crypto.ts';
import { splitDocuments } from './score.ts';
import { parseFileCommandArgs } from '../file-command-args.ts';

export const summary = 'print the v5 observation rows (obs_web, obs_web_ctrl, obs_http_middlebox) of measurements';

const USAGE = `usage: ooni-pipeline observe [--no-enrichment] FILE...

Reads measurements (a JSON document or JSON lines, one measurement per line; gzip-compressed when
the file starts with the gzip magic bytes) and prints their observation rows on stdout, one JSON
object per line: {"table": "obs_web" | "obs_web_ctrl" | "obs_http_middlebox", <columns>…}.

measurement_uid is the measurement's own when it has one, else the file name without .json
(with _<line> appended for JSON lines). bucket_date and created_at come from the uid's receive
time; without one, bucket_date is the day of measurement_start_time and created_at is null.

  --no-enrichment   no IP database: every public IP is unknown (asn 0, cc ZZ); bogons still flagged
                    (default: the database of ENRICHMENT_MMDB, else the packaged one; with
                    ENRICHMENT_AS_ORG_MAP's AS history for the probe's AS when it is set)

A file or line that is not a measurement is reported on stderr as FILE[:LINE]: reason; the exit
code is then 1 (after the other files).`;

function stem(file: string): string {
  return basename(file)
    .replace(/\.gz$/, '')
    .replace(/\.(json|jsonl)$/, '');
}

export function writeRow(table: string, row: object): void {
  process.stdout.write(JSON.stringify({ table, ...row }) + '\n');
}

type ObservedRows = Extract<ObservationResult, { ok: true }>;

function printRows(result: ObservedRows): void {
  for (const row of result.obs_web) writeRow('obs_web', row);
  for (const row of result.obs_web_ctrl) writeRow('obs_web_ctrl', row);
  for (const row of result.obs_http_middlebox) writeRow('obs_http_middlebox', row);
}

/** Observes every measurement of a file, handing each one's rows to `onRows` (default: print them). */
export async function observeFile(file: string, ipDb: IpDatabase | null, onRows: (result: ObservedRows) => void = printRows): Promise<boolean> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
    if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  } catch (e) {
    console.error(`${file}: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
  const docs = splitDocuments(buf.toString('utf8'));
  if (docs.length === 0) {
    console.error(`${file}: no measurement in the file`);
    return false;
  }
  let ok = true;
  for (const doc of docs) {
    const where = docs.length === 1 ? file : `${file}:${doc.line}`;
    let raw: unknown;
    try {
      raw = JSON.parse(doc.text);
    } catch (e) {
      console.error(`${where}: invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
      ok = false;
      continue;
    }
    const own = (raw as { measurement_uid?: unknown } | null)?.measurement_uid;
    const uid = typeof own === 'string' && own !== '' ? own : docs.length === 1 ? stem(file) : `${stem(file)}_${doc.line}`;
    const start = (raw as { measurement_start_time?: unknown } | null)?.measurement_start_time;
    const times = uidTimes(uid) ?? {
      bucketDate: typeof start === 'string' && parseStartTime(start) !== null ? start.slice(0, 10) : '1984-01-01',
      createdAt: null,
    };
    const result = measurementToObservations(raw, uid, { ...times, ipDb, crypto: nodeObservationCrypto });
    if (!result.ok) {
      console.error(`${where}: not a measurement: ${result.reason}`);
      ok = false;
      continue;
    }
    onRows(result);
  }
  return ok;
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseFileCommandArgs(args, { 'no-enrichment': { type: 'boolean' } } as const, USAGE);
  if (typeof parsed === 'number') return parsed;
  let ipDb: IpDatabase | null = null;
  if (!parsed.values['no-enrichment']) {
    try {
      ipDb = await configuredIpDatabase(process.env);
    } catch (e) {
      console.error(`cannot load the IP database: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
  }
  let ok = true;
  for (const file of parsed.positionals) ok = (await observeFile(file, ipDb)) && ok;
  return ok ? 0 : 1;
}
