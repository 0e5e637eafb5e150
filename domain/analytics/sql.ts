/**
 * The normalisers of normalise.ts as DuckDB SQL expressions, for bulk imports: ten million rows
 * cannot go through JavaScript one by one fast enough, but DuckDB runs these vectorised inside
 * `INSERT … SELECT … FROM read_csv(…)`. Each builder takes a SQL expression (usually a quoted source
 * column) and returns an expression; each gives exactly what its JavaScript twin gives — the same
 * value and the same issue text — which server/analytics/normalise-sql.test.ts checks row by row.
 *
 * Values: VARCHAR for identifiers, names and text; DATE for dates; BIGINT for amounts (分), areas
 * (hundredths of the stored unit) and integers; BOOLEAN for yes/no. Issues: VARCHAR or NULL.
 * Only core DuckDB functions are used (translate, regexp_*, try_cast, HUGEINT arithmetic); no
 * extension is loaded.
 *
 * Each builder takes, last, the `SqlBuilder` of its build: by default a fresh lone builder (the
 * expression stands alone); `layeredSql(build)` hands `build` a layered one, with which the
 * builders' shared subexpressions become SELECT layers (the bulk import's form).
 *
 * The parts, under sql/:
 * - builder.ts: literals, the builders (binding, guards, layers), layeredSql and layeredRelation;
 * - cells.ts: the fast cell tests and the cleaning steps (raw, half-width, invisible, simplified);
 * - codes.ts: ID numbers, credit and village codes, phones, accounts;
 * - names.ts: names, free text, addresses, dates;
 * - numbers.ts: amounts, areas, integers, yes/no;
 * - fields.ts: a standard field (fieldSql) and a whole row (normaliseRowSql).
 */
export { layeredRelation, layeredSql, loneBuilder, sqlIdentifier, sqlString, type Layered, type SqlBuilder } from './sql/builder';
export { cellTests, type CellTest } from './sql/cells';
export { accountIssueSql, accountSql, creditCodeIssueSql, creditCodeSql, idIssueSql, idNumberSql, phoneIssueSql, phoneSql, villageCodeIssueSql, villageCodeSql } from './sql/codes';
export { fieldSql, issueColumn, normaliseRowSql, type FieldSql, type RowSql } from './sql/fields';
export { addressSql, dateIssueSql, datePrecisionSql, dateSql, nameIssueSql, nameSql, textSql } from './sql/names';
export { amountFenSql, amountIssueSql, areaIssueSql, areaSql, boolIssueSql, boolSql, intIssueSql, intSql } from './sql/numbers';
