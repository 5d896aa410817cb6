// URL prioritisation for check-in and GET /api/v1/test-list/urls (OONI's prio.py): candidates
// are the country's test list plus the global one, each with its web_connectivity measurement
// count over the latest two weeks of url_msmt_counts; priority = sum of the matching
// url_priorities rules; weight = priority / max(msmt_cnt, 0.1); highest weight first.
import type postgres from 'postgres';
import type { TestListUrl, UrlQuery } from './options.ts';

export interface PrioritisationCandidate {
  url: string;
  /** the list's code as stored: lower-case country, `ZZ` for the global list */
  cc: string;
  category_code: string;
  domain: string;
  msmt_cnt: number;
}

export interface PriorityRule {
  category_code: string;
  cc: string;
  domain: string;
  url: string;
  priority: number;
}

type Prioritised<E> = E & { priority: number; weight: number };

/** A test-list item with the figures it was chosen by (debug_prioritization's test_items). */
export interface PrioritisedTestItem extends TestListUrl {
  msmt_cnt: number;
  priority: number;
  weight: number;
}

const wild = (v: string) => v === '' || v === '*';

/** match_prio_rule: category_code, domain and url equal or wildcard; cc too, except for global entries. */
function matchesRule(e: PrioritisationCandidate, r: PriorityRule): boolean {
  if (!wild(r.category_code) && r.category_code !== e.category_code) return false;
  if (!wild(r.domain) && r.domain !== e.domain) return false;
  if (!wild(r.url) && r.url !== e.url) return false;
  if (e.cc.toUpperCase() !== 'ZZ' && !wild(r.cc) && r.cc.toUpperCase() !== e.cc.toUpperCase()) return false;
  return true;
}

/**
 * compute_priorities, sorted by weight descending. The original's sort is stable over an
 * unordered query; ties here are broken by url, then list code, so answers are reproducible.
 */
export function computePriorities<E extends PrioritisationCandidate>(entries: readonly E[], rules: readonly PriorityRule[]): Prioritised<E>[] {
  return entries
    .map((e) => {
      let priority = 0;
      for (const r of rules) if (matchesRule(e, r)) priority += r.priority;
      return { ...e, priority, weight: priority / Math.max(e.msmt_cnt, 0.1) };
    })
    .sort((a, b) => b.weight - a.weight || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0) || (a.cc < b.cc ? -1 : a.cc > b.cc ? 1 : 0));
}

/** generate_test_list: drop priority ≤ 0 and unwanted categories, cut at limit; global entries answer `XX`. */
function selectTestList(prioritised: Prioritised<PrioritisationCandidate>[], categoryCodes: string[], limit: number): PrioritisedTestItem[] {
  const wanted = new Set(categoryCodes);
  const out: PrioritisedTestItem[] = [];
  for (const e of prioritised) {
    if (out.length >= limit) break;
    if (e.priority <= 0) continue;
    if (wanted.size > 0 && !wanted.has(e.category_code)) continue;
    out.push({
      category_code: e.category_code,
      url: e.url,
      country_code: e.cc.toUpperCase() === 'ZZ' ? 'XX' : e.cc.toUpperCase(),
      msmt_cnt: e.msmt_cnt,
      priority: e.priority,
      weight: e.weight,
    });
  }
  return out;
}

/** Candidates and rules from PostgreSQL; `asn` 0 means every network (test-list/urls). */
async function fetchPrioritisationInput(
  sql: postgres.Sql,
  cc: string,
  asn: number,
): Promise<{ candidates: PrioritisationCandidate[]; rules: PriorityRule[] }> {
  const asnFilter = asn === 0 ? sql`` : sql`and probe_asn = ${asn}`;
  const candidates = await sql<PrioritisationCandidate[]>`
    with weeks as (select distinct week from url_msmt_counts order by week desc limit 2),
    cnt as (
      select input_md5, sum(msmt_cnt)::int as msmt_cnt from url_msmt_counts
      where probe_cc = ${cc} and week in (select week from weeks) ${asnFilter}
      group by input_md5
    )
    select c.url, c.cc, c.category_code, c.domain, coalesce(cnt.msmt_cnt, 0)::int as msmt_cnt
    from citizenlab c left join cnt on cnt.input_md5 = md5(c.url)
    where c.cc in (${cc.toLowerCase()}, ${cc.toUpperCase()}, 'ZZ')
    order by c.url collate "C", c.cc collate "C"`;
  const rules = await sql<PriorityRule[]>`
    select category_code, cc, domain, url, priority from url_priorities where upper(cc) = ${cc.toUpperCase()} or cc in ('*', '')
    order by category_code collate "C", cc collate "C", domain collate "C", url collate "C"`;
  return { candidates: [...candidates], rules: [...rules] };
}

/** Every url_priorities rule (show_countries_prioritization applies them all). */
export async function fetchAllPriorityRules(sql: postgres.Sql): Promise<PriorityRule[]> {
  return [
    ...(await sql<
      PriorityRule[]
    >`select category_code, cc, domain, url, priority from url_priorities order by category_code collate "C", cc collate "C", domain collate "C", url collate "C"`),
  ];
}

export interface TestListRequest {
  /** upper-case country code, `ZZ` for none */
  probeCc: string;
  /** 0 = every network */
  asn: number;
  categoryCodes: string[];
  limit: number;
}

/** generate_test_list with its debug data: the chosen items, every candidate and the rules applied. */
export async function generateTestList(
  sql: postgres.Sql,
  q: TestListRequest,
): Promise<{ items: PrioritisedTestItem[]; candidates: PrioritisationCandidate[]; rules: PriorityRule[] }> {
  const { candidates, rules } = await fetchPrioritisationInput(sql, q.probeCc, q.asn);
  return { items: selectTestList(computePriorities(candidates, rules), q.categoryCodes, q.limit), candidates, rules };
}

/** The `urlSource` option of the probe services, answering from PostgreSQL. */
export function createPrioritisedUrlSource(sql: postgres.Sql): (q: UrlQuery) => Promise<TestListUrl[]> {
  return async (q) => {
    const asn = Number(/^AS(\d+)$/i.exec(q.probeAsn)?.[1] ?? 0);
    const { items } = await generateTestList(sql, { probeCc: q.probeCc.toUpperCase(), asn, categoryCodes: q.categoryCodes, limit: q.limit });
    return items.map(({ category_code, url, country_code }) => ({ category_code, url, country_code }));
  };
}
