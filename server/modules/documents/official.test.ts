import { describe, expect, it } from 'vitest';
import { chineseNumeral, displayWidth, officialDate, yuan, yuanInText } from './format';
import { FONTS, gridMetrics, officialDocument, PAGE, signatureIndents, STANDARD_GRID, TEXT_HEIGHT, TEXT_WIDTH, type OfficialDocumentInput } from './official';
import { readDocx } from './test-read';

const sample: OfficialDocumentInput = {
  title: '关于东湖村党组织巡察情况的\n反馈意见',
  letterhead: { organ: '中共城关县委巡察工作领导小组办公室', number: '城巡办〔2026〕7号' },
  addressee: '中共城关镇委员会',
  body: [
    { kind: 'paragraph', text: '根据县委巡察工作统一部署，县委第一巡察组对东湖村党组织开展了巡察。' },
    { kind: 'heading', level: 1, text: '基本情况' },
    { kind: 'heading', level: 2, text: '党的领导方面' },
    { kind: 'heading', level: 3, text: '会议制度落实不到位' },
    { kind: 'heading', level: 3, text: '议事程序不规范' },
    { kind: 'heading', level: 2, text: '党的建设方面' },
    { kind: 'heading', level: 3, text: '发展党员程序不严' },
    { kind: 'heading', level: 1, text: '整改要求' },
    { kind: 'table', header: ['序号', '问题', '金额'], rows: [[1, '三会一课记录缺失', '—'], [2, { text: '集体资金坐收坐支', bold: true }, '12,000.00元']], widths: [1, 6, 2] },
    { kind: 'list', items: ['压实主体责任', '建立问题台账'] },
    { kind: 'paragraph', text: [{ text: '特别提示：', bold: true }, '整改情况按期报送。'] },
  ],
  attachments: ['东湖村问题清单', '整改工作要求'],
  appendices: [{ title: '东湖村问题清单', body: [{ kind: 'paragraph', text: '见清单。' }] }],
  issuer: '县委巡察办',
  date: '2026-11-22',
  copyTo: ['县纪委监委', '县委组织部'],
  printedBy: { organ: '县委巡察办', date: '2026-11-23' },
};

describe('format helpers', () => {
  it('writes Chinese ordinals, official dates, money and CJK widths', () => {
    expect([1, 9, 10, 11, 20, 23, 100, 105, 110, 999].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '二十', '二十三', '一百', '一百零五', '一百一十', '九百九十九']);
    expect(officialDate('2026-01-05')).toBe('2026年1月5日');
    expect(officialDate('2026-11-22T10:00:00Z')).toBe('2026年11月22日');
    expect(() => officialDate('22/11/2026')).toThrow();
    expect(yuan(1234.5)).toBe('1,234.50元');
    expect(yuanInText(9999)).toBe('9,999.00元');
    expect(yuanInText(156000)).toBe('15.60万元');
    expect(displayWidth('东湖村A1')).toBe(8);
    expect(displayWidth('（一）')).toBe(6);
  });
});

describe('GB/T 9704 layout', () => {
  it('is A4 with the standard margins, a 22 × 28 grid and exact line pitch', async () => {
    const d = readDocx(await officialDocument(sample));
    expect(d.document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    // 天头 37 mm, 订口 28 mm, bottom 35 mm, right 26 mm
    expect(d.document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect([PAGE.top, PAGE.left, PAGE.bottom, PAGE.right]).toEqual([2098, 1587, 1984, 1474]);
    expect(Math.round((TEXT_WIDTH / 1440) * 25.4)).toBe(156);
    expect(Math.round((TEXT_HEIGHT / 1440) * 25.4)).toBe(225);
    const { linePitch, charSpacing, charPitch } = gridMetrics(STANDARD_GRID);
    expect(linePitch).toBe(579); // 28.95 pt: 22 lines fill 225 mm
    expect(Math.floor(TEXT_HEIGHT / linePitch)).toBe(22);
    // 28 characters of 16 pt (320 twips) squeezed into 156 mm (8845 twips): −0.25 pt between characters
    expect(charSpacing).toBe(-5);
    expect(28 * charPitch).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(29 * charPitch).toBeGreaterThan(TEXT_WIDTH);
    expect(d.files['word/styles.xml']).toMatch(/<w:rPrDefault><w:rPr>[^]*<w:spacing w:val="-5"\/>[^]*<\/w:rPrDefault>/);
    expect(d.files['word/styles.xml']).toMatch(/<w:pPrDefault><w:pPr><w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"\/>/);
    // no snapping document grid (LibreOffice would lay it out with 21 lines of 27 characters)
    expect(d.document).toContain('<w:docGrid w:type="default" w:linePitch="579"/>');
    expect(d.document).toContain('w:line="579" w:lineRule="exact"');
  });

  it('a configurable grid changes the line pitch', () => {
    expect(gridMetrics({ linesPerPage: 28, charsPerLine: 28 }).linePitch).toBe(Math.floor(TEXT_HEIGHT / 28));
  });

  it('declares the Chinese fonts as East Asian fonts with their sizes', async () => {
    const d = readDocx(await officialDocument(sample));
    // title 2号 方正小标宋简体, body 3号 仿宋_GB2312, level-1 heading 黑体, level-2 楷体_GB2312
    expect(d.document).toMatch(new RegExp(`w:eastAsia="${FONTS.title}"[^>]*/><w:sz w:val="44"/>`));
    expect(d.document).toMatch(new RegExp(`w:eastAsia="${FONTS.body}"[^>]*/><w:sz w:val="32"/>`));
    expect(d.document).toMatch(new RegExp(`w:eastAsia="${FONTS.hei}"[^>]*/><w:sz w:val="32"/>[\\s\\S]*?一、基本情况`));
    expect(d.document).toMatch(new RegExp(`w:eastAsia="${FONTS.kai}"[^>]*/><w:sz w:val="32"/>[\\s\\S]*?（一）党的领导方面`));
    expect(d.files['word/styles.xml']).toContain(`w:eastAsia="${FONTS.body}"`);
    expect(d.files['word/styles.xml']).toContain('w:eastAsia="zh-CN"');
  });

  it('puts "— N —" page numbers in 4号 宋体, odd pages right and even pages left', async () => {
    const d = readDocx(await officialDocument(sample));
    expect(d.settings).toContain('<w:evenAndOddHeaders/>');
    expect(d.document).toMatch(/<w:footerReference w:type="default"[^>]*\/><w:footerReference w:type="even"/);
    expect(d.footers).toHaveLength(2);
    for (const f of d.footers) {
      expect(f).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      expect(f).toContain('>— </w:t>');
      expect(f).toContain('> —</w:t>');
      expect(f).toContain(`w:eastAsia="${FONTS.song}"`);
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    const [odd, even] = d.footers.map((f) => (/<w:jc w:val="(\w+)"/.exec(f) ?? [])[1]);
    expect(new Set([odd, even])).toEqual(new Set(['right', 'left']));
    const rels = d.files['word/_rels/document.xml.rels']!;
    const evenId = /<w:footerReference w:type="even" r:id="(\w+)"/.exec(d.document)![1];
    const evenTarget = new RegExp(`Id="${evenId}"[^>]*Target="(footer\\d+\\.xml)"`).exec(rels)?.[1] ?? new RegExp(`Target="(footer\\d+\\.xml)"[^>]*Id="${evenId}"`).exec(rels)![1];
    expect(d.files[`word/${evenTarget}`]).toContain('<w:jc w:val="left"/>');
  });

  it('lays out letterhead, title, addressee, numbered headings, table, list, attachments, signature and 版记 in order', async () => {
    const d = readDocx(await officialDocument(sample));
    const want = [
      '中共城关县委巡察工作领导小组办公室',
      '城巡办〔2026〕7号',
      '关于东湖村党组织巡察情况的',
      '反馈意见',
      '中共城关镇委员会：',
      '根据县委巡察工作统一部署，县委第一巡察组对东湖村党组织开展了巡察。',
      '一、基本情况',
      '（一）党的领导方面',
      '1.会议制度落实不到位',
      '2.议事程序不规范',
      '（二）党的建设方面',
      '1.发展党员程序不严',
      '二、整改要求',
      '（1）压实主体责任',
      '（2）建立问题台账',
      '特别提示：整改情况按期报送。',
      '附件：1. 东湖村问题清单',
      '2. 整改工作要求',
      '县委巡察办',
      '2026年11月22日',
      '附件1',
      '东湖村问题清单',
      '抄送：县纪委监委，县委组织部。',
      '县委巡察办\t2026年11月23日印发',
    ];
    let at = -1;
    for (const w of want) {
      const i = d.paragraphs.findIndex((p, k) => k > at && p === w);
      expect(i, w).toBeGreaterThan(at);
      at = i;
    }
    expect(d.tables[0]).toEqual([
      ['序号', '问题', '金额'],
      ['1', '三会一课记录缺失', '—'],
      ['2', '集体资金坐收坐支', '12,000.00元'],
    ]);
    // the header row repeats on each page; rows do not break across pages
    expect(d.document).toMatch(/<w:tblHeader\/>[\s\S]*?序号/);
    expect(d.document).toContain('<w:cantSplit/>');
    expect(d.document).toMatch(/<w:tblBorders>[\s\S]*?<w:insideH w:val="single"/);
    // body paragraphs are indented two characters
    expect(d.document).toMatch(/<w:ind w:firstLine="640" w:firstLineChars="200"\/>[\s\S]{0,600}根据县委巡察工作统一部署/);
    // the appendix starts a new page
    expect(d.document).toMatch(/<w:pageBreakBefore\/>[\s\S]{0,600}>附件1</);
    // the red rule under the document number
    expect(d.document).toMatch(/<w:bottom w:val="single" w:color="E60012"/);
  });

  it('right-indents 署名 and 成文日期 as GB/T 9704-2012 7.3.5 gives', async () => {
    // sealed: date 4 characters from the right (4 × 320 twips), the issuer centred on it
    const date = '2026年11月22日'; // 7 characters wide (digits are half-width)
    expect(signatureIndents('县委巡察办', date, true)).toEqual({ dateRight: 1280, issuerRight: 1600 });
    expect(signatureIndents('中共城关县委第一巡察组', date, true)).toEqual({ dateRight: 1280, issuerRight: 640 });
    // unsealed: issuer 2 characters from the right, date starting two characters further right than the issuer
    expect(signatureIndents('中共城关县委第一巡察组', date, false)).toEqual({ issuerRight: 640, dateRight: 1280 });
    expect(signatureIndents('县委第一巡察组', '2026年12月5日', false)).toEqual({ issuerRight: 640, dateRight: 160 });
    // a date longer than the issuer: date 右空二字, issuer moved left
    expect(signatureIndents('县委巡察办', date, false)).toEqual({ dateRight: 640, issuerRight: 1920 });
    const d = readDocx(await officialDocument(sample));
    expect(d.document).toMatch(/<w:ind w:right="1600"\/><w:jc w:val="right"\/><\/w:pPr><w:r>(?:(?!<\/w:p>)[^])*?>县委巡察办</);
    expect(d.document).toMatch(/<w:ind w:right="1280"\/><w:jc w:val="right"\/><\/w:pPr><w:r>(?:(?!<\/w:p>)[^])*?>2026年11月22日</);
  });

  it('a form leaves out 署名 and 成文日期; a single attachment carries no number', async () => {
    const d = readDocx(await officialDocument({ title: '表', body: [{ kind: 'paragraph', text: '正文' }], attachments: ['清单'], issuer: '某单位', date: '2026-11-22', omitSignature: true }));
    expect(d.paragraphs).toContain('附件：清单');
    expect(d.text).not.toContain('2026年11月22日');
    expect(d.text).not.toContain('某单位');
  });

  it('turns pasted line breaks (CR LF, Word’s vertical tab) into paragraphs and drops control characters', async () => {
    const d = readDocx(
      await officialDocument({
        title: '测试',
        body: [
          { kind: 'heading', level: 1, text: '标题\n换行' },
          { kind: 'paragraph', text: '第一段\r\n第二段\u000b第三段\u0001。\n\n' },
          { kind: 'table', rows: [['甲\r\n乙\u0002']] },
        ],
        issuer: '某单位',
        date: '2026-11-22',
      }),
    );
    expect(d.paragraphs).toContain('一、标题 换行');
    const at = d.paragraphs.indexOf('第一段');
    expect(d.paragraphs.slice(at, at + 3)).toEqual(['第一段', '第二段', '第三段。']);
    expect(d.tables[0]).toEqual([['甲\n乙']]);
    const controls = [...d.document].filter((ch) => ch.charCodeAt(0) < 0x20 && !'\t\n\r'.includes(ch));
    expect(controls).toEqual([]);
  });
});
