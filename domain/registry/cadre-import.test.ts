import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../shared/id-number';
import { makeVillageResolver, parseLooseDate, validateCadreRows, type SheetRow } from './cadre-import';

const id = (birth: string, seq: number) => {
  const f = `510181${birth}${String(seq).padStart(3, '0')}`;
  return f + idNumberCheckChar(f);
};
const villages = [
  { code: '510181103222', name: '三坝社区村民委员会', townName: '聚源镇' },
  { code: '510181002001', name: '莲花社区居民委员会', townName: '幸福街道' },
  { code: '510181105201', name: '莲花村村民委员会', townName: '天马镇' },
  { code: '510181106201', name: '莲花村村民委员会', townName: '石羊镇' },
];
const today = '2026-11-22';
const row = (rowNumber: number, cells: Record<string, string>): SheetRow => ({ rowNumber, cells });

describe('parseLooseDate', () => {
  it.each([
    ['2021-01-05', '2021-01-05'],
    ['2021/1/5', '2021-01-05'],
    ['2021.01', '2021-01-01'],
    ['2021年1月', '2021-01-01'],
    ['2021年1月5日', '2021-01-05'],
    ['2021', '2021-01-01'],
    ['', null],
    ['2021-02-30', undefined],
    ['2021年13月', undefined],
    ['去年', undefined],
    ['1800-01-01', undefined],
  ])('%s → %s', (text, want) => expect(parseLooseDate(text)).toBe(want));
});

describe('makeVillageResolver', () => {
  const resolve = makeVillageResolver(villages);
  it('by code, full name, short name and traditional characters', () => {
    expect(resolve({ villageCode: '510181103222' })).toEqual({ code: '510181103222' });
    expect(resolve({ village: '三坝社区村民委员会' })).toEqual({ code: '510181103222' });
    expect(resolve({ village: '三壩社區' })).toEqual({ code: '510181103222' });
    expect(resolve({ village: ' 莲花社区 ' })).toEqual({ code: '510181002001' });
  });
  it('asks for the town when names repeat, and uses it', () => {
    const r = resolve({ village: '莲花村' });
    expect(r).toMatchObject({ column: '乡镇（街道）' });
    expect((r as { reason: string }).reason).toContain('天马镇');
    expect(resolve({ village: '莲花村', town: '石羊镇' })).toEqual({ code: '510181106201' });
    expect(resolve({ village: '莲花村', town: '石羊' })).toEqual({ code: '510181106201' });
  });
  it('names what it cannot find', () => {
    expect(resolve({ village: '不存在' })).toEqual({ column: '村（社区）', reason: '找不到村（社区）“不存在”' });
    expect(resolve({ villageCode: '110101001001' })).toMatchObject({ column: '村代码' });
    expect(resolve({})).toMatchObject({ reason: '未填写村（社区）' });
  });
});

describe('validateCadreRows', () => {
  const a = id('19700101', 11);
  const b = id('19800202', 22);

  it('groups relatives under their cadre: repeated ID (merged cells) or blank cadre columns', () => {
    const r = validateCadreRows(
      [
        row(3, { village: '三坝社区', name: '王建国', idNumber: a, positions: '书记', relativeName: '李秀英', relation: '妻子' }),
        row(4, { village: '三坝社区', name: '王建国', idNumber: a, positions: '书记', relativeName: '王小龙', relation: '儿子' }),
        row(5, { relativeName: '王小凤', relation: '女儿' }),
        row(6, { village: '三坝社区', name: '赵桂兰', idNumber: b, positions: '委员' }),
      ],
      villages,
      { today },
    );
    expect(r.errors).toEqual([]);
    expect(r.cadres.map((c) => [c.name, c.relatives.map((x) => x.relation), c.rowNumbers])).toEqual([
      ['王建国', ['配偶', '儿子', '女儿'], [3, 4, 5]],
      ['赵桂兰', [], [6]],
    ]);
    expect(r.cadres[1]!.gender).toBe('女');
  });

  it('a bad relative row drops its whole cadre, naming every row involved', () => {
    const r = validateCadreRows(
      [
        row(3, { village: '三坝社区', name: '王建国', idNumber: a, positions: '书记', relativeName: '李秀英', relation: '妻子' }),
        row(4, { relativeName: '王小龙', relativeIdNumber: '123', relation: '儿子' }),
        row(5, { relativeName: '王小凤', relation: '女儿' }),
      ],
      villages,
      { today },
    );
    expect(r.cadres).toEqual([]);
    expect(r.errors.map((e) => [e.rowNumber, e.column])).toEqual([
      [3, ''],
      [4, '亲属身份证号码'],
      [5, ''],
    ]);
  });

  it('reports every problem of a row, and duplicates within the file', () => {
    const r = validateCadreRows(
      [
        row(3, { village: '无此村', name: '甲', idNumber: '51018119700101001', positions: '村长', gender: '未知', termStart: '某年' }),
        row(4, { village: '三坝社区', name: '乙', idNumber: a, positions: '委员' }),
        row(5, { village: '莲花社区', name: '丙', idNumber: a, positions: '委员' }),
        row(6, { village: '三坝社区', name: '丁', idNumber: id('20300101', 11), positions: '委员' }),
      ],
      villages,
      { today },
    );
    expect(r.errors.filter((e) => e.rowNumber === 3).map((e) => e.column).sort()).toEqual(['村（社区）', '职务', '身份证号码', '任职时间', '性别'].sort());
    expect(r.errors.find((e) => e.rowNumber === 5)).toMatchObject({ column: '身份证号码', reason: '身份证号码与第 4 行重复' });
    expect(r.errors.find((e) => e.rowNumber === 6)?.column).toBe('身份证号码');
    expect(r.cadres.map((c) => c.name)).toEqual(['乙']);
  });

  it('with a fixed village, the village column is not needed', () => {
    const r = validateCadreRows([row(2, { name: '甲', idNumber: a, positions: '委员' })], villages, { today, fixedVillageCode: '510181002001' });
    expect(r.cadres[0]!.villageCode).toBe('510181002001');
  });

  it('skips blank rows and counts the rest', () => {
    const r = validateCadreRows([row(2, { name: '', idNumber: '' }), row(3, { village: '三坝社区', name: '甲', idNumber: a, positions: '委员' })], villages, { today });
    expect(r.rowCount).toBe(1);
  });
});
