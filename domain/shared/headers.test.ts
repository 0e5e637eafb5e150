import { describe, expect, it } from 'vitest';
import { matchHeaderAlternatives, matchHeaders, normalizeHeader, type ColumnSpec } from './headers';

const spec = (key: string, label: string, aliases: string[] = [], required = true): ColumnSpec => ({
  key,
  label,
  aliases,
  required,
});

const CADRE_SPECS: ColumnSpec[] = [
  spec('name', '姓名'),
  spec('idNumber', '身份证号码', ['身份证号', '公民身份号码', '证件号码']),
  spec('gender', '性别', [], false),
  spec('position', '职务', ['现任职务', '担任职务'], false),
  spec('phone', '联系电话', ['手机号码', '手机', '电话'], false),
  spec('village', '所在村（社区）', ['村名', '村（社区）名称', '村委会'], false),
];

describe('normalizeHeader', () => {
  it.each([
    ['姓名', '姓名'],
    [' 姓 名 ', '姓名'],
    ['姓名（必填）', '姓名'],
    ['姓名(必填)', '姓名'],
    ['*姓名', '姓名'],
    ['＊姓名', '姓名'],
    ['姓名*', '姓名'],
    ['身份证号码(18位)', '身份证号码'],
    ['身份证号码（18位', '身份证号码'],
    ['金额【单位：元】', '金额'],
    ['金额[元]', '金额'],
    ['备注〔选填〕', '备注'],
    ['出生日期(yyyy-mm-dd)', '出生日期'],
    ['姓名（必填）（汉字）', '姓名'],
    ['村(（社区）)名称', '村名称'],
    ['(备注)', '备注'],
    ['ID', 'id'],
    ['Ｅｍａｉｌ', 'email'],
    ['E-mail', 'email'],
    ['姓\n名', '姓名'],
    ['職務', '职务'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeHeader(input)).toBe(expected);
  });
});

describe('matchHeaders', () => {
  it.each<[string, string[], Record<string, number>, string[], string[]]>([
    [
      'plain template',
      ['姓名', '身份证号码', '性别', '职务', '联系电话', '所在村（社区）'],
      { name: 0, idNumber: 1, gender: 2, position: 3, phone: 4, village: 5 },
      [],
      [],
    ],
    [
      'reordered, decorated, extra columns',
      ['序号', '*姓名（必填）', '性 别', '公民身份号码(18位)', '备注', '手机号码'],
      { name: 1, gender: 2, idNumber: 3, phone: 5 },
      [],
      ['序号', '备注'],
    ],
    [
      'traditional characters and full-width',
      ['姓名', '身份證號碼', '聯繫電話', 'ＩＤ'],
      { name: 0, idNumber: 1, phone: 2 },
      [],
      ['ＩＤ'],
    ],
    [
      'contains match when no exact one',
      ['人员姓名', '公民身份证号码', '现任党内职务', '户籍'],
      { name: 0, idNumber: 1, position: 2 },
      [],
      ['户籍'],
    ],
    [
      'exact beats contains: 姓名 is taken by the exact column, not 亲属姓名',
      ['亲属姓名', '姓名', '身份证号'],
      { name: 1, idNumber: 2 },
      [],
      ['亲属姓名'],
    ],
    [
      'the longest alias wins a contended column',
      ['现任职务说明', '身份证号码', '姓名'],
      { position: 0, idNumber: 1, name: 2 },
      [],
      [],
    ],
    [
      'a column serves one key: the first spec takes it',
      ['姓名', '电话', '身份证号码'],
      { name: 0, phone: 1, idNumber: 2 },
      [],
      [],
    ],
    [
      'duplicate header: the first column is used, the second is unknown',
      ['姓名', '身份证号码', '姓名'],
      { name: 0, idNumber: 1 },
      [],
      ['姓名'],
    ],
    [
      'missing required columns are reported',
      ['序号', '性别', '职务'],
      { gender: 1, position: 2 },
      ['name', 'idNumber'],
      ['序号'],
    ],
    ['empty header row', [], {}, ['name', 'idNumber'], []],
    ['blank cells are neither matched nor unknown', ['', '姓名', '  ', '身份证号'], { name: 1, idNumber: 3 }, [], []],
  ])('%s', (_title, cells, mapping, missingKeys, unknown) => {
    const r = matchHeaders(cells, CADRE_SPECS);
    expect(r.mapping).toEqual(mapping);
    expect(r.missing.map((s) => s.key)).toEqual(missingKeys);
    expect(r.unknown).toEqual(unknown);
  });

  it('never maps two keys to one column', () => {
    const specs = [spec('a', '电话'), spec('b', '联系电话'), spec('c', '电话号码')];
    const r = matchHeaders(['联系电话号码'], specs);
    expect(Object.values(r.mapping)).toEqual([0]);
    // 联系电话 and 电话号码 are both 4 long; the earlier spec wins the tie, the 2-long one loses
    expect(r.mapping).toEqual({ b: 0 });
    expect(r.missing.map((s) => s.key)).toEqual(['a', 'c']);
  });

  it('the longest matching name wins a column two specs both contain', () => {
    const specs = [spec('idNumber', '身份证号码'), spec('relativeIdNumber', '亲属身份证号', [], false)];
    // spec order alone would hand column 0 to idNumber and leave relativeIdNumber without a column
    expect(matchHeaders(['亲属身份证号码', '公民身份证号码'], specs).mapping).toEqual({ relativeIdNumber: 0, idNumber: 1 });
  });

  it('among equally long contains matches the header with the least extra text wins', () => {
    const specs = [spec('name', '姓名')];
    const r = matchHeaders(['村民姓名登记', '人员姓名'], specs);
    expect(r.mapping).toEqual({ name: 1 });
    expect(r.unknown).toEqual(['村民姓名登记']);
  });

  it('a contains match never takes a column an exact match already holds', () => {
    const specs = [spec('phone', '联系电话'), spec('mobile', '电话', ['联系电话号码'])];
    // mobile matches column 0 exactly through its alias; phone may not steal it by containment
    expect(matchHeaders(['联系电话号码', '联系电话'], specs).mapping).toEqual({ mobile: 0, phone: 1 });
  });

  it('single-character names match only exactly', () => {
    const specs = [spec('village', '村'), spec('name', '姓名')];
    expect(matchHeaders(['村民姓名', '村'], specs).mapping).toEqual({ name: 0, village: 1 });
    expect(matchHeaders(['村民姓名'], specs).mapping).toEqual({ name: 0 });
    // 村级组织 contains 村 but is not the 村 column
    expect(matchHeaders(['村民姓名', '村级组织'], specs)).toMatchObject({ mapping: { name: 0 }, unknown: ['村级组织'] });
  });

  it('latin headers compare case-insensitively', () => {
    const specs = [spec('email', 'Email', ['E-mail'])];
    expect(matchHeaders(['EMAIL'], specs).mapping).toEqual({ email: 0 });
    expect(matchHeaders(['e-mail地址'], specs).mapping).toEqual({ email: 0 });
  });

  it('aliases with bracketed notes match headers without them', () => {
    const specs = [spec('village', '村（社区）名称')];
    expect(matchHeaders(['村名称'], specs).mapping).toEqual({ village: 0 });
    expect(matchHeaders(['村(社区)名称'], specs).mapping).toEqual({ village: 0 });
  });
});

describe('matchHeaderAlternatives', () => {
  const specs = [spec('name', '姓名'), spec('relativeName', '亲属姓名', [], false), spec('relation', '关系', ['与本人关系'], false)];

  it('prefers the combined parent+child text of a two-row header', () => {
    const r = matchHeaderAlternatives([['姓名'], ['亲属姓名', '姓名'], ['亲属关系', '关系']], specs);
    expect(r.mapping).toEqual({ name: 0, relativeName: 1, relation: 2 });
    expect(r.unknown).toEqual([]);
  });

  it('falls back to the child text when the combination means nothing', () => {
    const r = matchHeaderAlternatives([['基本信息姓名', '姓名'], ['基本信息性别', '性别']], [spec('name', '姓名'), spec('gender', '性别')]);
    expect(r.mapping).toEqual({ name: 0, gender: 1 });
  });

  it('reports unknown columns by their first text', () => {
    const r = matchHeaderAlternatives([['姓名'], ['其他备注', '备注']], specs);
    expect(r.unknown).toEqual(['其他备注']);
  });
});
