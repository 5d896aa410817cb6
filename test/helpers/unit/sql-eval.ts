// A tiny evaluator of the SQL condition language upstream's rules use (AND, =, !=, >, <=, +,
// IS [NOT] NULL, IN (…), length(), startsWith(), parentheses), with SQL three-valued logic. The
// rule tests run it on each rule's verbatim `sql` next to the hand-ported `condition`.
type Value = number | string | null | readonly unknown[];
type Bool = boolean | null;
type Scope = Readonly<Record<string, unknown>>;

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|'([^']*)'|([A-Za-z_][A-Za-z0-9_]*)|(!=|<=|>=|[=<>+(),]))/y;

function tokenize(sql: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < sql.length) {
    if (/^\s*$/.test(sql.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(sql);
    if (!m) throw new Error(`cannot tokenize at ${TOKEN.lastIndex}: ${sql}`);
    out.push(m[1] !== undefined ? `#${m[1]}` : m[2] !== undefined ? `'${m[2]}` : (m[3] ?? m[4])!);
  }
  return out;
}

function compare(op: string, a: Value, b: Value): Bool {
  if (a === null || b === null) return null;
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return (a as number) > (b as number);
    case '<=':
      return (a as number) <= (b as number);
    default:
      throw new Error(`operator ${op}`);
  }
}

const toBool = (v: Value | Bool): Bool => (v === null ? null : typeof v === 'boolean' ? v : v !== 0);

export function evalSql(sql: string, scope: Scope): Bool {
  const t = tokenize(sql);
  let i = 0;
  const peek = (): string | undefined => t[i];
  const take = (want?: string): string => {
    const tok = t[i++];
    if (tok === undefined || (want !== undefined && tok.toUpperCase() !== want)) throw new Error(`expected ${want} in ${sql}`);
    return tok;
  };
  const primary = (): Value | Bool => {
    const tok = take();
    if (tok.startsWith('#')) return Number(tok.slice(1));
    if (tok.startsWith("'")) return tok.slice(1);
    if (tok === '(') {
      const v = andExpr();
      take(')');
      return v;
    }
    if (peek() === '(') {
      take('(');
      const args: (Value | Bool)[] = [additive()];
      while (peek() === ',') {
        take(',');
        args.push(additive());
      }
      take(')');
      if (tok === 'length') return (args[0] as readonly unknown[]).length;
      if (tok === 'startsWith') return args[0] === null ? null : (args[0] as string).startsWith(args[1] as string);
      throw new Error(`function ${tok}`);
    }
    if (!(tok in scope)) throw new Error(`unknown identifier ${tok}`);
    return scope[tok] as Value;
  };
  const additive = (): Value | Bool => {
    let v = primary();
    while (peek() === '+') {
      take('+');
      const w = primary();
      v = v === null || w === null ? null : (v as number) + (w as number);
    }
    return v;
  };
  const comparison = (): Bool | Value => {
    const a = additive();
    const op = peek()?.toUpperCase();
    if (op === 'IS') {
      take('IS');
      const not = peek()?.toUpperCase() === 'NOT';
      if (not) take('NOT');
      take('NULL');
      return not ? a !== null : a === null;
    }
    if (op === 'IN') {
      take('IN');
      take('(');
      const list: Value[] = [primary() as Value];
      while (peek() === ',') {
        take(',');
        list.push(primary() as Value);
      }
      take(')');
      return a === null ? null : list.includes(a as Value);
    }
    if (op === '=' || op === '!=' || op === '>' || op === '<=') {
      take();
      return compare(op, a as Value, additive() as Value);
    }
    return a;
  };
  // a lone operand stays a value, so `(b + c)` is a number
  const andExpr = (): Bool | Value => {
    const first = comparison();
    if (peek()?.toUpperCase() !== 'AND') return first;
    const parts: Bool[] = [toBool(first)];
    while (peek()?.toUpperCase() === 'AND') {
      take('AND');
      parts.push(toBool(comparison()));
    }
    if (parts.includes(false)) return false;
    return parts.includes(null) ? null : true;
  };
  const v = toBool(andExpr());
  if (i !== t.length) throw new Error(`trailing tokens in ${sql}`);
  return v;
}
