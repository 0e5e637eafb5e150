import type { ColumnSpec } from '../shared/headers';
import { parseIdNumber } from '../shared/id-number';
import { normalizeName, villageShortName } from '../shared/names';
import { cadreInput, normalizeRelation, parsePositions, type Cadre } from './cadre';

/** Columns of a cadre roster, matched by their Chinese header names. */
export const CADRE_COLUMNS: ColumnSpec[] = [
  { key: 'village', label: '村（社区）', aliases: ['村名', '村（社区）名称', '村社区', '村居', '所在村', '村（居）', '单位', '村(社区)'], required: false },
  { key: 'villageCode', label: '村代码', aliases: ['区划代码', '村级代码', '统计用区划代码', '村（社区）代码'], required: false },
  { key: 'town', label: '乡镇（街道）', aliases: ['乡镇', '镇街', '街道', '所属乡镇', '镇（街道）'], required: false },
  { key: 'name', label: '姓名', aliases: ['干部姓名'], required: true },
  { key: 'gender', label: '性别', aliases: [], required: false },
  { key: 'idNumber', label: '身份证号码', aliases: ['身份证号', '公民身份号码', '身份证'], required: true },
  { key: 'positions', label: '职务', aliases: ['现任职务', '担任职务', '职位'], required: true },
  { key: 'termStart', label: '任职时间', aliases: ['任期开始', '任职日期', '本届任职时间', '任期起'], required: false },
  { key: 'termEnd', label: '任期届满', aliases: ['任期结束', '届满时间', '任期止'], required: false },
  { key: 'phone', label: '联系电话', aliases: ['手机号码', '电话', '手机', '联系方式'], required: false },
  { key: 'relativeName', label: '亲属姓名', aliases: [], required: false },
  { key: 'relativeIdNumber', label: '亲属身份证号码', aliases: ['亲属身份证号', '亲属公民身份号码'], required: false },
  { key: 'relation', label: '与本人关系', aliases: ['亲属关系', '关系', '称谓'], required: false },
];

const LABEL = Object.fromEntries(CADRE_COLUMNS.map((c) => [c.key, c.label]));

export interface VillageRef {
  code: string;
  name: string; // full official name
  townName: string;
}

export interface RowError {
  rowNumber: number;
  column: string; // Chinese label of the column ('' for the whole row)
  reason: string;
}

export interface ImportedCadre extends Cadre {
  villageCode: string;
  rowNumbers: number[];
}

export interface CadreImportResult {
  cadres: ImportedCadre[];
  errors: RowError[];
  /** Rows read (excluding blank rows). */
  rowCount: number;
}

export interface SheetRow {
  rowNumber: number;
  cells: Record<string, string>;
}

/** Accepts 2021-01-05, 2021/1/5, 2021.01, 2021年1月, 202101: returns YYYY-MM-DD or null; undefined when unreadable. */
export function parseLooseDate(text: string): string | null | undefined {
  const t = text.trim();
  if (!t) return null;
  const m = t.match(/^(\d{4})\s*[-/.年]?\s*(\d{1,2})?\s*[-/.月]?\s*(\d{1,2})?\s*日?$/);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : 1;
  const d = m[3] ? Number(m[3]) : 1;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1950 || y > 2100 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Finds the village a row names: by 12-digit code, else by name (with the town when names repeat). */
export function makeVillageResolver(villages: VillageRef[]) {
  const byCode = new Map(villages.map((v) => [v.code, v]));
  const byName = new Map<string, VillageRef[]>();
  for (const v of villages) {
    for (const key of new Set([normalizeName(v.name), normalizeName(villageShortName(v.name))])) {
      byName.set(key, [...(byName.get(key) ?? []), v]);
    }
  }
  return (cells: Record<string, string>): { code: string } | { column: string; reason: string } => {
    const code = (cells.villageCode ?? '').replace(/\s/g, '');
    if (code) {
      const v = byCode.get(code);
      return v ? { code: v.code } : { column: LABEL.villageCode!, reason: `区划代码 ${code} 不在可导入的范围内` };
    }
    const name = normalizeName(cells.village ?? '');
    if (!name) return { column: LABEL.village!, reason: '未填写村（社区）' };
    let hits = byName.get(name) ?? byName.get(normalizeName(villageShortName(name))) ?? [];
    const town = normalizeName(cells.town ?? '');
    if (hits.length > 1 && town) hits = hits.filter((h) => normalizeName(h.townName) === town || normalizeName(h.townName).startsWith(town));
    if (hits.length === 1) return { code: hits[0]!.code };
    if (hits.length === 0) return { column: LABEL.village!, reason: `找不到村（社区）“${cells.village}”` };
    return { column: LABEL.town!, reason: `“${cells.village}”有重名（${hits.map((h) => h.townName).join('、')}），请填写乡镇（街道）或村代码` };
  };
}

/**
 * Validates roster rows into cadres with their relatives. A cadre spans consecutive rows: the first
 * row carries the cadre, later rows with the same ID number (merged cells) or with the cadre columns
 * left blank carry one more relative each. A bad cadre row makes its relative rows bad too.
 */
export function validateCadreRows(
  rows: SheetRow[],
  villages: VillageRef[],
  opts: { fixedVillageCode?: string; today: string },
): CadreImportResult {
  const resolve = makeVillageResolver(villages);
  const errors: RowError[] = [];
  const cadres: ImportedCadre[] = [];
  const seen = new Map<string, ImportedCadre>(); // id number -> cadre in this file
  let current: { cadre: ImportedCadre | null; idRaw: string; nameRaw: string; villageRaw: string } | null = null;

  for (const row of rows) {
    const c = row.cells;
    const err = (key: string, reason: string) => errors.push({ rowNumber: row.rowNumber, column: key ? (LABEL[key] ?? key) : '', reason });
    const hasCadre = Boolean((c.name ?? '').trim() || (c.idNumber ?? '').trim());
    const hasRelative = Boolean((c.relativeName ?? '').trim() || (c.relativeIdNumber ?? '').trim() || (c.relation ?? '').trim());
    if (!hasCadre && !hasRelative) continue;

    // A continuation row: cadre columns blank, or the same person repeated (how merged cells read).
    const same = (a: string | undefined, b: string) => normalizeName(a ?? '') === normalizeName(b);
    const continues =
      current &&
      (!hasCadre || ((c.idNumber ?? '').trim() === current.idRaw && same(c.name, current.nameRaw) && same(c.village, current.villageRaw)));
    if (!continues) {
      current = { cadre: null, idRaw: (c.idNumber ?? '').trim(), nameRaw: c.name ?? '', villageRaw: c.village ?? '' };
      const before = errors.length;
      const village = opts.fixedVillageCode ? { code: opts.fixedVillageCode } : resolve(c);
      if ('reason' in village) errors.push({ rowNumber: row.rowNumber, column: village.column, reason: village.reason });
      const { positions, unknown } = parsePositions(c.positions ?? '');
      if (!(c.positions ?? '').trim()) err('positions', '未填写职务');
      else if (unknown.length) err('positions', `无法识别的职务：${unknown.join('、')}`);
      const idCheck = parseIdNumber(c.idNumber ?? '', { today: opts.today });
      if (!(c.idNumber ?? '').trim()) err('idNumber', '未填写身份证号码');
      else if (!idCheck.ok) err('idNumber', idCheck.reason);
      const termStart = parseLooseDate(c.termStart ?? '');
      const termEnd = parseLooseDate(c.termEnd ?? '');
      if (termStart === undefined) err('termStart', `无法识别的日期“${c.termStart}”`);
      if (termEnd === undefined) err('termEnd', `无法识别的日期“${c.termEnd}”`);
      const gender = (c.gender ?? '').trim();
      if (gender && gender !== '男' && gender !== '女') err('gender', '性别应为“男”或“女”');
      if (errors.length > before) continue;

      const parsed = cadreInput.safeParse({
        name: normalizeName(c.name ?? ''),
        gender: gender || (idCheck.ok ? idCheck.gender : null),
        idNumber: c.idNumber ?? '',
        positions,
        termStart: termStart ?? null,
        termEnd: termEnd ?? null,
        phone: (c.phone ?? '').replace(/\s/g, '') || null,
        relatives: [],
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) err(String(issue.path[0] ?? ''), issue.message);
        continue;
      }
      const dup = seen.get(parsed.data.idNumber);
      if (dup) {
        err('idNumber', `身份证号码与第 ${dup.rowNumbers[0]} 行重复`);
        continue;
      }
      const cadre: ImportedCadre = { ...parsed.data, villageCode: (village as { code: string }).code, rowNumbers: [row.rowNumber] };
      seen.set(cadre.idNumber, cadre);
      cadres.push(cadre);
      current.cadre = cadre;
    } else if (!current!.cadre) {
      err('', '所属干部的信息有误，本行亲属未导入');
      continue;
    } else {
      current!.cadre.rowNumbers.push(row.rowNumber);
    }

    if (hasRelative) {
      const cadre = current!.cadre!;
      const before = errors.length;
      const relName = normalizeName(c.relativeName ?? '');
      const relation = normalizeRelation(c.relation ?? '');
      if (!relName) err('relativeName', '未填写亲属姓名');
      if (!relation) err('relation', '未填写与本人关系');
      let relId: string | null = null;
      if ((c.relativeIdNumber ?? '').trim()) {
        const r = parseIdNumber(c.relativeIdNumber!, { today: opts.today });
        if (r.ok) relId = r.value;
        else err('relativeIdNumber', r.reason);
      }
      if (errors.length > before) {
        // The cadre itself is fine, but a half-imported family is worse than none: drop the cadre too.
        const i = cadres.indexOf(cadre);
        if (i >= 0) cadres.splice(i, 1);
        seen.delete(cadre.idNumber);
        for (const n of cadre.rowNumbers.filter((n) => n !== row.rowNumber)) {
          errors.push({ rowNumber: n, column: '', reason: `该干部的亲属信息（第 ${row.rowNumber} 行）有误，整条未导入` });
        }
        current!.cadre = null;
        continue;
      }
      cadre.relatives.push({ name: relName, idNumber: relId, relation: relation! });
    }
  }
  errors.sort((a, b) => a.rowNumber - b.rowNumber);
  const rowCount = rows.filter((r) => Object.values(r.cells).some((v) => v.trim())).length;
  return { cadres, errors, rowCount };
}
