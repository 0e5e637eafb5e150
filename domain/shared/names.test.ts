import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initials, normalizeName, toHalfWidth, villageKindFromName, villageShortName } from './names';

describe('toHalfWidth', () => {
  it.each([
    ['ＡＢＣ１２３', 'ABC123'],
    ['ａｂｃ', 'abc'],
    ['（必填）', '(必填)'],
    ['＊', '*'],
    ['！～', '!~'],
    ['\u3000', ' '],
    ['张三', '张三'],
    ['·', '·'],
  ])('%j → %j', (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });
});

describe('normalizeName', () => {
  it.each([
    // traditional → simplified (Hong Kong and Taiwan forms)
    ['張家村村民委員會', '张家村村民委员会'],
    ['歐陽鋒', '欧阳锋'],
    ['衞生院', '卫生院'], // Hong Kong variant
    ['裡仁村', '里仁村'], // Taiwan variant
    ['劉德華', '刘德华'],
    ['軟體園', '软体园'], // character by character, no vocabulary rewriting
    // already simplified names stay as they are
    ['张三', '张三'],
    ['三坝社区', '三坝社区'],
    ['银闸社区居委会', '银闸社区居委会'],
    // whitespace of every kind
    [' 王　小 明 ', '王小明'],
    ['王\t小\n明', '王小明'],
    ['王\u00a0小\u200b明\ufeff', '王小明'],
    // full-width ASCII
    ['ＡＢＣ１２３', 'ABC123'],
    ['李Ｍａｒｙ', '李Mary'],
    // stray punctuation
    ['“李四”', '李四'],
    ['‘李四’', '李四'],
    ['"李四"', '李四'],
    ["'李四'", '李四'],
    ['李四，', '李四'],
    ['李四。', '李四'],
    ['李四、', '李四'],
    ['李四；', '李四'],
    ['李四：', '李四'],
    ['李四;', '李四'],
    ['李四:', '李四'],
    ['李四,', '李四'],
    ['张三（村书记）', '张三村书记'],
    ['身份证号码*', '身份证号码'],
    ['【姓名】', '姓名'],
    ['《张三》', '张三'],
    ['张三!?', '张三'],
    ['张-三', '张三'],
    // the middle dot of minority names survives between Han characters, in one normal form
    ['阿依古丽·买买提', '阿依古丽·买买提'],
    ['阿依古丽•买买提', '阿依古丽·买买提'],
    ['阿依古丽.买买提', '阿依古丽·买买提'],
    ['阿依古丽．买买提', '阿依古丽·买买提'],
    ['阿依古丽・买买提', '阿依古丽·买买提'],
    ['阿依古丽‧买买提', '阿依古丽·买买提'],
    ['阿依古丽 · 买买提', '阿依古丽·买买提'],
    ['阿依古丽··买买提', '阿依古丽·买买提'],
    ['努尔·买买提·艾力', '努尔·买买提·艾力'],
    ['阿依古麗·買買提', '阿依古丽·买买提'],
    // … but not at the edges or beside non-Han characters
    ['·张三·', '张三'],
    ['张三.', '张三'],
    ['.张三', '张三'],
    ['J.K.罗琳', 'JK罗琳'],
    ['a·b', 'ab'],
    ['张·3', '张3'],
    // symbols that are not punctuation are kept
    ['1+1', '1+1'],
    ['', ''],
    ['  ', ''],
    ['“ ”', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('gives traditional and simplified spellings of the same name the same key', () => {
    expect(normalizeName('陳 國強')).toBe(normalizeName('陈国强'));
    expect(normalizeName('黃麗華')).toBe(normalizeName('黄丽华'));
  });

  it('is idempotent', () => {
    const pieces = fc.constantFrom(
      '张', '三', '張', '衞', '裡', '乾', '著', '麼', '·', '•', '.', '．', ' ', '\u3000', '，', '“', '”',
      'Ａ', 'a', '1', '１', '(', '（', '*', '村', '委', '會', '-', '阿', '依',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }).map((a) => a.join('')), (s) => {
        const once = normalizeName(s);
        expect(normalizeName(once)).toBe(once);
        expect(once).not.toMatch(/[\s，“”()（）*]/u);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('villageShortName', () => {
  it.each([
    ['张家村村民委员会', '张家村'],
    ['三坝社区村民委员会', '三坝社区'],
    ['银闸社区居委会', '银闸社区'],
    ['银闸社区居民委员会', '银闸社区'],
    ['张家村村委会', '张家村'],
    ['张家村民委员会', '张家村'],
    ['张家村委会', '张家村'],
    ['东风居民委员会', '东风社区'],
    ['东风居委会', '东风社区'],
    ['城中村居委会', '城中村'],
    [' 张家村 村民委员会 ', '张家村'],
    ['张家村', '张家村'],
    ['银闸社区', '银闸社区'],
    ['村民委员会', '村民委员会'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(villageShortName(input)).toBe(expected);
  });
});

describe('villageKindFromName', () => {
  it.each([
    ['张家村村民委员会', '村'],
    ['三坝社区村民委员会', '村'],
    ['张家村委会', '村'],
    ['银闸社区居委会', '社区'],
    ['银闸社区居民委员会', '社区'],
    ['东风居委会', '社区'],
    ['城中村居委会', '社区'],
    ['银闸社区', '社区'],
    ['张家村', '村'],
    ['张家', '村'],
    ['银闸社区 ', '社区'],
  ] as const)('%j → %s', (input, expected) => {
    expect(villageKindFromName(input)).toBe(expected);
  });
});

describe('initials', () => {
  it.each([
    ['三坝社区', 'sbsq'],
    ['银闸社区', 'yzsq'],
    ['张家村', 'zjc'],
    ['重庆', 'cq'],
    ['银行长', 'yhz'], // the polyphonic 行 and 长 read in context
    ['張家村', 'zjc'],
    ['ABC村', 'abcc'],
    ['A区3号楼', 'aq3hl'],
    ['  三 坝 ', 'sb'],
    ['阿依古丽·买买提', 'aygl·mmt'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(initials(input)).toBe(expected);
  });
});
