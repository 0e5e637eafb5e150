import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
  type IRunOptions,
} from 'docx';
import { chineseNumeral, displayWidth, officialDate } from './format';

/**
 * The layout engine for 党政机关公文 (GB/T 9704-2012): plain blocks in, a .docx Buffer out.
 * Numbers and the reasons behind them: docs/decisions/0006-official-documents.md.
 */

// ── Layout constants (twips: 1/1440 inch; 1 mm = 56.69 twips) ─────────────────────────────────────────────
const mm = (v: number) => Math.round((v * 1440) / 25.4);

export const PAGE = {
  width: mm(210), // 11906
  height: mm(297), // 16838
  top: mm(37), // 天头 2098
  left: mm(28), // 订口 1587
  right: mm(26), // 1474 — 210 − 28 − 156
  bottom: mm(35), // 1984 — 297 − 37 − 225
  header: mm(15),
  // the page-number line sits about 7 mm below the text block: 35 − 7 − one 4号 line ≈ 23 mm from the edge
  footer: mm(23),
} as const;

export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right; // 8845 twips = 156 mm
export const TEXT_HEIGHT = PAGE.height - PAGE.top - PAGE.bottom; // 12756 twips = 225 mm

/** Chinese font names as Word knows them (w:eastAsia); LibreOffice substitutes installed CJK fonts when absent. */
export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  hei: '黑体',
  kai: '楷体_GB2312',
  song: '宋体',
  latin: 'Times New Roman',
} as const;
export type FontKey = Exclude<keyof typeof FONTS, 'latin'>;

/** Chinese type sizes in half-points (docx `size`). */
export const SIZES = { er: 44, san: 32, si: 28, xiaosi: 24 } as const; // 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt

const BODY_CHAR = 320; // one 三号 character, in twips
const SI_CHAR = 280; // one 四号 character

export interface Grid {
  /** Lines per page; GB/T 9704 gives 22. */
  linesPerPage: number;
  /** Characters per line; GB/T 9704 gives 28. */
  charsPerLine: number;
}
export const STANDARD_GRID: Grid = { linesPerPage: 22, charsPerLine: 28 };

/**
 * How a grid is realised: an exact line pitch (twips) that fits the lines into 225 mm, and a character spacing
 * (twips, negative) that fits the characters of 三号 type into 156 mm. Word's document grid (w:docGrid) is not used
 * for it: LibreOffice lays a linesAndChars grid out with 21 lines of 27 characters (see decision 0006).
 */
export function gridMetrics(grid: Grid): { linePitch: number; charSpacing: number; charPitch: number } {
  const linePitch = Math.floor(TEXT_HEIGHT / grid.linesPerPage);
  const charPitch = Math.floor(TEXT_WIDTH / grid.charsPerLine);
  return { linePitch, charSpacing: charPitch - BODY_CHAR, charPitch };
}

// ── Blocks ───────────────────────────────────────────────────────────────────────────────────────────────
export interface Run {
  text: string;
  bold?: boolean;
  font?: FontKey;
  underline?: boolean;
}
export type Inline = string | Run;

export interface CellSpec {
  /** One paragraph per string. */
  text: string | string[];
  colSpan?: number;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
}
export type Cell = string | number | null | CellSpec;
export interface RowSpec {
  cells: Cell[];
  /** Minimum height in body lines, for signature and free-text rows of a form. */
  minHeightLines?: number;
}

export type Block =
  /** Headings are numbered automatically: level 1 "一、" (黑体), level 2 "（一）" (楷体), level 3 "1." (仿宋 bold). */
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; numbered?: boolean }
  /** A body paragraph, first line indented two characters unless `indent: false`. */
  | { kind: 'paragraph'; text: Inline | Inline[]; align?: 'left' | 'center' | 'right' | 'justify'; indent?: boolean }
  /** A bordered table; the header row is bold and repeats on every page. */
  | { kind: 'table'; header?: string[]; rows: (Cell[] | RowSpec)[]; widths?: number[]; small?: boolean }
  /** Items as indented paragraphs numbered "（1）" (paren), "1." (arabic) or not at all (none). */
  | { kind: 'list'; items: string[]; numbering?: 'paren' | 'arabic' | 'none' }
  /** Signature places laid out two to a line: "label：name" and the date below. */
  | { kind: 'signatures'; items: { label: string; name?: string; date?: string }[] }
  | { kind: 'blank'; lines?: number }
  | { kind: 'pageBreak' };

export interface Appendix {
  title: string;
  body: Block[];
}

export interface OfficialDocumentInput {
  /** 标题; "\n" breaks it into lines (GB/T 9704 arranges long titles in several centred lines, 梯形或菱形). */
  title: string;
  /** 版头: 发文机关标志 in red and the 发文字号 above the red rule. Without it the title opens the page. */
  letterhead?: { organ: string; number?: string };
  /** 主送机关, without the trailing colon. */
  addressee?: string;
  body: Block[];
  /** 附件说明: the names of the attachments, in order. */
  attachments?: string[];
  /** Blocks after 署名 and 成文日期, such as receipt and hand-over signature lines. */
  postscript?: Block[];
  /** Attachments printed after the signature, each from a new page headed 附件N. */
  appendices?: Appendix[];
  /** 发文字号 under the title when there is no letterhead (信函式 documents such as notices and letters), right-aligned. */
  number?: string;
  /** 发文机关署名. */
  issuer: string;
  /** 成文日期, ISO YYYY-MM-DD. */
  date: string;
  /** With a seal (default): 成文日期右空四字, the issuer centred over the date (7.3.5.1); without: 右空二字 (7.3.5.2). */
  sealed?: boolean;
  /** 抄送机关 (版记). */
  copyTo?: string[];
  /** 印发机关和印发日期 (版记). */
  printedBy?: { organ: string; date: string };
  grid?: Grid;
  /** Forms such as the working paper carry their signatures in the form and no 署名 or 成文日期 below the text. */
  omitSignature?: boolean;
  /** Core property "title"; defaults to the title. */
  documentTitle?: string;
}

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

function fontOf(key: FontKey, latin: string = FONTS.latin) {
  return { ascii: latin, hAnsi: latin, cs: latin, eastAsia: FONTS[key], hint: 'eastAsia' };
}

function run(text: string, opts: { font?: FontKey; size?: number; bold?: boolean; color?: string; underline?: boolean } = {}): TextRun {
  const o: IRunOptions = {
    text,
    font: fontOf(opts.font ?? 'body'),
    size: opts.size ?? SIZES.san,
    bold: opts.bold || undefined,
    color: opts.color,
    underline: opts.underline ? {} : undefined,
  };
  return new TextRun(o);
}

const LINE_BREAK = /\r\n|[\r\n\v\f\u2028\u2029]/;

/** User text split into lines: CR LF, CR, LF, Word's vertical tab and form feed all end a line; blank lines dropped. */
export function textLines(text: string): string[] {
  return text
    .split(LINE_BREAK)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
}

/** Renders blocks; keeps the heading counters of one document. */
class Renderer {
  private counters = [0, 0, 0];
  constructor(private readonly linePitch: number) {}

  private spacing(lines = 0) {
    return { line: this.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: lines };
  }

  paragraph(children: TextRun[], opts: { align?: keyof typeof ALIGN; indent?: boolean; left?: number; right?: number; hanging?: number; keepNext?: boolean; border?: { top?: IBorderOptions; bottom?: IBorderOptions }; tabRight?: boolean } = {}): Paragraph {
    const indent: Record<string, number> = {};
    if (opts.indent) Object.assign(indent, { firstLine: 2 * BODY_CHAR, firstLineChars: 200 });
    if (opts.left !== undefined) indent.left = opts.left;
    if (opts.right !== undefined) indent.right = opts.right;
    if (opts.hanging !== undefined) indent.hanging = opts.hanging;
    return new Paragraph({
      children,
      alignment: ALIGN[opts.align ?? 'justify'],
      indent: Object.keys(indent).length > 0 ? indent : undefined,
      spacing: this.spacing(),
      keepNext: opts.keepNext,
      border: opts.border,
      tabStops: opts.tabRight ? [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - SI_CHAR }] : undefined,
    });
  }

  blank(lines = 1): Paragraph[] {
    return Array.from({ length: lines }, () => this.paragraph([]));
  }

  heading(level: 1 | 2 | 3, text: string, numbered = true): Paragraph {
    let prefix = '';
    if (numbered) {
      this.counters[level - 1]! += 1;
      for (let i = level; i < 3; i++) this.counters[i] = 0;
      const n = this.counters[level - 1]!;
      prefix = level === 1 ? `${chineseNumeral(n)}、` : level === 2 ? `（${chineseNumeral(n)}）` : `${n}.`;
    }
    const font: FontKey = level === 1 ? 'hei' : level === 2 ? 'kai' : 'body';
    return this.paragraph([run(prefix + textLines(text).join(' '), { font, bold: level === 3 })], { indent: true, keepNext: true });
  }

  inline(text: Inline | Inline[]): TextRun[] {
    const parts = Array.isArray(text) ? text : [text];
    return parts.map((p) => (typeof p === 'string' ? run(p.replace(/\s*(?:\r\n|[\r\n\v\f\u2028\u2029])\s*/g, '')) : run(p.text.replace(/\s*(?:\r\n|[\r\n\v\f\u2028\u2029])\s*/g, ''), { font: p.font, bold: p.bold, underline: p.underline })));
  }

  table(block: Extract<Block, { kind: 'table' }>): Table {
    const size = block.small ? SIZES.xiaosi : SIZES.si;
    const rows = block.rows.map((r) => (Array.isArray(r) ? { cells: r } : r));
    const columns = block.header?.length ?? Math.max(...rows.map((r) => r.cells.reduce<number>((n, c) => n + (typeof c === 'object' && c !== null ? (c.colSpan ?? 1) : 1), 0)));
    const rel = block.widths && block.widths.length === columns ? block.widths : Array.from({ length: columns }, () => 1);
    const sum = rel.reduce((a, b) => a + b, 0);
    const widths = rel.map((w) => Math.floor((TEXT_WIDTH * w) / sum));
    const cellParagraphs = (lines: string[], align: keyof typeof ALIGN, bold: boolean, font: FontKey) =>
      lines.map(
        (line) =>
          new Paragraph({
            children: [run(line, { size, bold, font })],
            alignment: ALIGN[align],
            spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
          }),
      );
    const makeRow = (cells: Cell[], header: boolean, minHeightLines?: number) => {
      let col = 0;
      const children = cells.map((c) => {
        const spec: CellSpec = typeof c === 'object' && c !== null ? c : { text: c === null ? '' : String(c) };
        const span = spec.colSpan ?? 1;
        const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
        col += span;
        const lines = (Array.isArray(spec.text) ? spec.text : [spec.text]).flatMap((t) => (t === '' ? [''] : t.split(LINE_BREAK)));
        return new TableCell({
          children: cellParagraphs(lines, header ? 'center' : (spec.align ?? 'left'), header || !!spec.bold, header ? 'hei' : 'body'),
          columnSpan: span > 1 ? span : undefined,
          width: { size: width, type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
        });
      });
      return new TableRow({
        children,
        tableHeader: header || undefined,
        cantSplit: true,
        height: minHeightLines ? { value: minHeightLines * this.linePitch, rule: HeightRule.ATLEAST } : undefined,
      });
    };
    const line: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
    return new Table({
      rows: [...(block.header ? [makeRow(block.header, true)] : []), ...rows.map((r) => makeRow(r.cells, false, r.minHeightLines))],
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      margins: { left: 80, right: 80, top: 40, bottom: 40 },
      borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    });
  }

  list(items: string[], numbering: 'paren' | 'arabic' | 'none'): Paragraph[] {
    return items.map((item, i) =>
      this.paragraph([run(numbering === 'paren' ? `（${i + 1}）${item}` : numbering === 'arabic' ? `${i + 1}.${item}` : item)], { indent: true }),
    );
  }

  signatures(items: { label: string; name?: string; date?: string }[]): Table {
    const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
    const half = Math.floor(TEXT_WIDTH / 2);
    const rows: TableRow[] = [];
    for (let i = 0; i < items.length; i += 2) {
      const pair = items.slice(i, i + 2);
      while (pair.length < 2) pair.push({ label: '' });
      rows.push(
        new TableRow({
          cantSplit: true,
          children: pair.map(
            (s) =>
              new TableCell({
                width: { size: half, type: WidthType.DXA },
                children: s.label
                  ? [
                      this.paragraph([run(`${s.label}：${s.name ?? ''}`)], { align: 'left' }),
                      this.paragraph([run(s.date ? officialDate(s.date) : '年　　月　　日')], { align: 'right', right: 2 * BODY_CHAR }),
                    ]
                  : [this.paragraph([])],
              }),
          ),
        }),
      );
    }
    return new Table({
      rows,
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [half, half],
      layout: TableLayoutType.FIXED,
      borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    });
  }

  blocks(blocks: Block[]): (Paragraph | Table)[] {
    const out: (Paragraph | Table)[] = [];
    for (const b of blocks) {
      switch (b.kind) {
        case 'heading':
          out.push(this.heading(b.level, b.text, b.numbered ?? true));
          break;
        case 'paragraph':
          // a plain text with line breaks becomes one paragraph per line
          if (typeof b.text === 'string') {
            for (const line of textLines(b.text).length ? textLines(b.text) : ['']) out.push(this.paragraph(this.inline(line), { align: b.align, indent: b.indent ?? true }));
          } else out.push(this.paragraph(this.inline(b.text), { align: b.align, indent: b.indent ?? true }));
          break;
        case 'table':
          out.push(this.table(b));
          break;
        case 'list':
          out.push(...this.list(b.items, b.numbering ?? 'paren'));
          break;
        case 'signatures':
          out.push(this.signatures(b.items));
          break;
        case 'blank':
          out.push(...this.blank(b.lines ?? 1));
          break;
        case 'pageBreak':
          out.push(new Paragraph({ children: [], pageBreakBefore: true, spacing: this.spacing() }));
          break;
      }
    }
    return out;
  }
}

/** Width of a line of body text in 三号 characters (half-width digits count half). */
function chars(text: string): number {
  return displayWidth(text) / 2;
}

/** Right indents (twips) of 发文机关署名 and 成文日期, GB/T 9704-2012 7.3.5. */
export function signatureIndents(issuer: string, date: string, sealed: boolean): { issuerRight: number; dateRight: number } {
  const iw = chars(issuer);
  const dw = chars(date);
  if (sealed) {
    // 成文日期右空四字; the issuer centred on the date.
    const dateRight = 4;
    const issuerRight = Math.max(0, dateRight + (dw - iw) / 2);
    return { issuerRight: Math.round(issuerRight * BODY_CHAR), dateRight: dateRight * BODY_CHAR };
  }
  // 署名右空二字; the date below, its first character two to the right of the issuer's first character;
  // a date longer than the issuer is set 右空二字 and the issuer moved left instead.
  let issuerRight = 2;
  let dateRight = iw - dw;
  if (dw > iw) {
    dateRight = 2;
    issuerRight = dateRight + dw + 2 - iw;
  }
  return { issuerRight: Math.round(issuerRight * BODY_CHAR), dateRight: Math.round(dateRight * BODY_CHAR) };
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const font = fontOf('song', FONTS.song);
  const opts = { font, size: SIZES.si };
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: SI_CHAR } : { left: SI_CHAR },
        children: [new TextRun({ ...opts, children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

/** Builds an official document. */
export async function officialDocument(input: OfficialDocumentInput): Promise<Buffer> {
  const grid = input.grid ?? STANDARD_GRID;
  const { linePitch, charSpacing } = gridMetrics(grid);
  const r = new Renderer(linePitch);
  const children: (Paragraph | Table)[] = [];

  if (input.letterhead) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
        children: [run(input.letterhead.organ, { font: 'title', size: 60, color: 'E60012' })],
      }),
      ...r.blank(2),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: 0, line: linePitch, lineRule: LineRuleType.EXACT },
        // 发文字号之下 4 mm 处 a red rule as wide as the text block
        border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'E60012', space: 11 } },
        children: [run(input.letterhead.number ?? '')],
      }),
      ...r.blank(2),
    );
  }

  for (const line of input.title.split('\n')) {
    children.push(r.paragraph([run(line, { font: 'title', size: SIZES.er })], { align: 'center' }));
  }
  if (input.number) children.push(r.paragraph([run(input.number)], { align: 'right', right: BODY_CHAR }));
  children.push(...r.blank(1));
  if (input.addressee) children.push(r.paragraph([run(`${input.addressee}：`)], { align: 'left' }));

  children.push(...r.blocks(input.body));

  const attachments = input.attachments ?? [];
  if (attachments.length > 0) {
    children.push(...r.blank(1));
    attachments.forEach((name, i) => {
      const label = attachments.length === 1 ? name : `${i + 1}. ${name}`;
      // 附件说明: 左空二字 "附件：", later names aligned under the first
      children.push(r.paragraph([run(i === 0 ? `附件：${label}` : label)], { align: 'left', left: 5 * BODY_CHAR, hanging: i === 0 ? 3 * BODY_CHAR : 0 }));
    });
  }

  if (!input.omitSignature) {
    const sealed = input.sealed ?? true;
    const dateText = officialDate(input.date);
    const { issuerRight, dateRight } = signatureIndents(input.issuer, dateText, sealed);
    children.push(...r.blank(sealed ? 2 : 1));
    children.push(r.paragraph([run(input.issuer)], { align: 'right', right: issuerRight, keepNext: true }));
    children.push(r.paragraph([run(dateText)], { align: 'right', right: dateRight }));
  }

  if (input.postscript) children.push(...r.blank(1), ...r.blocks(input.postscript));

  (input.appendices ?? []).forEach((a, i) => {
    children.push(
      new Paragraph({ pageBreakBefore: true, spacing: { line: linePitch, lineRule: LineRuleType.EXACT }, children: [run(input.appendices!.length > 1 || attachments.length > 1 ? `附件${i + 1}` : '附件', { font: 'hei' })] }),
      ...r.blank(1),
      r.paragraph([run(a.title, { font: 'title', size: SIZES.er })], { align: 'center' }),
      ...r.blank(1),
      ...new Renderer(linePitch).blocks(a.body),
    );
  });

  if ((input.copyTo && input.copyTo.length > 0) || input.printedBy) {
    const thick: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
    const thin: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };
    children.push(...r.blank(1));
    const edition = (text: TextRun[], border: { top?: IBorderOptions; bottom?: IBorderOptions }, tab = false) =>
      new Paragraph({
        children: text,
        indent: { left: SI_CHAR, right: SI_CHAR },
        border,
        spacing: { line: linePitch, lineRule: LineRuleType.EXACT },
        tabStops: tab ? [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - 2 * SI_CHAR }] : undefined,
        keepNext: true,
      });
    if (input.copyTo && input.copyTo.length > 0) {
      children.push(edition([run(`抄送：${input.copyTo.join('，')}。`, { size: SIZES.si })], { top: thick, bottom: input.printedBy ? thin : thick }));
    }
    if (input.printedBy) {
      children.push(
        edition(
          [run(input.printedBy.organ, { size: SIZES.si }), new TextRun({ children: ['\t'] }), run(`${officialDate(input.printedBy.date)}印发`, { size: SIZES.si })],
          { top: input.copyTo?.length ? undefined : thick, bottom: thick },
          true,
        ),
      );
    }
  }

  const doc = new Document({
    title: input.documentTitle ?? input.title.replace(/\n/g, ''),
    creator: input.issuer,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: fontOf('body'), size: SIZES.san, characterSpacing: charSpacing, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: PAGE.header, footer: PAGE.footer, gutter: 0 },
          },
          // no snapping grid (type default): the pitch is in the paragraphs; Word shows it as the line pitch
          grid: { type: DocumentGridType.DEFAULT, linePitch },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
