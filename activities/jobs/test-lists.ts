// Citizen Lab test-list import (OONI's ooni-update-citizenlab): every `<cc>.csv` of a local
// checkout of github.com/citizenlab/test-lists `lists/` (global.csv → cc ZZ) replaces the
// `citizenlab` table in one transaction, so readers see the old list or the new one, never a mix.
import { ApplicationFailure } from '@temporalio/activity';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCsv } from '../../domain/csv.ts';
import type { ActivityDeps } from '../deps.ts';
import { DEFAULT_TEST_LISTS_DIR } from '../../lib/config.ts';
import { rawSql } from './raw-sql.ts';

export interface TestListRow {
  url: string;
  /** lower-case list code as the file is named, `ZZ` for global.csv */
  cc: string;
  categoryCode: string;
  domain: string;
}

export interface BadTestListRow {
  file: string;
  /** 1-based line of the row in its file (header = 1) */
  line: number;
  reason: string;
}

export interface ParsedTestLists {
  rows: TestListRow[];
  files: number;
  bad: BadTestListRow[];
  duplicates: number;
  skippedFiles: string[];
}

export interface ImportTestListsResult {
  dir: string;
  files: number;
  imported: number;
  duplicates: number;
  /** total number of bad rows; `badRows` lists the first 50 */
  bad: number;
  badRows: BadTestListRow[];
  skippedFiles: string[];
  durationMs: number;
}

export const TEST_LISTS_MISSING = 'TestListsMissing';
export const TEST_LISTS_EMPTY = 'TestListsEmpty';
const HEADER = ['url', 'category_code', 'category_description', 'date_added', 'source', 'notes'];
const MAX_BAD_LISTED = 50;

/** The host of an http(s) URL, as the domain column of the original (rows it cannot parse are dropped). */
export function urlDomain(url: string): string | null {
  if (/[\r\n\t\\]/.test(url)) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.hostname === '') return null;
  return u.hostname;
}

/** Parses one list file; pure. */
export function parseTestListCsv(file: string, cc: string, text: string): { rows: TestListRow[]; bad: BadTestListRow[] } {
  const records = parseCsv(text);
  const rows: TestListRow[] = [];
  const bad: BadTestListRow[] = [];
  const header = records[0]?.map((h) => h.trim().toLowerCase()) ?? [];
  const urlCol = header.indexOf('url');
  const catCol = header.indexOf('category_code');
  if (urlCol < 0 || catCol < 0) {
    bad.push({ file, line: 1, reason: `header must name ${HEADER.join(',')}` });
    return { rows, bad };
  }
  for (let i = 1; i < records.length; i++) {
    const r = records[i]!;
    if (r.length === 1 && r[0]!.trim() === '') continue; // blank line
    const line = i + 1;
    if (r.length !== header.length) {
      bad.push({ file, line, reason: `expected ${header.length} columns, got ${r.length}` });
      continue;
    }
    const url = r[urlCol]!.trim();
    const categoryCode = r[catCol]!.trim();
    const domain = urlDomain(url);
    if (!domain) {
      bad.push({ file, line, reason: `not an http(s) URL: ${JSON.stringify(url.slice(0, 200))}` });
      continue;
    }
    if (!/^[A-Z]+$/.test(categoryCode)) {
      bad.push({ file, line, reason: `bad category_code ${JSON.stringify(categoryCode.slice(0, 50))}` });
      continue;
    }
    rows.push({ url, cc, categoryCode, domain });
  }
  return { rows, bad };
}

/** Reads every list of `dir`; file stem = cc (`global` → `ZZ`), stems that are not 2 letters are skipped. */
export async function readTestListsDir(dir: string): Promise<ParsedTestLists> {
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    throw ApplicationFailure.create({
      type: TEST_LISTS_MISSING,
      nonRetryable: true,
      message: `test-list directory ${dir} does not exist (TEST_LISTS_DIR)`,
    });
  }
  const names = (await readdir(dir)).filter((n) => n.endsWith('.csv')).sort();
  if (!names.includes('global.csv')) {
    throw ApplicationFailure.create({
      type: TEST_LISTS_MISSING,
      nonRetryable: true,
      message: `no global.csv in test-list directory ${dir} (TEST_LISTS_DIR)`,
    });
  }
  const out: ParsedTestLists = { rows: [], files: 0, bad: [], duplicates: 0, skippedFiles: [] };
  const seen = new Set<string>();
  for (const name of names) {
    const stem = name.slice(0, -4);
    const cc = stem === 'global' ? 'ZZ' : stem;
    if (!/^[a-z]{2}$/i.test(cc)) {
      out.skippedFiles.push(name);
      continue;
    }
    const parsed = parseTestListCsv(name, cc === 'ZZ' ? cc : cc.toLowerCase(), await readFile(join(dir, name), 'utf8'));
    out.files += 1;
    out.bad.push(...parsed.bad);
    for (const row of parsed.rows) {
      const key = `${row.cc}\u0000${row.url}`;
      if (seen.has(key)) {
        out.duplicates += 1;
        continue;
      }
      seen.add(key);
      out.rows.push(row);
    }
  }
  return out;
}

export function importTestLists(deps: ActivityDeps) {
  return async (): Promise<ImportTestListsResult> => {
    const started = Date.now();
    const dir = deps.jobs?.testListsDir ?? DEFAULT_TEST_LISTS_DIR;
    const parsed = await readTestListsDir(dir);
    if (parsed.rows.length === 0) {
      throw ApplicationFailure.create({
        type: TEST_LISTS_EMPTY,
        nonRetryable: true,
        message: `no valid rows in ${dir}: the live test lists are left as they are`,
        details: [{ bad: parsed.bad.slice(0, MAX_BAD_LISTED) }],
      });
    }
    const sql = rawSql(deps.db);
    const col = <K extends keyof TestListRow>(k: K) => parsed.rows.map((r) => r[k]);
    await sql.begin(async (tx) => {
      await tx`delete from citizenlab`;
      await tx`insert into citizenlab (url, cc, category_code, domain)
        select * from unnest(${col('url')}::text[], ${col('cc')}::text[], ${col('categoryCode')}::text[], ${col('domain')}::text[])`;
    });
    const result: ImportTestListsResult = {
      dir,
      files: parsed.files,
      imported: parsed.rows.length,
      duplicates: parsed.duplicates,
      bad: parsed.bad.length,
      badRows: parsed.bad.slice(0, MAX_BAD_LISTED),
      skippedFiles: parsed.skippedFiles,
      durationMs: Date.now() - started,
    };
    deps.log.info({ ...result, badRows: undefined }, 'test lists imported');
    return result;
  };
}
