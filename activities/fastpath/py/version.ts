// PEP 440 version parsing and ordering (packaging.version.Version), used by the signal scorer.
import { PyError } from './errors.ts';

const VERSION_RE = new RegExp(
  '^[\\s]*v?(?:(?:([0-9]+)!)?([0-9]+(?:\\.[0-9]+)*)' +
    '([-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?' +
    '((?:-([0-9]+))|(?:[-_.]?(post|rev|r)[-_.]?([0-9]+)?))?' +
    '([-_.]?(dev)[-_.]?([0-9]+)?)?)' +
    '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?[\\s]*$',
  'i',
);

type Num = bigint;
export interface Version {
  epoch: Num;
  release: Num[];
  pre: [number, Num] | null;
  post: Num | null;
  dev: Num | null;
  local: (Num | string)[] | null;
}

const PRE_RANK: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

export function parseVersion(v: unknown): Version {
  if (typeof v !== 'string') throw new PyError('TypeError', 'expected string or bytes-like object');
  const m = VERSION_RE.exec(v);
  if (!m) throw new PyError('InvalidVersion', `Invalid version: '${v}'`);
  const big = (s: string | undefined) => BigInt(s ?? '0');
  return {
    epoch: big(m[1]),
    release: m[2]!.split('.').map((x) => BigInt(x)),
    pre: m[4] ? [PRE_RANK[m[4].toLowerCase()]!, big(m[5])] : null,
    post: m[6] ? big(m[7] ?? m[9]) : null,
    dev: m[10] ? big(m[12]) : null,
    local: m[13]
      ? m[13]
          .toLowerCase()
          .split(/[-_.]/)
          .map((p) => (/^[0-9]+$/.test(p) ? BigInt(p) : p))
      : null,
  };
}

// Sort keys as in packaging's _cmpkey; ±Infinity stand-ins are numbers, real values bigints.
type Key = number | bigint | string | Key[];

function cmpKey(v: Version): Key[] {
  const rel = [...v.release];
  while (rel.length > 0 && rel[rel.length - 1] === 0n) rel.pop();
  let pre: Key;
  if (v.pre === null && v.post === null && v.dev !== null) pre = -Infinity;
  else if (v.pre === null) pre = Infinity;
  else pre = [BigInt(v.pre[0]), v.pre[1]];
  const post: Key = v.post === null ? -Infinity : v.post;
  const dev: Key = v.dev === null ? Infinity : v.dev;
  const local: Key = v.local === null ? -Infinity : v.local.map((p) => (typeof p === 'bigint' ? [p, ''] : [-Infinity, p]));
  return [v.epoch, rel, pre, post, dev, local];
}

function cmp(a: Key, b: Key): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = cmp(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (typeof a === 'number' || typeof b === 'number') {
    // infinities against anything
    const x = typeof a === 'number' ? a : 0;
    const y = typeof b === 'number' ? b : 0;
    if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
    return typeof a === 'number' ? (x < 0 ? -1 : 1) : y < 0 ? 1 : -1;
  }
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b ? 0 : a < b ? -1 : 1;
  const sa = String(a);
  const sb = String(b);
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

export function compareVersions(a: Version, b: Version): number {
  return cmp(cmpKey(a), cmpKey(b));
}
