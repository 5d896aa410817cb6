// Slugs of findings as oonifindings makes them: `<create year>-<title lower-cased, spaces to
// dashes, anything but [0-9a-zA-Z-] dropped>`, cut at 64 characters. Upstream stores duplicates
// (two findings with one title in one year) and then fails to show either by slug; here a taken
// generated slug gets `-2`, `-3`, … (still ≤ 64), and a slug the client chose must be free.

const SLUG_MAX_LENGTH = 64;

export function findingSlug(createTime: Date, title: string): string {
  const text = title
    .toLowerCase()
    .replaceAll(' ', '-')
    .replace(/[^0-9a-zA-Z-]+/g, '');
  return `${createTime.getUTCFullYear()}-${text}`.slice(0, SLUG_MAX_LENGTH);
}

/** The `n`th candidate for `base` (n = 1 is `base` itself), within the length cap. */
export function slugCandidate(base: string, n: number): string {
  if (n <= 1) return base;
  const suffix = `-${n}`;
  return `${base.slice(0, SLUG_MAX_LENGTH - suffix.length)}${suffix}`;
}

/**
 * `/incidents/show/{key}` looks a finding up by id when the key is an integer (Python's `int()`
 * accepts it), else by slug, as upstream. So a slug must never read as an integer.
 */
export const isIdKey = (key: string): boolean => /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(key);

/** A slug a client may choose: the characters generated slugs use, 1–64 of them, not an integer. */
export const isValidSlug = (slug: string): boolean => /^[0-9a-zA-Z-]{1,64}$/.test(slug) && !isIdKey(slug);
