/**
 * The .xlsx layout of a checklist version: one row per item, the aspect repeated on every row (a
 * merged or blank aspect cell continues the one above), manifestations one per line. Pure: the
 * server turns workbooks into string grids and back; this file decides what the cells mean.
 */
import { CATALOGUE_KINDS, POWER_CLASSES, POWER_CLASS_LIST, powerClassByName, type CatalogueContent, type CatalogueKind, type PowerClass } from './catalogue';

export const ITEM_SHEET = '监督清单';
export const META_SHEET = '清单信息';

export interface ColumnSpec {
  key: 'aspect' | 'title' | 'powerClass' | 'villageTraits' | 'manifestations' | 'basis';
  header: string;
  /** characters wide in the exported sheet */
  width: number;
  required: boolean;
}

export const ITEM_COLUMNS: readonly ColumnSpec[] = [
  { key: 'aspect', header: '方面', width: 24, required: true },
  { key: 'title', header: '事项', width: 36, required: true },
  { key: 'powerClass', header: '小微权力类别', width: 14, required: false },
  { key: 'villageTraits', header: '适用村情', width: 18, required: false },
  { key: 'manifestations', header: '问题表现（每行一条，或用；分隔）', width: 60, required: false },
  { key: 'basis', header: '依据', width: 36, required: false },
];

const LIMITS = { aspect: 100, title: 200, manifestation: 500, basis: 1000, trait: 30 } as const;

export interface SheetError {
  /** 1-based row number as the spreadsheet shows it */
  row: number;
  column: string;
  message: string;
}

export const sheetErrorText = (e: SheetError): string => (e.row > 0 ? `第 ${e.row} 行“${e.column}”列：${e.message}` : `${e.column}：${e.message}`);

const clean = (s: string | undefined) => (s ?? '').replace(/\u00a0/g, ' ').trim();
const normaliseHeader = (s: string) => clean(s).replace(/[\s（(].*$/, '');

export const splitManifestations = (cell: string): string[] =>
  cell
    .split(/\r?\n|；|;/)
    .map((s) => s.replace(/^\s*(\d+[.、．)）]|[（(]\d+[)）]|[①-⑳])\s*/, '').trim())
    .filter((s) => s !== '');
export const splitTraits = (cell: string): string[] => [
  ...new Set(
    cell
      .split(/[、，,；;\n]+/)
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  ),
];

/** The item rows (header first) of a version, ready for a sheet. */
export function contentToRows(content: CatalogueContent): string[][] {
  const rows: string[][] = [ITEM_COLUMNS.map((c) => c.header)];
  for (const aspect of content) {
    if (aspect.items.length === 0) rows.push([aspect.name, '', '', '', '', '']);
    for (const item of aspect.items)
      rows.push([
        aspect.name,
        item.title,
        item.powerClass ? POWER_CLASSES[item.powerClass] : '',
        item.villageTraits.join('、'),
        item.manifestations.join('\n'),
        item.basis,
      ]);
  }
  return rows;
}

/** Reads the item sheet. All or nothing: any error and `content` is null. */
export function rowsToContent(grid: readonly (readonly string[])[]): { content: CatalogueContent | null; errors: SheetError[] } {
  const errors: SheetError[] = [];
  const headerIndex = grid.slice(0, 10).findIndex((r) => {
    const names = r.map(normaliseHeader);
    return names.includes('方面') && names.includes('事项');
  });
  if (headerIndex < 0) {
    return { content: null, errors: [{ row: 0, column: '表头', message: `未找到表头：前 10 行中应有“方面”“事项”两列（完整表头：${ITEM_COLUMNS.map((c) => c.header).join('、')}）` }] };
  }
  const header = grid[headerIndex]!.map(normaliseHeader);
  const col = new Map<ColumnSpec['key'], number>();
  for (const spec of ITEM_COLUMNS) {
    const i = header.indexOf(normaliseHeader(spec.header));
    if (i >= 0) col.set(spec.key, i);
  }
  const cell = (r: readonly string[], key: ColumnSpec['key']) => {
    const i = col.get(key);
    return i === undefined ? '' : clean(r[i]);
  };
  const headerOf = (key: ColumnSpec['key']) => ITEM_COLUMNS.find((c) => c.key === key)!.header.replace(/（.*$/, '');

  const content: CatalogueContent = [];
  let current: CatalogueContent[number] | null = null;
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const r = grid[i]!;
    const rowNo = i + 1;
    if (r.every((c) => clean(c) === '')) continue;
    const aspectName = cell(r, 'aspect');
    const title = cell(r, 'title');
    if (aspectName !== '') {
      if (aspectName.length > LIMITS.aspect) errors.push({ row: rowNo, column: '方面', message: `不超过 ${LIMITS.aspect} 字` });
      current = content.find((a) => a.name === aspectName) ?? null;
      if (!current) {
        current = { name: aspectName, items: [] };
        content.push(current);
      }
    }
    const rest = (['powerClass', 'villageTraits', 'manifestations', 'basis'] as const).some((k) => cell(r, k) !== '');
    if (title === '') {
      if (rest) errors.push({ row: rowNo, column: '事项', message: '不能为空（该行填写了其他内容）' });
      else if (aspectName === '') errors.push({ row: rowNo, column: '方面', message: '不能为空' });
      continue;
    }
    if (!current) {
      errors.push({ row: rowNo, column: '方面', message: '不能为空（第一条事项须写明所属方面）' });
      continue;
    }
    if (title.length > LIMITS.title) errors.push({ row: rowNo, column: '事项', message: `不超过 ${LIMITS.title} 字` });
    if (current.items.some((it) => it.title === title)) errors.push({ row: rowNo, column: '事项', message: `“${title}”在“${current.name}”中重复` });
    const pcName = cell(r, 'powerClass');
    let powerClass: PowerClass | null = null;
    if (pcName !== '') {
      const pc = powerClassByName(pcName);
      if (pc) powerClass = pc;
      else errors.push({ row: rowNo, column: headerOf('powerClass'), message: `“${pcName}”不是小微权力类别，可填：${POWER_CLASS_LIST.map((k) => POWER_CLASSES[k]).join('、')}，或留空` });
    }
    const villageTraits = splitTraits(cell(r, 'villageTraits'));
    for (const t of villageTraits) if (t.length > LIMITS.trait) errors.push({ row: rowNo, column: headerOf('villageTraits'), message: `“${t.slice(0, 10)}…”超过 ${LIMITS.trait} 字` });
    const manifestations = splitManifestations(cell(r, 'manifestations'));
    manifestations.forEach((m, k) => {
      if (m.length > LIMITS.manifestation) errors.push({ row: rowNo, column: headerOf('manifestations'), message: `第 ${k + 1} 条超过 ${LIMITS.manifestation} 字` });
    });
    if (manifestations.length > 50) errors.push({ row: rowNo, column: headerOf('manifestations'), message: '不超过 50 条' });
    const basis = cell(r, 'basis');
    if (basis.length > LIMITS.basis) errors.push({ row: rowNo, column: '依据', message: `不超过 ${LIMITS.basis} 字` });
    current.items.push({ title, powerClass, villageTraits, manifestations, basis });
  }
  if (errors.length === 0 && content.every((a) => a.items.length === 0)) errors.push({ row: 0, column: '监督清单', message: '表中没有任何事项' });
  return errors.length ? { content: null, errors } : { content, errors };
}

export interface SheetMeta {
  name: string;
  kind: CatalogueKind;
  matchTags: string[];
  description: string;
}

const META_LABELS = { name: '清单名称', kind: '清单类型', matchTags: '适用村分类标签', description: '说明', version: '版本' } as const;

export function metaToRows(meta: SheetMeta & { version: string }): string[][] {
  return [
    [META_LABELS.name, meta.name],
    [META_LABELS.kind, CATALOGUE_KINDS[meta.kind]],
    [META_LABELS.matchTags, meta.matchTags.join('、')],
    [META_LABELS.description, meta.description],
    [META_LABELS.version, meta.version],
  ];
}

/** Reads the optional 清单信息 sheet: what is filled in, with errors for what is wrong. */
export function rowsToMeta(grid: readonly (readonly string[])[]): { meta: Partial<SheetMeta>; errors: SheetError[] } {
  const meta: Partial<SheetMeta> = {};
  const errors: SheetError[] = [];
  grid.forEach((r, i) => {
    const label = clean(r[0]);
    const value = clean(r[1]);
    if (value === '') return;
    if (label === META_LABELS.name) meta.name = value;
    else if (label === META_LABELS.description) meta.description = value;
    else if (label === META_LABELS.matchTags) meta.matchTags = splitTraits(value);
    else if (label === META_LABELS.kind) {
      const kind = (Object.keys(CATALOGUE_KINDS) as CatalogueKind[]).find((k) => CATALOGUE_KINDS[k] === value);
      if (kind) meta.kind = kind;
      else errors.push({ row: i + 1, column: `${META_SHEET}·${META_LABELS.kind}`, message: `应为“通用清单”或“个性化清单”，而不是“${value}”` });
    }
  });
  return { meta, errors };
}
