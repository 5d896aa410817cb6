// Category codes as check-in and test-list/urls accept them: an array or a comma list,
// alphabetic only, upper-cased. OONI answers 500 on bad codes; we answer a 4xx.

export function parseCategoryCodes(raw: unknown): string[] | null {
  if (raw === undefined || raw === null) return [];
  const items = typeof raw === 'string' ? raw.split(',') : raw;
  if (!Array.isArray(items)) return null;
  const codes: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') return null;
    const code = item.trim();
    if (code === '') continue;
    if (!/^[A-Za-z]+$/.test(code)) return null;
    codes.push(code.toUpperCase());
  }
  return codes;
}

export function filterAndLimit<T extends { category_code: string }>(urls: T[], categoryCodes: string[], limit: number): T[] {
  const wanted = new Set(categoryCodes);
  return urls.filter((u) => wanted.size === 0 || wanted.has(u.category_code)).slice(0, limit);
}
