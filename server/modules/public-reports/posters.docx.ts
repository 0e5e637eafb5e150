/**
 * The 巡察公告 poster as .docx: one A4 page per target in the official layout of
 * server/modules/documents (GB/T 9704 page and margins, 方正小标宋 2号 title, 仿宋_GB2312 3号 body at the
 * 22-line pitch, 署名 and 成文日期 placed as in a sealed document), the contacts in 4号 and the QR code
 * beside the words on how to use it, so that one poster fits one page (checked in LibreOffice). A batch
 * is one document with one section (one page) per target. Pure: already-displayable text and the QR PNG in, a Buffer out.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  ImageRun,
  LineRuleType,
  Packer,
  Paragraph,
  SectionType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
  type ISectionOptions,
} from 'docx';
import type { PosterText } from '../../../domain/public-reports/notice';
import { FONTS, gridMetrics, officialDate, PAGE, signatureIndents, SIZES, STANDARD_GRID } from '../documents';

export interface PosterPage {
  text: PosterText;
  /** the QR code of the target's report page, PNG */
  qrPng: Buffer;
  /** its short code as shown (XXXX-XXXX) */
  codeShown: string;
}

const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const BODY_CHAR = 320;
const SI_CHAR = 280;
/** QR code printed 34 mm wide: scans from arm's length off a notice board, and the page keeps its one sheet. */
const QR_MM = 34;
const QR_PX = Math.round((QR_MM / 25.4) * 96);

type FontKey = 'title' | 'body' | 'hei' | 'kai' | 'song';
const font = (key: FontKey) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, cs: FONTS.latin, eastAsia: FONTS[key], hint: 'eastAsia' as const });
const run = (text: string, o: { font?: FontKey; size?: number; bold?: boolean } = {}) => new TextRun({ text, font: font(o.font ?? 'body'), size: o.size ?? SIZES.san, bold: o.bold || undefined });

function section(page: PosterPage, linePitch: number): ISectionOptions {
  const exact = { line: linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  // 4号 lines at an exact 20 pt, whatever the substitute font's own leading
  const single = { line: 400, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const p = (children: TextRun[], o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; right?: number } = {}) =>
    new Paragraph({
      children,
      alignment: o.align ?? AlignmentType.JUSTIFIED,
      spacing: exact,
      indent: o.indent ? { firstLine: 2 * BODY_CHAR, firstLineChars: 200 } : o.right !== undefined ? { right: o.right } : undefined,
    });
  const { text } = page;
  const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const contacts = text.contacts.map(
    ([label, value]) =>
      new Paragraph({
        spacing: single,
        indent: { left: 2 * SI_CHAR },
        children: [run(`${label}：`, { font: 'hei', size: SIZES.si }), run(value, { size: SIZES.si, bold: label === '信访受理截止日期' })],
      }),
  );
  // the QR code beside the words on how to use it; the image's line is not the body's exact pitch (it would clip)
  const right = Math.round((QR_MM + 8) * 56.69);
  const left = TEXT_WIDTH - right;
  const qr = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
      children: [new ImageRun({ type: 'png', data: page.qrPng, transformation: { width: QR_PX, height: QR_PX }, altText: { name: 'qr', title: '码上巡二维码', description: `扫码反映问题，扫码编号 ${page.codeShown}` } })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: single, children: [run(page.codeShown, { size: SIZES.si, bold: true })] }),
  ];
  const table = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: left, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            children: text.scanLines.map((line) => new Paragraph({ spacing: single, indent: { firstLine: 2 * SI_CHAR }, children: [run(line, { size: SIZES.si })] })),
          }),
          new TableCell({ width: { size: right, type: WidthType.DXA }, verticalAlign: VerticalAlignTable.CENTER, children: qr }),
        ],
      }),
    ],
  });
  const dateText = officialDate(text.date);
  const { issuerRight, dateRight } = signatureIndents(text.issuer, dateText, true);
  return {
    properties: {
      type: SectionType.NEXT_PAGE,
      page: {
        size: { width: PAGE.width, height: PAGE.height },
        margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: PAGE.header, footer: PAGE.footer, gutter: 0 },
      },
      grid: { type: DocumentGridType.DEFAULT, linePitch },
    },
    children: [
      ...text.title.split('\n').map((line) => p([run(line, { font: 'title', size: SIZES.er })], { align: AlignmentType.CENTER })),
      p([]),
      ...text.paragraphs.map((line) => p([run(line)], { indent: true })),
      ...contacts,
      table,
      p([]),
      p([run(text.issuer)], { align: AlignmentType.RIGHT, right: issuerRight }),
      p([run(dateText)], { align: AlignmentType.RIGHT, right: dateRight }),
    ],
  };
}

/** One document, one page per poster, in the order given. */
export async function postersDocx(pages: PosterPage[], title = '巡察公告'): Promise<Buffer> {
  if (pages.length === 0) throw new RangeError('postersDocx: no pages');
  const { linePitch, charSpacing } = gridMetrics(STANDARD_GRID);
  const doc = new Document({
    title,
    creator: pages[0]!.text.issuer,
    styles: {
      default: {
        document: {
          run: { font: font('body'), size: SIZES.san, characterSpacing: charSpacing, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: pages.map((page) => section(page, linePitch)),
  });
  return Packer.toBuffer(doc);
}
