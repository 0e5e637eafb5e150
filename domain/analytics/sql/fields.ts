/** A standard field, and a whole row of a dataset kind, as SQL. */
import { datasetKind, type DatasetKindKey, type StandardField, type Unit } from '../dataset-kinds';
import { columnLetter, type ColumnMapping } from '../mapping';
import { ISSUES, precisionColumn } from '../normalise';
import { loneBuilder, sqlIdentifier, sqlString, type SqlBuilder } from './builder';
import { accountIssueSql, accountSql, creditCodeIssueSql, creditCodeSql, idIssueSql, idNumberSql, phoneIssueSql, phoneSql, villageCodeIssueSql, villageCodeSql } from './codes';
import { addressSql, dateIssueSql, datePrecisionSql, dateSql, nameIssueSql, nameSql, textSql } from './names';
import { amountFenSql, amountIssueSql, areaIssueSql, areaSql, boolIssueSql, boolSql, intIssueSql, intSql } from './numbers';

export interface FieldSql {
  value: string;
  issue: string;
  /** date fields: 'day' | 'month' | NULL */
  precision?: string;
}

/**
 * The value and issue expressions of one standard field over one source expression: lone
 * expressions, or (with the builder `layeredSql` hands its build) expressions over its layers.
 */
export function fieldSql(field: StandardField, col: string, unit?: Unit, b: SqlBuilder = loneBuilder()): FieldSql {
  switch (field.type) {
    case 'id_number':
      return { value: idNumberSql(col, b), issue: idIssueSql(col, b) };
    case 'credit_code':
      return { value: creditCodeSql(col, b), issue: creditCodeIssueSql(col, b) };
    case 'village_code':
      return { value: villageCodeSql(col, b), issue: villageCodeIssueSql(col, b) };
    case 'name':
      return { value: nameSql(col, b), issue: nameIssueSql(col, b) };
    case 'text':
      return { value: textSql(col, b), issue: 'CAST(NULL AS VARCHAR)' };
    case 'address':
      return { value: addressSql(col, b), issue: 'CAST(NULL AS VARCHAR)' };
    case 'date':
      return { value: dateSql(col, b), issue: dateIssueSql(col, b), precision: datePrecisionSql(col, b) };
    case 'amount':
      return { value: amountFenSql(col, unit ?? '元', b), issue: amountIssueSql(col, unit ?? '元', b) };
    case 'area':
      return { value: areaSql(col, unit, field.areaUnit ?? '亩', b), issue: areaIssueSql(col, unit, field.areaUnit ?? '亩', b) };
    case 'int':
      return { value: intSql(col, b), issue: intIssueSql(col, b) };
    case 'bool':
      return { value: boolSql(col, b), issue: boolIssueSql(col, b) };
    case 'phone':
      return { value: phoneSql(col, b), issue: phoneIssueSql(col, b) };
    case 'account':
      return { value: accountSql(col, b), issue: accountIssueSql(col, b) };
  }
}

/** The column holding a field's issue in the first stage of `normaliseRowSql`. */
export const issueColumn = (fieldKey: string) => `${fieldKey}__issue`;

export interface RowSql {
  /**
   * Stage one, over the source: `expr AS name` for every stored column of the kind (storedColumns
   * order; unmapped fields are typed NULLs) and one `<key>__issue` column per mapped field.
   */
  select: string[];
  /**
   * Stage two, over stage one's columns: VARCHAR[] of "第 C 列（身份证号）：校验位错误" texts, the
   * same as normaliseRow's issue texts without the row number, in the same order.
   */
  issues: string;
  /** Stage two: TRUE when a value was dropped or a required value is missing (normaliseRow's 'error'). */
  hasError: string;
}

const NULL_OF: Record<string, string> = { amount: 'BIGINT', area: 'BIGINT', int: 'BIGINT', date: 'DATE', bool: 'BOOLEAN' };

/**
 * The whole row as SQL, in two stages so the big expressions are computed once:
 * `SELECT <stage-two expressions>, * FROM (SELECT <select> FROM source)`. `columnSql` gives the SQL
 * for a source column by its 0-based index (e.g. a quoted CSV column name).
 */
export function normaliseRowSql(
  kind: DatasetKindKey,
  mapping: ColumnMapping,
  columnSql: (index: number) => string,
  headers?: readonly string[],
): RowSql {
  const select: string[] = [];
  const issueItems: string[] = [];
  const errors: string[] = [];
  for (const field of datasetKind(kind).fields) {
    const target = mapping[field.key];
    const key = sqlIdentifier(field.key);
    if (target === undefined) {
      select.push(`CAST(NULL AS ${NULL_OF[field.type] ?? 'VARCHAR'}) AS ${key}`);
      if (field.type === 'date') select.push(`CAST(NULL AS VARCHAR) AS ${sqlIdentifier(precisionColumn(field.key))}`);
      if (field.required) {
        issueItems.push(sqlString(`“${field.label}”：${ISSUES.required}`));
        errors.push('TRUE');
      }
      continue;
    }
    const sql = fieldSql(field, columnSql(target.column), target.unit);
    select.push(`${sql.value} AS ${key}`);
    if (sql.precision !== undefined) select.push(`${sql.precision} AS ${sqlIdentifier(precisionColumn(field.key))}`);
    const issue = sqlIdentifier(issueColumn(field.key));
    select.push(`${sql.issue} AS ${issue}`);
    const place = `第 ${columnLetter(target.column)} 列（${headers?.[target.column]?.trim() || field.label}）：`;
    const requiredArm = field.required ? ` WHEN ${key} IS NULL THEN ${sqlString(place + ISSUES.required)}` : '';
    issueItems.push(`(CASE WHEN ${issue} IS NOT NULL THEN ${sqlString(place)} || ${issue}${requiredArm} ELSE NULL END)`);
    errors.push(field.required ? `${key} IS NULL` : `(${issue} IS NOT NULL AND ${key} IS NULL)`);
  }
  return {
    select,
    issues: issueItems.length === 0 ? 'CAST([] AS VARCHAR[])' : `list_filter([${issueItems.join(', ')}], lambda xc_issue: xc_issue IS NOT NULL)`,
    hasError: errors.length === 0 ? 'FALSE' : `(${errors.join(' OR ')})`,
  };
}
