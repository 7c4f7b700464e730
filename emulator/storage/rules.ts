/**
 * CloudBase storage security rules for client (Mini Program) access: `read` guards getTempFileURL and
 * downloadFile, `write` guards uploadFile and deleteFile. A rule is `true`, `false` or an expression
 * over `auth.openid` (the caller), `resource.openid` (the file's creator; null for a file a server SDK
 * wrote: no user created it, the strict reading) and `resource.path` (the file's path in the bucket, no
 * leading `/`, as CloudBase documents it). Server SDKs bypass rules, as on CloudBase.
 *
 * The grammar is the part of CloudBase's JS-like rule language this project uses: `==`, `!=`, `&&`, `||`,
 * parentheses, `true` `false` `null`, 'strings', the three names above, `+` joining two strings and
 * `<string>.startsWith(<string>)` (both JavaScript's meaning; see emulator/README.md for which parts
 * CloudBase documents). Anything else is refused when the emulator starts, so a rule can never be
 * silently read as "allow"; a `+` or `startsWith` on a non-string gives null, which allows nothing.
 */
import { readFileSync } from 'node:fs';

export interface RuleContext {
  auth: { openid: string };
  resource: { openid: string | null; path: string };
}

type Value = string | boolean | null;
type Expr = (ctx: RuleContext) => Value;

const TOKEN = /\s*(==|!=|&&|\|\||\(|\)|\+|'[^']*'|"[^"]*"|[A-Za-z_][A-Za-z0-9_.]*)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match?.[1]) throw new Error(`storage rule: cannot read ${JSON.stringify(text.slice(at))}`);
    tokens.push(match[1]);
  }
  return tokens;
}

const NAMES: Record<string, Expr> = {
  true: () => true,
  false: () => false,
  null: () => null,
  'auth.openid': (ctx) => ctx.auth.openid,
  'resource.openid': (ctx) => ctx.resource.openid,
  'resource.path': (ctx) => ctx.resource.path,
};

/** String methods a name may be followed by: `resource.path.startsWith('recordings/')`. */
const METHODS: Record<string, (self: Value, arg: Value) => Value> = {
  startsWith: (self, arg) =>
    typeof self === 'string' && typeof arg === 'string' ? self.startsWith(arg) : null,
};

/** Only the table's own entries: `toString` or `constructor` is no rule name. */
function lookup<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function concat(a: Value, b: Value): Value {
  return typeof a === 'string' && typeof b === 'string' ? a + b : null;
}

/** Recursive descent: or → and → comparison → sum (`+`) → primary (a name, maybe with a method call). */
class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: string[],
    private readonly source: string,
  ) {}

  parse(): Expr {
    const expr = this.or();
    if (this.pos < this.tokens.length) this.fail(`unexpected ${this.tokens[this.pos]}`);
    return expr;
  }

  private or(): Expr {
    let left = this.and();
    while (this.take('||')) {
      const [a, b] = [left, this.and()];
      left = (ctx) => a(ctx) === true || b(ctx) === true;
    }
    return left;
  }

  private and(): Expr {
    let left = this.comparison();
    while (this.take('&&')) {
      const [a, b] = [left, this.comparison()];
      left = (ctx) => a(ctx) === true && b(ctx) === true;
    }
    return left;
  }

  private comparison(): Expr {
    const left = this.sum();
    if (this.take('==')) {
      const right = this.sum();
      return (ctx) => left(ctx) === right(ctx);
    }
    if (this.take('!=')) {
      const right = this.sum();
      return (ctx) => left(ctx) !== right(ctx);
    }
    return left;
  }

  private sum(): Expr {
    let left = this.primary();
    while (this.take('+')) {
      const [a, b] = [left, this.primary()];
      left = (ctx) => concat(a(ctx), b(ctx));
    }
    return left;
  }

  private primary(): Expr {
    const token = this.tokens[this.pos++];
    if (token === undefined) return this.fail('unexpected end');
    if (token === '(') {
      const inner = this.or();
      if (!this.take(')')) this.fail('missing )');
      return inner;
    }
    if (/^['"]/.test(token)) {
      const text = token.slice(1, -1);
      return () => text;
    }
    return lookup(NAMES, token) ?? this.methodCall(token);
  }

  /** `<name>.<method>(<argument>)`, e.g. `resource.path.startsWith('recordings/' + auth.openid + '/')`. */
  private methodCall(token: string): Expr {
    const dot = token.lastIndexOf('.');
    const self = lookup(NAMES, token.slice(0, dot));
    const method = lookup(METHODS, token.slice(dot + 1));
    if (dot < 0 || !self || !method) return this.fail(`unknown name ${token}`);
    if (!this.take('(')) return this.fail(`${token} must be called`);
    const arg = this.or();
    if (!this.take(')')) this.fail('missing )');
    return (ctx) => method(self(ctx), arg(ctx));
  }

  private take(token: string): boolean {
    if (this.tokens[this.pos] !== token) return false;
    this.pos += 1;
    return true;
  }

  private fail(why: string): never {
    throw new Error(`storage rule ${JSON.stringify(this.source)}: ${why}`);
  }
}

export function compileRule(rule: unknown): (ctx: RuleContext) => boolean {
  if (typeof rule === 'boolean') return () => rule;
  if (typeof rule !== 'string') throw new Error(`storage rule must be true, false or an expression string`);
  const expr = new Parser(tokenize(rule), rule).parse();
  return (ctx) => expr(ctx) === true;
}

export interface StorageRules {
  read(ctx: RuleContext): boolean;
  write(ctx: RuleContext): boolean;
}

/** CloudBase's default storage permission ("所有用户可读，仅创建者可读写") when a config has none. */
export const DEFAULT_STORAGE_RULES = { read: true, write: 'resource.openid == auth.openid' };

export function compileRules(rules: { read?: unknown; write?: unknown }): StorageRules {
  // A missing side denies, as an emulator that defaults to "deny" should.
  return { read: compileRule(rules.read ?? false), write: compileRule(rules.write ?? false) };
}

/** `storage.rules` of database/collections.json (or CloudBase's default when the file has none). */
export function rulesFromDatabaseConfig(file: string | false): StorageRules {
  if (file === false) return compileRules(DEFAULT_STORAGE_RULES);
  const config = JSON.parse(readFileSync(file, 'utf8')) as { storage?: { rules?: Record<string, unknown> } };
  return compileRules(config.storage?.rules ?? DEFAULT_STORAGE_RULES);
}
