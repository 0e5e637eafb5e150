import { describe, expect, it } from 'vitest';
import { diffKind, diffRecords, formatValue } from './diff';

describe('audit diff', () => {
  it('marks exactly the changed fields of an update', () => {
    const rows = diffRecords({ households: 120, notes: '', tags: ['信访集中'] }, { households: 130, notes: null, tags: ['信访集中'] });
    expect(rows.map((r) => [r.key, r.changed])).toEqual([
      ['households', true],
      ['notes', false],
      ['tags', false],
    ]);
  });

  it('compares objects regardless of key order', () => {
    const rows = diffRecords({ r: [{ a: 1, b: 2 }] }, { r: [{ b: 2, a: 1 }] });
    expect(rows[0]!.changed).toBe(false);
  });

  it('hides secrets and tells creation from deletion', () => {
    expect(diffRecords(null, { name: '张三', password_hash: 'x' }).map((r) => r.key)).toEqual(['name']);
    expect(diffKind(null, { a: 1 })).toBe('create');
    expect(diffKind({ a: 1 }, null)).toBe('delete');
    expect(diffKind({ a: 1 }, { a: 2 })).toBe('update');
  });

  it('formats values for people', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue(true)).toBe('是');
    expect(formatValue(['书记', '主任'])).toBe('书记、主任');
    expect(formatValue([{ name: '李四', relation: '配偶' }])).toBe('李四（配偶）');
  });
});
