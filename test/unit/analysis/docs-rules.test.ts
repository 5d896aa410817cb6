// docs/v5-data.md's rules table lists the rule data as it is (ids, order, triples, evidence).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DNS_RULES } from '../../../domain/analysis/rules/dns.ts';
import { TCP_RULES } from '../../../domain/analysis/rules/tcp.ts';
import { TLS_RULES } from '../../../domain/analysis/rules/tls.ts';

const EVIDENCE = ['NONE', 'DISCARDED', 'SCORED'];

test('docs/v5-data.md rules table = the rule tables', () => {
  const doc = readFileSync(new URL('../../../docs/v5-data.md', import.meta.url), 'utf8');
  const documented = [...doc.matchAll(/^\| (dns|tcp|tls) \| (\d+) \| `([a-z0-9_]+)` \| \(([^)]*)\) \| ([A-Z]+) \|$/gm)].map((m) => [
    m[1],
    Number(m[2]),
    m[3],
    m[4]!.split(', ').map(Number),
    m[5],
  ]);
  const actual = (
    [
      ['dns', DNS_RULES],
      ['tcp', TCP_RULES],
      ['tls', TLS_RULES],
    ] as const
  ).flatMap(([layer, rules]) => rules.map((r, i) => [layer, i + 1, r.id, [r.blocked, r.down, r.ok], EVIDENCE[r.evidence]]));
  assert.deepEqual(documented, actual);
});
