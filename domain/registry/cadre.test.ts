import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../shared/id-number';
import { cadreInput, isOneShoulder, normalizeRelation, parsePositions } from './cadre';

const id = (first17: string) => first17 + idNumberCheckChar(first17);

describe('parsePositions', () => {
  it.each([
    ['党支部书记、村委会主任', ['书记', '主任'], []],
    ['一肩挑', ['书记', '主任'], []],
    ['书记兼主任', ['书记', '主任'], []],
    ['党总支副书记', ['副书记'], []],
    ['村委会副主任', ['副主任'], []],
    ['支委/会计', ['委员', '报账员'], []],
    ['村务监督委员会主任', ['村务监督委员会主任'], []],
    ['监委会委员', ['村务监督委员会委员'], []],
    ['两委成员', ['委员'], []],
    ['妇联主席', ['其他'], []],
    ['村长', [], ['村长']],
    ['', [], []],
  ])('%s', (text, positions, unknown) => {
    expect(parsePositions(text)).toEqual({ positions, unknown });
  });

  it('一肩挑 means secretary and director at once', () => {
    expect(isOneShoulder(['书记', '主任'])).toBe(true);
    expect(isOneShoulder(['书记'])).toBe(false);
    expect(isOneShoulder(['副书记', '主任'])).toBe(false);
  });
});

describe('normalizeRelation', () => {
  it.each([
    ['丈夫', '配偶'],
    ['妻子', '配偶'],
    ['爱人', '配偶'],
    ['父亲', '父亲'],
    ['岳父', '配偶父母'],
    ['长子', '儿子'],
    ['次女', '女儿'],
    ['儿媳', '儿媳'],
    ['哥哥', '兄弟'],
    ['堂叔', '其他'],
    ['弟弟', '兄弟'],
    ['妹妹', '姐妹'],
    ['表兄', '兄弟'],
    ['', null],
  ])('%s → %s', (text, want) => {
    expect(normalizeRelation(text)).toBe(want);
  });
});

describe('cadreInput', () => {
  const base = { name: '张三', idNumber: id('51018119800101001'), positions: ['委员'] };
  it('accepts a minimal cadre and normalises the ID number', () => {
    const r = cadreInput.parse({ ...base, idNumber: base.idNumber.toLowerCase() });
    expect(r.idNumber).toBe(base.idNumber);
    expect(r.relatives).toEqual([]);
  });
  it('refuses a gender that contradicts the ID number', () => {
    const r = cadreInput.safeParse({ ...base, gender: '女' }); // sequence 001: odd = male
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain('性别与身份证号码不符');
  });
  it('refuses a term that ends before it starts, bad phones and unknown positions', () => {
    expect(cadreInput.safeParse({ ...base, termStart: '2021-01-01', termEnd: '2020-01-01' }).success).toBe(false);
    expect(cadreInput.safeParse({ ...base, phone: '12345' }).success).toBe(false);
    expect(cadreInput.safeParse({ ...base, positions: ['村长'] }).success).toBe(false);
    expect(cadreInput.safeParse({ ...base, positions: [] }).success).toBe(false);
  });
  it('validates relatives ID numbers when given', () => {
    const bad = cadreInput.safeParse({ ...base, relatives: [{ name: '李四', idNumber: '110101199001011234', relation: '配偶' }] });
    expect(bad.success).toBe(false);
    const ok = cadreInput.parse({ ...base, relatives: [{ name: '李四', idNumber: '', relation: '配偶' }] });
    expect(ok.relatives[0]!.idNumber).toBeNull();
  });
});
