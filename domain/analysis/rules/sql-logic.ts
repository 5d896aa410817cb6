// SQL's three-valued logic, so rule conditions read like upstream's SQL and keep its NULL
// semantics: a comparison with NULL is NULL, `NULL AND false` is false, and only `true` fires a rule
// (a NULL condition counts as false in multiIf/CASE). NaN compares false both ways, as in ClickHouse.
export type SqlBool = boolean | null;
/** A nullable SQL scalar: numbers (Int8 booleans are 0/1; may be NaN) or strings. */
export type SqlValue = number | string | null;

export const isNull = (x: SqlValue): SqlBool => x === null;
export const isNotNull = (x: SqlValue): SqlBool => x !== null;

export const eq = (a: SqlValue, b: SqlValue): SqlBool => (a === null || b === null ? null : a === b);
export const ne = (a: SqlValue, b: SqlValue): SqlBool => (a === null || b === null ? null : a !== b);
export const gt = (a: number | null, b: number | null): SqlBool => (a === null || b === null ? null : a > b);
export const le = (a: number | null, b: number | null): SqlBool => (a === null || b === null ? null : a <= b);
/** `a + b`: NULL when either is NULL. */
export const plus = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a + b);

/** `x IN (list)` over a list of non-NULL literals: NULL when x is NULL. */
export const inList = (x: string | null, list: readonly string[]): SqlBool => (x === null ? null : list.includes(x));

/** `startsWith(s, prefix)`: a literal prefix (no wildcard); NULL when s is NULL. */
export const startsWith = (s: string | null, prefix: string): SqlBool => (s === null ? null : s.startsWith(prefix));

/** `a AND b AND …`: false if any operand is false, else NULL if any is NULL, else true. */
export function and(...xs: SqlBool[]): SqlBool {
  let sawNull = false;
  for (const x of xs) {
    if (x === false) return false;
    if (x === null) sawNull = true;
  }
  return sawNull ? null : true;
}

/** A number used as a condition (`WHERE flag`): non-zero is true, NULL is NULL. */
export const truthy = (x: number | null): SqlBool => (x === null ? null : x !== 0);
