/**
 * The machinery under the SQL normalisers: literals, and the builder that names a subexpression
 * used more than once. Every normaliser takes a `SqlBuilder` and asks it to bind (evaluate once and
 * name) what it reads repeatedly; the builder decides how: a lone expression binds with a
 * one-element list_transform, a layered build (the bulk import) hoists the subexpression into a
 * SELECT layer. Each build has its own builder, so builds are independent and re-entrant.
 */

/** A SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** A double-quoted SQL identifier. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export interface SqlBuilder {
  /**
   * Evaluates `expr` once and names it for `body`. DuckDB does not share common subexpressions
   * inside CASE branches, so an expression repeated there runs again each time. In a lone expression
   * a one-element list_transform binds it; inside `layeredSql` (the bulk import) it becomes a column
   * of an inner SELECT layer instead, which costs far less per row than building a list.
   */
  bind(expr: string, body: (name: string) => string): string;
  /**
   * Guards the bound subexpressions `build` makes: in layeredSql they are computed only where `skip`
   * (a bound BOOLEAN) is false, NULL elsewhere; so what `build` returns may only be read where `skip`
   * is false (the ELSE of a CASE on it).
   */
  unless(skip: string, build: () => string): string;
}

/**
 * The builder of lone expressions: each bind is a list_transform lambda, named xc_1, xc_2, … in the
 * order of binding (unique within the build, so nested lambdas never shadow one another). A lone
 * expression needs no guard: what the ELSE of a CASE binds is inside that ELSE, evaluated only there.
 */
export function loneBuilder(): SqlBuilder {
  let count = 0;
  return {
    bind: (expr, body) => {
      const name = `xc_${++count}`;
      return `list_transform([${expr}], lambda ${name}: ${body(name)})[1]`;
    },
    unless: (_skip, build) => build(),
  };
}

export interface Layered<T> {
  /** what `build` returned: expressions over the source columns and the layer columns */
  result: T;
  /**
   * `expr AS name` lists, innermost first: layer i only reads the source columns and the names of
   * layers before it, so `SELECT *, <layer i> FROM (…)` nested in order makes every name readable
   * by `result`'s expressions.
   */
  layers: string[][];
}

const LAYER_NAME = /\bxl_\d+\b/g;

/** The builder of a layered build: binds become layer columns xl_0, xl_1, … (see layeredSql). */
function layeredBuilder(): SqlBuilder & { layers: string[][] } {
  const layers: string[][] = [];
  /** the layer after the one computing each name: the first a reader of the name can be in */
  const depth = new Map<string, number>();
  /** guarded expression → its name: the same subexpression is bound once */
  const named = new Map<string, string>();
  let guards: readonly string[] = [];
  return {
    layers,
    bind: (bare, body) => {
      const expr = guards.length === 0 ? bare : `(CASE WHEN ${guards.join(' OR ')} THEN NULL ELSE ${bare} END)`;
      let name = named.get(expr);
      if (name === undefined) {
        name = `xl_${named.size}`;
        let d = 0;
        for (const m of expr.matchAll(LAYER_NAME)) d = Math.max(d, depth.get(m[0]) ?? 0);
        (layers[d] ??= []).push(`${expr} AS ${name}`);
        depth.set(name, d + 1);
        named.set(expr, name);
      }
      return body(name);
    },
    unless: (skip, build) => {
      const outer = guards;
      guards = [...outer, skip];
      try {
        return build();
      } finally {
        guards = outer;
      }
    },
  };
}

/**
 * Runs `build` (calls of the normalisers with the builder it is given) with every bound
 * subexpression hoisted into SELECT layers: computed once per row however often the value, issue
 * and precision of a field use it, and shared between them (the same subexpression is bound once).
 * The expressions of `result` give exactly what the lone expressions give;
 * server/analytics/normalise-sql.test.ts checks both. Everything a layer computes runs for every
 * row, so bound expressions must not fail on text they were not meant for (try_cast, not CAST).
 */
export function layeredSql<T>(build: (b: SqlBuilder) => T): Layered<T> {
  const b = layeredBuilder();
  return { result: build(b), layers: b.layers };
}

/** `SELECT *, <layer> FROM (…)` around `relation` for each layer, innermost first. */
export function layeredRelation(relation: string, layers: readonly string[][]): string {
  return layers.reduce((inner, layer) => `(SELECT *, ${layer.join(', ')} FROM ${inner})`, relation);
}
