import { describe, expect, it } from 'vitest';
import type { CatalogueContent } from './catalogue';
import { contentToRows, ITEM_COLUMNS, metaToRows, rowsToContent, rowsToMeta, sheetErrorText, splitManifestations } from './spreadsheet';

const HEAD = ITEM_COLUMNS.map((c) => c.header);

describe('checklist spreadsheet layout', () => {
  it('round-trips content, including an aspect without items', () => {
    const content: CatalogueContent = [
      { name: '三资', items: [{ title: '集体资金', powerClass: 'assets', villageTraits: ['财务混乱', '审计A类'], manifestations: ['小金库', '坐支'], basis: '条例' }] },
      { name: '空方面', items: [] },
      { name: '作风', items: [{ title: '四风', powerClass: null, villageTraits: [], manifestations: [], basis: '' }] },
    ];
    expect(rowsToContent(contentToRows(content))).toEqual({ content, errors: [] });
  });

  it('continues a blank (merged) aspect cell, skips title rows and blank rows, splits manifestations', () => {
    const grid = [
      ['某县对村巡察监督清单'],
      HEAD,
      ['党组织', '班子', '', '', '1. 不健全；2、老化\n（3）不团结', ''],
      ['', '组织生活', '', '软弱涣散，信访集中', '三会一课不经常', ''],
      ['', '', '', '', '', ''],
    ];
    const r = rowsToContent(grid);
    expect(r.errors).toEqual([]);
    expect(r.content).toEqual([
      {
        name: '党组织',
        items: [
          { title: '班子', powerClass: null, villageTraits: [], manifestations: ['不健全', '老化', '不团结'], basis: '' },
          { title: '组织生活', powerClass: null, villageTraits: ['软弱涣散', '信访集中'], manifestations: ['三会一课不经常'], basis: '' },
        ],
      },
    ]);
  });

  it('accepts columns in another order and headers without the hint', () => {
    const r = rowsToContent([
      ['事项', '问题表现', '方面', '小微权力类别'],
      ['租赁', '租金偏低', '三资', '三资管理'],
    ]);
    expect(r.content).toEqual([{ name: '三资', items: [{ title: '租赁', powerClass: 'assets', villageTraits: [], manifestations: ['租金偏低'], basis: '' }] }]);
  });

  it('reports every bad cell with row and column, and returns no content', () => {
    const r = rowsToContent([
      HEAD,
      ['', '没有方面', '', '', '', ''],
      ['三资', '集体资金', '财务管理', '', '', ''],
      ['三资', '', '三资管理', '', '表现', ''],
      ['三资', '集体资金', '', '', '', ''],
      ['三资', 'x'.repeat(201), '', '', '', ''],
    ]);
    expect(r.content).toBeNull();
    expect(r.errors.map(sheetErrorText)).toEqual([
      '第 2 行“方面”列：不能为空（第一条事项须写明所属方面）',
      '第 3 行“小微权力类别”列：“财务管理”不是小微权力类别，可填：三资管理、村级建设、工作人员使用、公共服务、村务财务公开，或留空',
      '第 4 行“事项”列：不能为空（该行填写了其他内容）',
      '第 5 行“事项”列：“集体资金”在“三资”中重复',
      '第 6 行“事项”列：不超过 200 字',
    ]);
  });

  it('refuses a sheet without the header or without items', () => {
    expect(rowsToContent([['姓名', '职务']]).errors[0]!.message).toContain('未找到表头');
    expect(rowsToContent([HEAD, ['三资', '', '', '', '', '']]).errors.map(sheetErrorText)).toEqual(['监督清单：表中没有任何事项']);
  });

  it('splits manifestations on new lines and both semicolons, dropping numbering', () => {
    expect(splitManifestations('① 甲;乙；\n\n3）丙')).toEqual(['甲', '乙', '丙']);
  });

  it('reads the meta sheet back and flags an unknown kind', () => {
    const rows = metaToRows({ name: '清单', kind: 'personalised', matchTags: ['信访集中', '财务混乱'], description: '说明', version: '第 2 版' });
    expect(rowsToMeta(rows)).toEqual({ meta: { name: '清单', kind: 'personalised', matchTags: ['信访集中', '财务混乱'], description: '说明' }, errors: [] });
    expect(rowsToMeta([['清单类型', '专项清单']]).errors[0]!.message).toContain('通用清单');
  });
});
