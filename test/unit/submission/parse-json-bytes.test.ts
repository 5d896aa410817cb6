// parseJsonBytes (an ASCII fast path beside the strict decoder) reads bytes exactly as a fatal
// UTF-8 TextDecoder followed by JSON.parse does.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseJsonBytes } from '../../../domain/submission/parse-json-object.ts';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function reference(bytes: Uint8Array): { value: unknown } | 'rejected' {
  try {
    return { value: JSON.parse(strict.decode(bytes)) as unknown };
  } catch {
    return 'rejected';
  }
}
const ours = (bytes: Uint8Array) => {
  const r = parseJsonBytes(bytes);
  return r.kind === 'json' ? { value: r.value } : 'rejected';
};

describe('parseJsonBytes = strict TextDecoder + JSON.parse', () => {
  it('on JSON text of random values (ASCII and not), as views at any offset', () => {
    const text = fc.oneof(
      fc.json(),
      fc.string({ unit: 'binary' }).map((s) => JSON.stringify({ s })),
      fc.string({ unit: 'binary-ascii' }),
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 3 }), (t, shift) => {
        const enc = Buffer.from(t, 'utf8');
        const backing = new Uint8Array(enc.length + 4);
        backing.set(enc, shift);
        const view = backing.subarray(shift, shift + enc.length);
        assert.deepEqual(ours(view), reference(view));
      }),
      { numRuns: 2000 },
    );
  });
  it('on random bytes around a JSON string (bad UTF-8, BOMs, NULs)', () => {
    const bytes = fc
      .tuple(fc.uint8Array({ maxLength: 12 }), fc.constantFrom(0, 0x7f, 0x80, 0xef, 0xbb, 0xbf, 0xc0, 0xed, 0xf4, 0xff))
      .map(([b, x]) => {
        const core = Buffer.concat([Buffer.from('"'), Buffer.from(b), Buffer.from([x]), Buffer.from('"')]);
        return new Uint8Array(core);
      });
    fc.assert(
      fc.property(bytes, (b) => assert.deepEqual(ours(b), reference(b))),
      { numRuns: 3000 },
    );
  });
});
