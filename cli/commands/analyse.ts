// `ooni-pipeline analyse FILE…`: observes the measurements of the files, takes all of them as one
// analysis window (their control and TLS-consistent rows are its ground truth), and prints every
// observation row then one analysis_web_measurement row per web_connectivity measurement, one JSON
// line each, `table` first. Needs no stack.
import { readFingerprintsDir } from '../../activities/jobs/fingerprints-files.ts';
import { analyseMeasurement, dnsFingerprintIndex, GroundTruth } from '../../domain/analysis/index.ts';
import type { IpDatabase } from '../../domain/enrichment/lookup.ts';
import type { ObsWebRow } from '../../domain/observations/types.ts';
import { configuredIpDatabase } from '../../lib/enrichment/index.ts';
import { observeFile, writeRow } from './observe.ts';
import { parseFileCommandArgs } from '../file-command-args.ts';

export const summary = 'observe measurements and print their v5 observation rows and web analysis rows (the files are the window)';

const USAGE = `usage: ooni-pipeline analyse [--no-enrichment] [--fingerprints DIR] FILE...

Observes the measurements of the files as \`ooni-pipeline observe\` does (same input formats, same
measurement_uid rule) and analyses them as one window: the control rows and valid TLS handshakes
of all the files are the ground truth of every measurement (per hostname and UTC day). Prints, one
JSON object per line, every observation row ({"table": "obs_web" | "obs_web_ctrl" |
"obs_http_middlebox", …}) and then one {"table": "analysis_web_measurement", …} row per
web_connectivity measurement (other tests are observed, not analysed).

  --no-enrichment     no IP database: every public IP is unknown (asn 0, cc ZZ); bogons still flagged
                      (default: the database of ENRICHMENT_MMDB, else the packaged one; with
                      ENRICHMENT_AS_ORG_MAP's AS history for the probe's AS when it is set)
  --fingerprints DIR  directory with fingerprints_dns.csv and fingerprints_http.csv
                      (default: fingerprints/ of this repository)

A file or line that is not a measurement is reported on stderr as FILE[:LINE]: reason; the exit
code is then 1 (the others are still printed and analysed).`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseFileCommandArgs(args, { 'no-enrichment': { type: 'boolean' }, fingerprints: { type: 'string' } } as const, USAGE);
  if (typeof parsed === 'number') return parsed;
  let ipDb: IpDatabase | null = null;
  let fingerprints;
  try {
    fingerprints = await readFingerprintsDir(parsed.values.fingerprints);
    if (!parsed.values['no-enrichment']) ipDb = await configuredIpDatabase(process.env);
  } catch (e) {
    console.error(`cannot load ${fingerprints ? 'the IP database' : 'fingerprints'}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const truth = new GroundTruth();
  // obs_web rows per measurement, in input order
  const measurements = new Map<string, ObsWebRow[]>();
  let ok = true;
  for (const file of parsed.positionals) {
    const fileOk = await observeFile(file, ipDb, (result) => {
      for (const row of result.obs_web) {
        writeRow('obs_web', row);
        truth.addObsWebRow(row);
        const rows = measurements.get(row.measurement_uid);
        if (rows) rows.push(row);
        else measurements.set(row.measurement_uid, [row]);
      }
      for (const row of result.obs_web_ctrl) {
        writeRow('obs_web_ctrl', row);
        truth.addCtrlRow(row);
      }
      for (const row of result.obs_http_middlebox) writeRow('obs_http_middlebox', row);
    });
    ok = fileOk && ok;
  }
  const dns = dnsFingerprintIndex(fingerprints);
  for (const rows of measurements.values()) {
    const row = analyseMeasurement(rows, truth, dns, { fingerprints_version: fingerprints.version });
    if (row) writeRow('analysis_web_measurement', row);
  }
  return ok ? 0 : 1;
}
