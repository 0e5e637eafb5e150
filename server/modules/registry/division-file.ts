import type { ColumnSpec } from '../../../domain/shared/headers';
import { DomainError } from '../../../domain/shared/errors';
import { normalizeName } from '../../../domain/shared/names';
import { lookupCountyNames, type CountyDivisions } from './division-source';
import { readTable } from './spreadsheet-reader';

const COLUMNS: ColumnSpec[] = [
  { key: 'code', label: '区划代码', aliases: ['代码', '统计用区划代码', '编码', '行政区划代码'], required: true },
  { key: 'name', label: '名称', aliases: ['单位名称', '区划名称', '村（社区）名称', '乡镇（街道）名称'], required: true },
];

/**
 * Reads a user's own division list (CSV/XLSX with code and name columns, the national codes as
 * 9- or 12-digit numbers) into one county. Every bad row is reported; nothing is returned half.
 */
export async function parseDivisionFile(file: { buffer: Buffer; fileName: string }): Promise<CountyDivisions> {
  const table = await readTable(file, COLUMNS);
  const problems: string[] = [];
  const towns = new Map<string, string>();
  const villages: { code: string; name: string; townCode: string }[] = [];
  let county: string | null = null;
  for (const row of table.rows) {
    const code = (row.cells.code ?? '').replace(/\s/g, '');
    const name = normalizeName(row.cells.name ?? '');
    if (!code && !name) continue;
    if (!/^\d{6}$|^\d{9}$|^\d{12}$/.test(code)) {
      problems.push(`第 ${row.rowNumber} 行：区划代码“${code}”应为 9 位（乡镇）或 12 位（村、社区）数字`);
      continue;
    }
    if (!name) {
      problems.push(`第 ${row.rowNumber} 行：缺少名称`);
      continue;
    }
    const c6 = code.slice(0, 6);
    if (county && c6 !== county) {
      problems.push(`第 ${row.rowNumber} 行：代码 ${code} 不属于区县 ${county}（一个文件只能包含一个区县）`);
      continue;
    }
    county = c6;
    if (code.length === 6 || /^\d{6}0{6}$/.test(code)) continue; // the county's own row
    if (code.length === 9 || code.endsWith('000')) towns.set(code.slice(0, 9), name);
    else villages.push({ code, name, townCode: code.slice(0, 9) });
  }
  if (!county) problems.push('文件中没有区划数据');
  for (const v of villages) {
    if (!towns.has(v.townCode)) problems.push(`村（社区）${v.name}（${v.code}）所属的乡镇 ${v.townCode} 不在文件中`);
  }
  if (problems.length) {
    throw new DomainError('IMPORT_FILE_INVALID', `区划文件有 ${problems.length} 处错误，未导入任何数据：${problems.slice(0, 5).join('；')}${problems.length > 5 ? '……' : ''}`, {
      problems,
    });
  }
  const names = await lookupCountyNames(county!);
  return {
    province: names?.province ?? { code: county!.slice(0, 2), name: county!.slice(0, 2) },
    city: names?.city ?? { code: county!.slice(0, 4), name: county!.slice(0, 4) },
    county: names?.county ?? { code: county!, name: county! },
    towns: [...towns].map(([code, name]) => ({ code, name })),
    villages,
  };
}
