import { describe, expect, it } from 'vitest';
import { planRegeneration, selectCatalogues, type CandidateCatalogue, type FreshListItem } from './compose';
import { catalogueMetaInput, itemInput, teamItemInput } from './catalogue';

const cat = (over: Partial<CandidateCatalogue>): CandidateCatalogue => ({
  id: over.name ?? 'x',
  name: 'x',
  kind: 'common',
  matchTags: [],
  scopeCode: '',
  copiedFrom: null,
  publishedVersionId: 'v',
  ...over,
});
const V = '320481100001';

describe('selectCatalogues (1+X)', () => {
  const cases: { name: string; cands: CandidateCatalogue[]; tags: string[]; expected: string[] }[] = [
    { name: 'common always applies', cands: [cat({ name: '通用' })], tags: [], expected: ['通用'] },
    { name: 'personalised only on a shared tag', cands: [cat({ name: '信访', kind: 'personalised', matchTags: ['信访集中'] })], tags: ['财务混乱'], expected: [] },
    { name: 'personalised on a shared tag', cands: [cat({ name: '信访', kind: 'personalised', matchTags: ['信访集中', '问题突出村'] })], tags: ['问题突出村'], expected: ['信访'] },
    { name: 'nothing published, nothing used', cands: [cat({ name: '通用', publishedVersionId: null })], tags: [], expected: [] },
    { name: 'another county’s list is not used', cands: [cat({ name: '外县', scopeCode: '320482' }), cat({ name: '本县', scopeCode: '320481' })], tags: [], expected: ['本县'] },
    {
      name: 'a published county copy stands in for the built-in list',
      cands: [cat({ id: 'b', name: '预置' }), cat({ id: 'c', name: '本县版', scopeCode: '320481', copiedFrom: 'b' })],
      tags: [],
      expected: ['本县版'],
    },
    {
      name: 'an unpublished copy does not',
      cands: [cat({ id: 'b', name: '预置' }), cat({ id: 'c', name: '本县版', scopeCode: '320481', copiedFrom: 'b', publishedVersionId: null })],
      tags: [],
      expected: ['预置'],
    },
    {
      name: 'common lists come before personalised ones',
      cands: [cat({ name: '个性', kind: 'personalised', matchTags: ['软弱涣散'] }), cat({ name: '通用' })],
      tags: ['软弱涣散'],
      expected: ['通用', '个性'],
    },
  ];
  it.each(cases)('$name', ({ cands, tags, expected }) => {
    expect(selectCatalogues(cands, V, tags).map((s) => s.catalogue.name)).toEqual(expected);
  });
  it('reports which tags chose a personalised list', () => {
    const [s] = selectCatalogues([cat({ name: '信访', kind: 'personalised', matchTags: ['信访集中', '矛盾突出类'] })], V, ['矛盾突出类', '经济活跃村']);
    expect(s).toMatchObject({ source: 'personalised', matchedTags: ['矛盾突出类'] });
  });
});

describe('planRegeneration', () => {
  const fresh = (aspect: string, title: string, source: 'common' | 'personalised' = 'common'): FreshListItem => ({
    source,
    catalogueName: 'c',
    versionId: 'v',
    itemId: `${aspect}/${title}`,
    aspect,
    title,
    powerClass: null,
    manifestations: [],
  });
  it('replaces unmarked catalogue items, keeps marked and team items, adds no duplicates', () => {
    const plan = planRegeneration(
      [
        { id: '1', source: 'common', aspect: 'A', title: 'a1', marked: false },
        { id: '2', source: 'common', aspect: 'A', title: 'a2', marked: true },
        { id: '3', source: 'team', aspect: 'T', title: 't1', marked: false },
        { id: '4', source: 'personalised', aspect: 'P', title: 'p1', marked: false },
      ],
      [fresh('A', 'a1'), fresh('A', 'a2'), fresh('T', 't1'), fresh('B', 'b1'), fresh('B', 'b1', 'personalised')],
    );
    expect(plan.remove).toEqual(['1', '4']);
    expect(plan.add.map((f) => `${f.aspect}/${f.title}/${f.source}`)).toEqual(['A/a1/common', 'B/b1/common']);
  });
});

describe('checklist input schemas', () => {
  it('a personalised catalogue needs at least one tag; tags are de-duplicated', () => {
    expect(catalogueMetaInput.safeParse({ name: '个性', kind: 'personalised', matchTags: [] }).success).toBe(false);
    expect(catalogueMetaInput.parse({ name: ' 通用 ', kind: 'common', matchTags: ['a', 'a'] })).toEqual({ name: '通用', kind: 'common', matchTags: ['a'], description: '' });
  });
  it('items drop blank manifestations and refuse an unknown power class', () => {
    expect(itemInput.parse({ title: '事项', manifestations: [' 甲 ', ''] }).manifestations).toEqual(['甲']);
    expect(itemInput.safeParse({ title: '事项', powerClass: 'money' }).success).toBe(false);
    expect(teamItemInput.safeParse({ aspect: '', title: 'x' }).success).toBe(false);
  });
});
