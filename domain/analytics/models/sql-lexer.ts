/**
 * A conservative SQL tokenizer for the comparison models: enough of the common lexical grammar of
 * DuckDB and PostgreSQL to find parameter placeholders (`:key`), identifiers and keywords outside
 * string literals, quoted identifiers and comments. Anything whose meaning differs between the two
 * engines or that could make this tokenizer disagree with the engine's own lexer (escape strings
 * E'…', Unicode strings U&'…', dollar quoting, positional `$n` parameters, unterminated literals or
 * comments, nested block comments) is reported as a token of kind `unsafe` so callers can refuse it.
 */

export type TokenKind =
  | 'space'
  | 'comment'
  | 'string'
  | 'ident'
  | 'quoted_ident'
  | 'number'
  | 'param'
  | 'op'
  | 'punct'
  | 'unsafe';

export interface Token {
  kind: TokenKind;
  /** the exact source text */
  text: string;
  /** offset in the source */
  start: number;
  /** identifiers: lower-cased name; quoted identifiers: the name without quotes; params: the key */
  value?: string;
  /** unsafe tokens: why (Chinese, for the user) */
  reason?: string;
}

const isIdentStart = (c: string) => /[A-Za-z_]/.test(c) || c.charCodeAt(0) > 0x7f;
const isIdentPart = (c: string) => /[A-Za-z0-9_]/.test(c) || c.charCodeAt(0) > 0x7f;
const OP_CHARS = '+-*/<>=~!@#%^&|`?';

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = sql.length;
  const push = (kind: TokenKind, start: number, end: number, extra?: Partial<Token>) => {
    out.push({ kind, text: sql.slice(start, end), start, ...extra });
  };
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1] ?? '';
    const start = i;
    if (/\s/.test(c)) {
      while (i < n && /\s/.test(sql[i]!)) i++;
      push('space', start, i);
    } else if (c === '-' && next === '-') {
      while (i < n && sql[i] !== '\n' && sql[i] !== '\r') i++;
      push('comment', start, i);
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) {
        push('unsafe', start, n, { reason: '注释“/*”没有结束' });
        i = n;
      } else {
        const body = sql.slice(i + 2, end);
        i = end + 2;
        // PostgreSQL nests block comments, DuckDB's lexer may not: refuse the ambiguity.
        if (body.includes('/*')) push('unsafe', start, i, { reason: '不支持嵌套的块注释' });
        else push('comment', start, i);
      }
    } else if (c === "'") {
      i++;
      let closed = false;
      while (i < n) {
        if (sql[i] === "'") {
          if (sql[i + 1] === "'") {
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        i++;
      }
      if (!closed) push('unsafe', start, n, { reason: '字符串缺少结束的单引号' });
      else push('string', start, i, { value: sql.slice(start + 1, i - 1).replace(/''/g, "'") });
    } else if (c === '"') {
      i++;
      let closed = false;
      while (i < n) {
        if (sql[i] === '"') {
          if (sql[i + 1] === '"') {
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        i++;
      }
      if (!closed) push('unsafe', start, n, { reason: '带引号的名称缺少结束的双引号' });
      else push('quoted_ident', start, i, { value: sql.slice(start + 1, i - 1).replace(/""/g, '"') });
    } else if (c === '$') {
      // $1 positional parameters and $tag$ dollar quoting: neither is allowed in model SQL.
      while (i < n && (sql[i] === '$' || isIdentPart(sql[i]!))) i++;
      push('unsafe', start, i, { reason: `不允许使用“${sql.slice(start, i)}”（请用 :参数名 引用参数）` });
    } else if (isIdentStart(c)) {
      while (i < n && (isIdentPart(sql[i]!) || sql[i] === '$')) i++;
      const word = sql.slice(start, i);
      if (sql[i] === "'" && /^(e|u&|b|x|n|r)$/i.test(word)) {
        push('unsafe', start, i + 1, { reason: `不支持前缀为 ${word} 的字符串写法` });
        i++;
      } else if (word.includes('$')) {
        push('unsafe', start, i, { reason: `名称“${word}”中不允许出现 $` });
      } else if (/^u$/i.test(word) && sql[i] === '&') {
        push('unsafe', start, i + 1, { reason: '不支持 U& 写法' });
        i++;
      } else {
        push('ident', start, i, { value: word.toLowerCase() });
      }
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next))) {
      while (i < n && /[0-9_.]/.test(sql[i]!)) i++;
      if ((sql[i] === 'e' || sql[i] === 'E') && /[0-9+-]/.test(sql[i + 1] ?? '')) {
        i += 2;
        while (i < n && /[0-9]/.test(sql[i]!)) i++;
      }
      push('number', start, i);
    } else if (c === ':') {
      if (next === ':') {
        i += 2;
        push('op', start, i);
      } else if (isIdentStart(next) && next.charCodeAt(0) <= 0x7f) {
        i++;
        while (i < n && /[A-Za-z0-9_]/.test(sql[i]!)) i++;
        push('param', start, i, { value: sql.slice(start + 1, i) });
      } else {
        i++;
        push('op', start, i);
      }
    } else if ('(),;.[]{}'.includes(c)) {
      i++;
      push('punct', start, i);
    } else if (OP_CHARS.includes(c)) {
      while (i < n && OP_CHARS.includes(sql[i]!) && !(sql[i] === '-' && sql[i + 1] === '-') && !(sql[i] === '/' && sql[i + 1] === '*')) i++;
      push('op', start, i);
    } else {
      i++;
      push('unsafe', start, i, { reason: `无法识别的字符“${c}”` });
    }
  }
  return out;
}

/** Tokens that carry meaning (no spaces or comments). */
export const significant = (tokens: readonly Token[]): Token[] => tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
