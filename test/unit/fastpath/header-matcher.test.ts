// Header fingerprints matched through the by-name index give the original's list walk: the same
// matches in list order, and the same exception where a base64 header value is bad.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { matchHeaders } from '../../../activities/fastpath/fingerprints/match.ts';
import type { Fingerprint, Fingerprints } from '../../../activities/fastpath/index.ts';
import { loadFingerprintsFromCsv } from '../../../activities/fastpath/index.ts';
import { b64decode } from '../../../activities/fastpath/py/base64.ts';
import { csvFingerprints } from '../../helpers/unit/fastpath.ts';

const latin1 = new TextDecoder('latin1');
const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** match_http_headers_fingerprints as the original walks it: every header fingerprint in list order. */
function listWalk(fps: Fingerprints, resp: Record<string, unknown>): Fingerprint[] {
  const matches: Fingerprint[] = [];
  const raw = resp.headers as Record<string, unknown>;
  const headers = new Map(Object.keys(raw).map((k) => [k.toLowerCase(), raw[k]]));
  const decoded = new Map<string, unknown>();
  for (const fp of fps.headers) {
    const name = fp.locationFound.slice(7);
    const v = headers.get(name);
    if (fp.patternType === 'full') {
      if (v === fp.pattern) matches.push(fp);
    } else if (fp.patternType === 'prefix') {
      let text = v;
      if (isDict(v) && v.format === 'base64') {
        if (!decoded.has(name)) decoded.set(name, latin1.decode(b64decode(Object.hasOwn(v, 'data') ? v.data : '')));
        text = decoded.get(name);
      }
      if (typeof text === 'string' && text.startsWith(fp.pattern)) matches.push(fp);
    }
  }
  return matches;
}

const outcome = (f: () => Fingerprint[]) => {
  try {
    return { matches: f().map((fp) => fp.name + '|' + fp.locationFound + '|' + fp.pattern) };
  } catch (e) {
    return { raised: e instanceof Error ? `${e.constructor.name} ${e.message}` : String(e) };
  }
};

function headerValues(fps: Fingerprints) {
  const patterns = fps.headers.map((fp) => fp.pattern);
  const text = fc.oneof(
    fc.constantFrom(...patterns),
    fc.constantFrom(...patterns).chain((p) => fc.integer({ min: 0, max: p.length }).map((n) => p.slice(0, n))),
    fc.tuple(fc.constantFrom(...patterns), fc.string({ maxLength: 8 })).map(([p, s]) => p + s),
    fc.string({ maxLength: 10 }),
  );
  const value = fc.oneof(
    { weight: 4, arbitrary: text },
    text.map((t) => ({ format: 'base64', data: Buffer.from(t, 'latin1').toString('base64') })),
    fc.constantFrom({ format: 'base64', data: 'abc' }, { format: 'base64', data: 7 }, { format: 'base64' }, { format: 'x' }),
    fc.constantFrom(null, 3, true, ['a']),
  );
  const names = [...new Set(fps.headers.map((fp) => fp.locationFound.slice(7)))];
  const name = fc.oneof(
    fc.constantFrom(...names),
    fc.constantFrom(...names).map((n) => n.toUpperCase()),
    fc.constantFrom('x-other', 'date'),
  );
  return fc.dictionary(name, value, { maxKeys: 5 });
}

function agrees(fps: Fingerprints, runs: number) {
  fc.assert(
    fc.property(headerValues(fps), (headers) => {
      const resp = { headers };
      assert.deepEqual(
        outcome(() => {
          const m: Fingerprint[] = [];
          matchHeaders(fps, resp, m);
          return m;
        }),
        outcome(() => listWalk(fps, resp)),
      );
    }),
    { numRuns: runs },
  );
}

describe('header fingerprints by name = the list walk', () => {
  it('on random headers built from the canonical patterns (prefixes, base64, bad base64)', () => agrees(csvFingerprints(), 3000));
  it('on a small list with interleaved names, duplicate and empty patterns', () => {
    const head = 'name,scope,other_names,location_found,pattern_type,pattern,confidence_no_fp,expected_countries,source,exp_url,notes\n';
    const rows = [
      'a,nat,,header.server,full,nginx,5,,,,',
      'b,nat,,header.location,prefix,http://b,5,,,,',
      'c,nat,,header.server,prefix,ngi,5,,,,',
      'd,nat,,header.location,prefix,http://blocked,5,,,,',
      'e,nat,,header.server,prefix,,5,,,,',
      'f,nat,,header.via,prefix,squid,5,,,,',
      'g,nat,,header.server,full,nginx,5,,,,',
      'h,nat,,header.location,contains,http,5,,,,',
      'i,nat,,header.via,prefix,sq,5,,,,',
    ];
    agrees(loadFingerprintsFromCsv({ dns: head, http: head + rows.join('\n') + '\n' }), 3000);
  });
});
