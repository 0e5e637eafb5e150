/**
 * "1+X" composition of a village's own supervision list: the common lists, the personalised lists
 * whose tags the village carries, and what the team adds. Pure: the service loads the rows.
 */
import type { CatalogueKind, ItemSource, PowerClass } from './catalogue';

export interface CandidateCatalogue {
  id: string;
  name: string;
  kind: CatalogueKind;
  matchTags: string[];
  /** '' for built-in lists, else the division-code prefix of the office that keeps it */
  scopeCode: string;
  /** the catalogue this one was copied from (a county's own edition of a built-in list) */
  copiedFrom: string | null;
  /** the version in force, null while nothing is published */
  publishedVersionId: string | null;
}

export interface SelectedCatalogue {
  catalogue: CandidateCatalogue;
  source: Exclude<ItemSource, 'team'>;
  /** the village tags that chose a personalised list */
  matchedTags: string[];
}

/**
 * The catalogues a village's list is built from. A catalogue counts when it covers the village's
 * scope and has a published version; a list copied into a narrower scope that covers the village
 * (and is published) stands in for the one it was copied from.
 */
export function selectCatalogues(candidates: readonly CandidateCatalogue[], villageCode: string, villageTags: readonly string[]): SelectedCatalogue[] {
  const usable = candidates.filter((c) => c.publishedVersionId !== null && villageCode.startsWith(c.scopeCode));
  const replaced = new Set(usable.filter((c) => c.copiedFrom !== null).map((c) => c.copiedFrom!));
  const tags = new Set(villageTags);
  const out: SelectedCatalogue[] = [];
  for (const c of usable) {
    if (replaced.has(c.id)) continue;
    if (c.kind === 'common') out.push({ catalogue: c, source: 'common', matchedTags: [] });
    else {
      const matchedTags = c.matchTags.filter((t) => tags.has(t));
      if (matchedTags.length > 0) out.push({ catalogue: c, source: 'personalised', matchedTags });
    }
  }
  const rank = (s: SelectedCatalogue) => (s.source === 'common' ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || a.catalogue.name.localeCompare(b.catalogue.name, 'zh-CN'));
}

export interface ExistingListItem {
  id: string;
  source: ItemSource;
  aspect: string;
  title: string;
  /** marked by the team (result or note set): kept through regeneration */
  marked: boolean;
}

export interface FreshListItem {
  source: Exclude<ItemSource, 'team'>;
  catalogueName: string;
  versionId: string;
  itemId: string;
  aspect: string;
  title: string;
  powerClass: PowerClass | null;
  manifestations: string[];
}

const keyOf = (i: { aspect: string; title: string }) => `${i.aspect.trim()}\u0000${i.title.trim()}`;

/**
 * What regeneration changes: catalogue items nobody has marked are replaced by the fresh ones; marked
 * items and the team's own stay. A fresh item already on the list (same aspect and title) is not added
 * twice, nor is one that two catalogues share.
 */
export function planRegeneration(existing: readonly ExistingListItem[], fresh: readonly FreshListItem[]): { remove: string[]; add: FreshListItem[] } {
  const remove = existing.filter((e) => e.source !== 'team' && !e.marked).map((e) => e.id);
  const removed = new Set(remove);
  const present = new Set(existing.filter((e) => !removed.has(e.id)).map(keyOf));
  const add: FreshListItem[] = [];
  for (const f of fresh) {
    const k = keyOf(f);
    if (present.has(k)) continue;
    present.add(k);
    add.push(f);
  }
  return { remove, add };
}
