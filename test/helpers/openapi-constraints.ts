// What an OpenAPI parameter schema can state about a query-string value, and sample values that may
// break it: used to prove each documented constraint is enforced (by the parsers and by the routes).

/** Whether a query-string value satisfies a parameter's JSON schema (the constraints the document can state). */
export function satisfiesParameter(schema: Record<string, any>, value: string): boolean {
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (schema.type === 'integer') {
    if (!/^-?\d+$/.test(value)) return false;
    const n = Number(value);
    if ((schema.minimum !== undefined && n < schema.minimum) || (schema.maximum !== undefined && n > schema.maximum)) return false;
  }
  if (schema.type === 'boolean' && !['true', 'false'].includes(value)) return false;
  if (schema.pattern && !new RegExp(schema.pattern).test(value)) return false;
  if (schema.minLength !== undefined && value.length < schema.minLength) return false;
  return true;
}

/** Values that break at least one kind of constraint: traversal, too short, negative, a space, too large, SQL. */
export const CONSTRAINT_BREAKERS = ['../x', 'a', '-1', 'x y', '2000000', "IT' OR 1=1--"];

/** Valid values of every required /api/_/ parameter, so that a breaking value is the only thing wrong in a request. */
export const VALID_EXPLORER_PARAMS: Readonly<Record<string, string>> = {
  asn: '30722',
  probe_cc: 'IT',
  probe_asn: 'AS30722',
  input: 'https://twitter.com/',
  test_name: 'telegram',
  domain: 'x.org',
};
