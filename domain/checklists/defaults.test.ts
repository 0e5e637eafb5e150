import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGS } from '../registry/village';
import { aspectInput, catalogueMetaInput, countItems, itemInput, POWER_CLASS_LIST } from './catalogue';
import { DEFAULT_CATALOGUES } from './defaults';
import { contentToRows, rowsToContent } from './spreadsheet';

describe('default catalogues', () => {
  it('have unique keys and names, exactly one common list, and valid meta', () => {
    expect(new Set(DEFAULT_CATALOGUES.map((c) => c.key)).size).toBe(DEFAULT_CATALOGUES.length);
    expect(new Set(DEFAULT_CATALOGUES.map((c) => c.name)).size).toBe(DEFAULT_CATALOGUES.length);
    expect(DEFAULT_CATALOGUES.filter((c) => c.kind === 'common')).toHaveLength(1);
    for (const c of DEFAULT_CATALOGUES) expect(catalogueMetaInput.safeParse(c).success, c.name).toBe(true);
  });

  it('choose personalised lists by the default village tags only', () => {
    const tagNames = new Set(DEFAULT_TAGS.map((t) => t.name));
    for (const c of DEFAULT_CATALOGUES.filter((x) => x.kind === 'personalised')) {
      expect(c.matchTags.length, c.name).toBeGreaterThan(0);
      for (const t of c.matchTags) expect(tagNames.has(t), `${c.name}: ${t}`).toBe(true);
      for (const a of c.content) for (const i of a.items) for (const t of i.villageTraits) expect(tagNames.has(t), `${i.title}: ${t}`).toBe(true);
    }
  });

  it('are marked as editable defaults and every item passes the item schema with manifestations', () => {
    for (const c of DEFAULT_CATALOGUES) {
      expect(c.description).toContain('可结合实际修改');
      expect(countItems(c.content)).toBeGreaterThan(0);
      for (const a of c.content) {
        expect(aspectInput.safeParse(a).success).toBe(true);
        for (const i of a.items) {
          expect(itemInput.parse(i)).toEqual(i);
          expect(i.manifestations.length, i.title).toBeGreaterThan(0);
        }
      }
    }
  });

  it('cover 文登’s five petty-power classes, 溧阳’s 1+3 focus and 三个聚焦', () => {
    const common = DEFAULT_CATALOGUES.find((c) => c.kind === 'common')!;
    const classes = new Set(common.content.flatMap((a) => a.items.map((i) => i.powerClass)));
    for (const pc of POWER_CLASS_LIST) expect(classes.has(pc), pc).toBe(true);
    const text = JSON.stringify(common.content);
    for (const word of ['虚化', '三资', '惠农补贴', '招投标', '四议两公开', '三个聚焦', '四风']) expect(text, word).toContain(word);
  });

  it('survive the spreadsheet layout unchanged', () => {
    for (const c of DEFAULT_CATALOGUES) expect(rowsToContent(contentToRows(c.content))).toEqual({ content: c.content, errors: [] });
  });
});
