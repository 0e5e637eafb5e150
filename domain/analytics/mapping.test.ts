import { describe, expect, it } from 'vitest';
import { DATASET_KINDS, FIELD_TYPES, datasetKind, isDatasetKindKey } from './dataset-kinds';
import { assertValidMapping, columnLetter, detectHeader, isTotalRow, suggestMapping, validateMapping } from './mapping';
import { normalizeHeader } from '../shared/headers';

describe('dataset kinds', () => {
  it('every kind has unique snake_case field keys, a required field, known types and synonyms', () => {
    expect(DATASET_KINDS.map((k) => k.key)).toEqual([
      'benefit_payments',
      'public_payroll',
      'deaths',
      'vehicles',
      'real_estate',
      'companies',
      'shareholders',
      'cadres',
      'contracts',
      'village_payments',
      'bids',
      'land_rights',
    ]);
    for (const kind of DATASET_KINDS) {
      const keys = kind.fields.map((f) => f.key);
      expect(new Set(keys).size, kind.key).toBe(keys.length);
      expect(keys.every((k) => /^[a-z][a-z0-9_]*$/.test(k)), kind.key).toBe(true);
      expect(kind.fields.some((f) => f.required), kind.key).toBe(true);
      for (const field of kind.fields) {
        expect(FIELD_TYPES).toContain(field.type);
        expect(field.label).toMatch(/\p{Script=Han}/u);
        expect(field.description.length).toBeGreaterThan(0);
        if (field.type === 'area') expect(['亩', '平方米']).toContain(field.areaUnit);
      }
    }
  });

  it('within a kind no synonym names two fields exactly', () => {
    for (const kind of DATASET_KINDS) {
      const owner = new Map<string, string>();
      for (const field of kind.fields) {
        for (const name of new Set([field.label, ...field.synonyms].map(normalizeHeader))) {
          const other = owner.get(name);
          // a label always wins over another field's synonym, so only label/label and synonym/synonym clashes matter
          if (other !== undefined && other !== field.key) {
            const otherField = kind.fields.find((f) => f.key === other)!;
            const clash = normalizeHeader(otherField.label) !== name && normalizeHeader(field.label) !== name;
            expect(clash ? `${kind.key}: “${name}” in ${other} and ${field.key}` : '').toBe('');
          }
          owner.set(name, field.key);
        }
      }
    }
  });

  it('looks kinds up by key', () => {
    expect(datasetKind('deaths').label).toBe('死亡及户籍注销');
    expect(isDatasetKindKey('bids')).toBe(true);
    expect(isDatasetKindKey('nope')).toBe(false);
    expect(datasetKind('cadres').fromRegistry).toBe(true);
  });
});

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [2, 'C'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%i → %s', (i, letter) => expect(columnLetter(i)).toBe(letter));
});

describe('detectHeader', () => {
  it('skips a title row repeated across merged cells and a unit line, and reads the table unit', () => {
    const rows = [
      ['2023年度张集镇低保发放花名册', '2023年度张集镇低保发放花名册', '2023年度张集镇低保发放花名册', '2023年度张集镇低保发放花名册'],
      ['填报单位：张集镇民政办', '', '', '单位：元'],
      ['序号', '户主姓名', '身份证号码', '发放金额'],
      ['1', '张三', '320102199003071234', '650'],
    ];
    const d = detectHeader(rows);
    expect(d).toMatchObject({
      ok: true,
      headerRowIndex: 2,
      headerRowCount: 1,
      dataStartIndex: 3,
      headers: ['序号', '户主姓名', '身份证号码', '发放金额'],
      titles: ['2023年度张集镇低保发放花名册'],
      unitHint: '元',
    });
  });

  it('reads a unit from the title itself and skips a column-number row and blank rows', () => {
    const rows = [
      ['耕地地力保护补贴发放表（单位：万元）'],
      [],
      ['姓名', '公民身份号码', '补贴金额', '村(社区)'],
      ['1', '2', '3', '4'],
      ['', '', '', ''],
      ['李四', '320102199003071234', '0.12', '东风村'],
    ];
    const d = detectHeader(rows);
    expect(d).toMatchObject({ ok: true, headerRowIndex: 2, headerRowCount: 1, dataStartIndex: 5, unitHint: '万元' });
  });

  it('combines a two-row header written as CSV (merged cells blank)', () => {
    const rows = [
      ['2024年耕地地力保护补贴面积核查表'],
      ['序号', '姓名', '身份证号', '补贴面积', '', '补贴金额（元）'],
      ['', '', '', '确权面积', '实种面积', ''],
      ['1', '王五', '320102199003071234', '5.2', '4.8', '520'],
    ];
    const d = detectHeader(rows);
    expect(d).toEqual({
      ok: true,
      headerRowIndex: 1,
      headerRowCount: 2,
      dataStartIndex: 3,
      headers: ['序号', '姓名', '身份证号', '补贴面积-确权面积', '补贴面积-实种面积', '补贴金额（元）'],
      titles: ['2024年耕地地力保护补贴面积核查表'],
    });
  });

  it('combines a two-row header whose reader repeats merged values in every cell', () => {
    const rows = [
      ['姓名', '身份证号', '补贴面积', '补贴面积', '金额'],
      ['姓名', '身份证号', '确权面积', '实种面积', '金额'],
      ['王五', '320102199003071234', '5.2', '4.8', '520'],
    ];
    const d = detectHeader(rows);
    expect(d).toMatchObject({
      ok: true,
      headerRowIndex: 0,
      headerRowCount: 2,
      dataStartIndex: 2,
      headers: ['姓名', '身份证号', '补贴面积-确权面积', '补贴面积-实种面积', '金额'],
    });
  });

  it('finds the group row above when the sub-column row names more fields', () => {
    const rows = [
      ['基本信息', '', '', '发放信息', '', ''],
      ['姓名', '身份证号码', '所属村', '金额', '发放时间', '项目'],
      ['张三', '320102199003071234', '东风村', '650', '2024-03', '低保'],
    ];
    const d = detectHeader(rows);
    expect(d).toMatchObject({
      ok: true,
      headerRowIndex: 0,
      headerRowCount: 2,
      dataStartIndex: 2,
      headers: ['基本信息-姓名', '基本信息-身份证号码', '基本信息-所属村', '发放信息-金额', '发放信息-发放时间', '发放信息-项目'],
    });
    if (!d.ok) throw new Error('no header');
    // the group titles do not get in the way of mapping
    const s = suggestMapping('benefit_payments', d.headers);
    expect(s.mapping).toMatchObject({ name: { column: 0 }, id_number: { column: 1 }, village: { column: 2 }, amount: { column: 3 }, pay_date: { column: 4 }, item: { column: 5 } });
  });

  it('does not take a text-only data row for a sub-header', () => {
    const rows = [
      ['姓名', '所属村', '项目'],
      ['张三', '东风村', '低保'],
    ];
    expect(detectHeader(rows)).toMatchObject({ ok: true, headerRowIndex: 0, headerRowCount: 1, dataStartIndex: 1 });
  });

  it('prefers the row naming the kind’s fields over a row of other titles', () => {
    const rows = [
      ['说明', '本表由乡镇填报'],
      ['项目编号', '投标人', '投标报价', '统一社会信用代码'],
      ['ZB-2024-01', '甲建筑公司', '1,000,000', '91320102MA1W7XYZ3K'],
    ];
    expect(detectHeader(rows, { kind: 'bids' })).toMatchObject({ ok: true, headerRowIndex: 1 });
  });

  it('falls back to the first row of titles when nothing is known, and refuses sheets without one', () => {
    expect(detectHeader([['甲', '乙'], ['1', '2']])).toMatchObject({ ok: true, headerRowIndex: 0, dataStartIndex: 1 });
    expect(detectHeader([])).toEqual({ ok: false, reason: '文件中没有任何内容' });
    const numbers = detectHeader([['1', '2'], ['3', '4']]);
    expect(numbers.ok).toBe(false);
    if (!numbers.ok) expect(numbers.reason).toContain('没有找到表头');
  });
});

describe('isTotalRow', () => {
  it.each<[string[], boolean]>([
    [['合计', '', '', '12,345.00'], true],
    [['', '小 计', '650'], true],
    [['1', '张三', '650'], false],
    [['1', '合计村', '650'], false],
  ])('%j → %s', (row, expected) => expect(isTotalRow(row)).toBe(expected));
});

describe('suggestMapping', () => {
  it('maps a real benefit roll, reading the unit from the header', () => {
    const headers = ['序号', '享受人姓名', '公民身份号码', '村(社区)', '保障类别', '发放金额（万元）', '发放年月', '备注'];
    const s = suggestMapping('benefit_payments', headers);
    expect(s.mapping).toEqual({
      name: { column: 1 },
      id_number: { column: 2 },
      village: { column: 3 },
      item: { column: 4 },
      amount: { column: 5, unit: '万元' },
      pay_date: { column: 6 },
    });
    const amount = s.fields.find((f) => f.key === 'amount')!;
    expect(amount).toMatchObject({ header: '发放金额（万元）', confidence: 1, unit: '万元', unitSource: 'header' });
    expect(s.fields.find((f) => f.key === 'area')).toMatchObject({ column: null, confidence: 0, unit: '亩', unitSource: 'default' });
    expect(s.unmapped).toEqual([
      { column: 0, header: '序号' },
      { column: 7, header: '备注' },
    ]);
    expect(validateMapping('benefit_payments', s.mapping, headers)).toEqual([]);
  });

  it('uses the table unit when the header has none, and the field default otherwise', () => {
    const s = suggestMapping('benefit_payments', ['姓名', '身份证号', '金额'], { unitHint: '万元' });
    expect(s.fields.find((f) => f.key === 'amount')).toMatchObject({ unit: '万元', unitSource: 'table' });
    const r = suggestMapping('real_estate', ['权利人', '证件号码', '建筑面积', '坐落']);
    expect(r.fields.find((f) => f.key === 'area')).toMatchObject({ column: 2, unit: '平方米', unitSource: 'default' });
    const l = suggestMapping('land_rights', ['承包方代表', '身份证号码', '确权面积(㎡)']);
    expect(l.mapping.contracted_area).toEqual({ column: 2, unit: '平方米' });
  });

  it('matches decorated and traditional headers by containment with less confidence', () => {
    const s = suggestMapping('deaths', ['死者姓名', '死者身份证号码（18位）', '死亡（注销）日期', '註銷原因']);
    expect(s.mapping).toMatchObject({ name: { column: 0 }, id_number: { column: 1 }, event_date: { column: 2 }, event_kind: { column: 3 } });
    const id = s.fields.find((f) => f.key === 'id_number')!;
    expect(id.confidence).toBeGreaterThan(0.5);
    expect(id.confidence).toBeLessThan(0.95);
  });

  it('prefers the sub-column over the group title of a two-row header', () => {
    const s = suggestMapping('land_rights', ['姓名', '身份证号', '补贴面积-实种面积', '补贴面积-确权面积']);
    expect(s.mapping.contracted_area).toEqual({ column: 3, unit: '亩' });
  });

  it('gives each column to one field only', () => {
    const s = suggestMapping('companies', ['企业名称', '统一社会信用代码', '法定代表人', '证件号码', '成立日期', '住所', '联系电话']);
    const columns = Object.values(s.mapping).map((m) => m.column);
    expect(new Set(columns).size).toBe(columns.length);
    expect(s.mapping).toMatchObject({ company_name: { column: 0 }, credit_code: { column: 1 }, legal_rep_name: { column: 2 }, legal_rep_id_number: { column: 3 }, founded_on: { column: 4 }, address: { column: 5 }, phone: { column: 6 } });
  });

  it('maps a bid table', () => {
    const s = suggestMapping('bids', ['标段编号', '工程名称', '村居', '招标控制价（万元）', '投标单位名称', '统一社会信用代码', '投标报价（元）', '中标结果', '保证金缴纳账号', '联系人电话', '地址', '文件作者', '文件创建者']);
    expect(s.mapping).toEqual({
      project_id: { column: 0 },
      project_name: { column: 1 },
      village: { column: 2 },
      ceiling_price: { column: 3, unit: '万元' },
      bidder_name: { column: 4 },
      bidder_credit_code: { column: 5 },
      bid_price: { column: 6, unit: '元' },
      won: { column: 7 },
      bond_payer_account: { column: 8 },
      contact_phone: { column: 9 },
      address: { column: 10 },
      doc_author: { column: 11 },
      doc_creator: { column: 12 },
    });
  });
});

describe('validateMapping', () => {
  const headers = ['姓名', '身份证号', '金额', '面积'];

  it('names missing required fields, reused columns, unknown fields, bad columns and units in Chinese', () => {
    const issues = validateMapping(
      'benefit_payments',
      {
        name: { column: 0 },
        amount: { column: 2, unit: '亩' },
        area: { column: 2 },
        village: { column: 9 },
        nonsense: { column: 1 },
        pay_date: { column: 3, unit: '元' },
      },
      headers,
    );
    expect(issues).toEqual([
      { path: 'amount', message: '字段“发放金额”的单位只能是“元”、“万元”，不能是“亩”' },
      { path: 'village', message: '字段“所属村（社区）”对应的第 J 列不存在（表中共 4 列）' },
      { path: 'nonsense', message: '“nonsense”不是“补贴救助发放”的标准字段' },
      { path: 'pay_date', message: '字段“发放日期”不需要单位' },
      { path: 'id_number', message: '必填字段“身份证号码”还没有对应的列' },
      { path: 'column.2', message: '第 C 列（金额）同时对应了“发放金额”和“补贴面积”，一列只能对应一个字段' },
    ]);
  });

  it('accepts a complete mapping and throws VALIDATION_FAILED for a bad one', () => {
    expect(() => assertValidMapping('benefit_payments', { name: { column: 0 }, id_number: { column: 1 }, amount: { column: 2 } }, headers)).not.toThrow();
    expect(() => assertValidMapping('benefit_payments', { name: { column: 0 } }, headers)).toThrow(/必填字段“身份证号码”还没有对应的列等 2 处/);
    expect(validateMapping('benefit_payments', { name: { column: -1 }, id_number: { column: 1.5 }, amount: { column: 2 } })).toEqual([
      { path: 'name', message: '字段“姓名”的列号无效' },
      { path: 'id_number', message: '字段“身份证号码”的列号无效' },
    ]);
  });
});
