// itemEq on lists from the lazy parse = Python == on the decoded items, decoded or not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { itemEq } from '../../../activities/fastpath/py/lazy-eq.ts';
import { eq } from '../../../activities/fastpath/py/values.ts';
import { parseJsonLazily } from '../../../domain/lazy-json/parse-lazily.ts';
import { lazyStringAt } from '../../../domain/lazy-json/lazy-string.ts';

const base = fc.string({ unit: fc.constantFrom('a', 'é', '"', '\n', '中', '😀', '\ud800', '<'), minLength: 0, maxLength: 30 });
/** Pairs that are often equal or nearly equal, and some non-string items. */
const pair = fc.oneof(
  base.map((s) => [s, s] as const),
  fc.tuple(base, base),
  base.chain((s) => fc.nat(s.length).map((i) => [s, s.slice(0, i) + 'x' + s.slice(i + 1)] as const)),
  base.map((s) => [s, 1] as const),
  base.map((s) => [null, s] as const),
);

describe('itemEq on lazily parsed lists', () => {
  it('equals eq() on the decoded items, whichever side is left lazy', () => {
    let lazyPairs = 0;
    fc.assert(
      fc.property(pair, fc.integer({ min: 0, max: 12 }), fc.boolean(), ([x, y], minLazy, escapeSlash) => {
        let text = JSON.stringify({ sent: [x], received: [y] });
        if (escapeSlash) text = text.replaceAll('a', '\\u0061'); // same values, escaped differently
        const parsed = parseJsonLazily(Buffer.from(text), minLazy);
        if (parsed === null) return;
        const { sent, received } = parsed.value as { sent: unknown[]; received: unknown[] };
        if (lazyStringAt(sent, 0) || lazyStringAt(received, 0)) lazyPairs++;
        const got = itemEq(sent, 0, received, 0);
        assert.equal(got, eq(x, y));
      }),
      { numRuns: 3000 },
    );
    assert.ok(lazyPairs > 1000, `pairs with a lazy side: ${lazyPairs}`);
  });
});
