/**
 * Use cases of the checklist catalogues: list, create, edit a draft, publish, new draft, copy, archive,
 * .xlsx export and import, and the first-run seed of the built-in lists. Published versions are never
 * changed: every edit goes to the catalogue's one draft.
 */
import type { Selectable } from 'kysely';
import {
  aspectInput,
  catalogueMetaInput,
  CATALOGUE_KINDS,
  countItems,
  itemInput,
  powerClassName,
  reorderInput,
  VERSION_STATUSES,
  type AspectInput,
  type CatalogueContent,
  type CatalogueKind,
  type CatalogueMetaInput,
  type ItemInput,
  type PowerClass,
  type ReorderInput,
  type VersionStatus,
} from '../../../domain/checklists/catalogue';
import { DEFAULT_CATALOGUES } from '../../../domain/checklists/defaults';
import { rowsToContent, rowsToMeta, sheetErrorText, type SheetError } from '../../../domain/checklists/spreadsheet';
import { DomainError } from '../../../domain/shared/errors';
import type { DB } from '../../db/schema';
import { requirePermission } from '../../http/auth';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import { SYSTEM_ACTOR, writeAudit, type AuditActor } from '../access';
import { readChecklistWorkbook, writeChecklistWorkbook } from './checklist-xlsx';
import * as repo from './checklists.repository';
import { parseInput } from './parse-input';

type CatalogueRow = Selectable<DB['checklist_catalogues']>;
type VersionRow = Selectable<DB['checklist_versions']>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const catalogueNotFound = () => new DomainError('NOT_FOUND', '监督清单不存在或无权查看');
const versionNotFound = () => new DomainError('NOT_FOUND', '清单版本不存在');

// --- output shapes -------------------------------------------------------------------------

type VersionSummaryRow = Awaited<ReturnType<typeof repo.versionsOf>>[number];

const versionSummary = (v: VersionSummaryRow) => ({
  id: v.id,
  version: v.version,
  status: v.status as VersionStatus,
  statusName: VERSION_STATUSES[v.status as VersionStatus],
  note: v.note,
  publishedAt: v.published_at,
  publishedByName: v.published_by_name,
  createdAt: v.created_at,
  aspectCount: Number(v.aspect_count),
  itemCount: Number(v.item_count),
});
export type VersionSummary = ReturnType<typeof versionSummary>;

/** Whether the actor may change a catalogue: built-in lists and lists within the actor's scope. */
const editableBy = (actor: Actor, c: CatalogueRow) => actor.permissions.has('checklists.write') && (c.scope_code === '' || c.scope_code.startsWith(actor.scopeCode));

function catalogueOut(actor: Actor, c: CatalogueRow, versions: VersionSummaryRow[]) {
  const mine = versions.filter((v) => v.catalogue_id === c.id).map(versionSummary);
  return {
    id: c.id,
    name: c.name,
    kind: c.kind as CatalogueKind,
    kindName: CATALOGUE_KINDS[c.kind as CatalogueKind],
    matchTags: c.match_tags,
    description: c.description,
    builtin: c.builtin,
    archived: c.archived,
    scopeCode: c.scope_code,
    copiedFrom: c.copied_from,
    editable: editableBy(actor, c),
    latestVersion: mine[0] ?? null,
    publishedVersion: mine.find((v) => v.status === 'published') ?? null,
    draftVersion: mine.find((v) => v.status === 'draft') ?? null,
    updatedAt: c.updated_at,
  };
}
export type CatalogueOut = ReturnType<typeof catalogueOut>;

type TreeRows = Awaited<ReturnType<typeof repo.loadTree>>;

function treeOf(rows: TreeRows, versionId: string) {
  return rows.aspects
    .filter((a) => a.version_id === versionId)
    .map((a) => ({
      id: a.id,
      name: a.name,
      sort: a.sort,
      items: rows.items
        .filter((i) => i.aspect_id === a.id)
        .map((i) => ({
          id: i.id,
          sort: i.sort,
          title: i.title,
          powerClass: i.power_class as PowerClass | null,
          powerClassName: powerClassName(i.power_class),
          villageTraits: i.village_traits,
          manifestations: i.manifestations,
          basis: i.basis,
        })),
    }));
}

const contentOf = (tree: ReturnType<typeof treeOf>): CatalogueContent =>
  tree.map((a) => ({
    name: a.name,
    items: a.items.map((i) => ({ title: i.title, powerClass: i.powerClass, villageTraits: i.villageTraits, manifestations: i.manifestations, basis: i.basis })),
  }));

// --- reads ---------------------------------------------------------------------------------

export async function listCatalogues(ctx: AppContext, actor: Actor, f: repo.CatalogueFilter) {
  requirePermission(actor, 'checklists.read');
  const { items, total } = await repo.listCatalogues(ctx.db, actor.scopeCode, f);
  const versions = await repo.versionsOf(
    ctx.db,
    items.map((c) => c.id),
  );
  return { items: items.map((c) => catalogueOut(actor, c, versions)), total };
}

async function visibleCatalogue(db: Executor, actor: Actor, id: string) {
  if (!UUID.test(id)) throw catalogueNotFound();
  const c = await repo.findCatalogue(db, actor.scopeCode, id);
  if (!c) throw catalogueNotFound();
  return c;
}

export async function getCatalogue(ctx: AppContext, actor: Actor, id: string) {
  requirePermission(actor, 'checklists.read');
  const c = await visibleCatalogue(ctx.db, actor, id);
  const versions = await repo.versionsOf(ctx.db, [c.id]);
  return { ...catalogueOut(actor, c, versions), versions: versions.map(versionSummary) };
}

export async function getVersion(ctx: AppContext, actor: Actor, catalogueId: string, versionId: string) {
  requirePermission(actor, 'checklists.read');
  const c = await visibleCatalogue(ctx.db, actor, catalogueId);
  return versionOut(ctx.db, actor, c, versionId);
}

async function versionOut(db: Executor, actor: Actor, c: CatalogueRow, versionId: string) {
  if (!UUID.test(versionId)) throw versionNotFound();
  const v = await repo.findVersion(db, c.id, versionId);
  if (!v) throw versionNotFound();
  const [summary] = await repo.versionsOf(db, [c.id]).then((all) => all.filter((x) => x.id === v.id));
  const aspects = treeOf(await repo.loadTree(db, [v.id]), v.id);
  return {
    ...versionSummary(summary!),
    catalogueId: c.id,
    catalogueName: c.name,
    editable: v.status === 'draft' && editableBy(actor, c),
    aspects,
  };
}
export type VersionOut = Awaited<ReturnType<typeof versionOut>>;

// --- catalogue writes ------------------------------------------------------------------------

function requireEditable(actor: Actor, c: CatalogueRow) {
  requirePermission(actor, 'checklists.write');
  if (!editableBy(actor, c)) throw new DomainError('FORBIDDEN', '该清单由上级单位维护，本单位不能修改；可复制为本地清单后修改');
}

async function assertNameFree(db: Executor, scopeCode: string, name: string, exceptId?: string) {
  const clash = await repo.findCatalogueByName(db, scopeCode, name);
  if (clash && clash.id !== exceptId) throw new DomainError('CONFLICT', `已有名为“${name}”的监督清单，请换一个名称`, [{ path: 'name', message: '名称已被使用' }]);
}

const auditCatalogue = (c: CatalogueRow) => ({
  name: c.name,
  kind: c.kind,
  matchTags: c.match_tags,
  description: c.description,
  archived: c.archived,
  builtin: c.builtin,
});

export async function createCatalogue(ctx: AppContext, actor: Actor, input: CatalogueMetaInput) {
  requirePermission(actor, 'checklists.write');
  const meta = parseInput(catalogueMetaInput, input);
  const id = await ctx.db.transaction().execute(async (trx) => {
    await assertNameFree(trx, actor.scopeCode, meta.name);
    const c = await repo.insertCatalogue(
      trx,
      { scope_code: actor.scopeCode, name: meta.name, kind: meta.kind, match_tags: meta.matchTags, description: meta.description, builtin: false, copied_from: null },
      ctx.now(),
    );
    const v = await repo.insertVersion(trx, c.id, '新建', ctx.now());
    await writeAudit(trx, ctx, actor, { action: 'create', entity: 'checklists.catalogue', entityId: c.id, scopeCode: c.scope_code, after: { ...auditCatalogue(c), draft: v.version } });
    return c.id;
  });
  return getCatalogue(ctx, actor, id);
}

export async function updateCatalogue(ctx: AppContext, actor: Actor, id: string, input: CatalogueMetaInput) {
  const meta = parseInput(catalogueMetaInput, input);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleCatalogue(trx, actor, id);
    requireEditable(actor, before);
    await assertNameFree(trx, before.scope_code, meta.name, id);
    const after = await repo.updateCatalogue(trx, id, { name: meta.name, kind: meta.kind, match_tags: meta.matchTags, description: meta.description }, ctx.now());
    await writeAudit(trx, ctx, actor, { action: 'update', entity: 'checklists.catalogue', entityId: id, scopeCode: after.scope_code, before: auditCatalogue(before), after: auditCatalogue(after) });
  });
  return getCatalogue(ctx, actor, id);
}

/** Archived catalogues stay readable (villages' lists name them) but feed no new list. */
export async function archiveCatalogue(ctx: AppContext, actor: Actor, id: string, archived: boolean) {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleCatalogue(trx, actor, id);
    requireEditable(actor, before);
    if (before.archived === archived) return;
    await repo.updateCatalogue(trx, id, { archived }, ctx.now());
    await writeAudit(trx, ctx, actor, { action: archived ? 'archive' : 'restore', entity: 'checklists.catalogue', entityId: id, scopeCode: before.scope_code, before: { archived: before.archived }, after: { archived } });
  });
  return getCatalogue(ctx, actor, id);
}

/**
 * Copies a catalogue (typically a built-in one) into the actor's scope as a new draft. Once its first
 * version is published, the copy stands in for the original in the villages it covers.
 */
export async function copyCatalogue(ctx: AppContext, actor: Actor, id: string, name?: string) {
  requirePermission(actor, 'checklists.write');
  const newId = await ctx.db.transaction().execute(async (trx) => {
    const src = await visibleCatalogue(trx, actor, id);
    const from = (await repo.latestVersion(trx, src.id, 'published')) ?? (await repo.latestVersion(trx, src.id));
    const copyName = name?.trim() || (src.scope_code === actor.scopeCode ? `${src.name}（副本）` : src.name);
    await assertNameFree(trx, actor.scopeCode, copyName);
    const c = await repo.insertCatalogue(
      trx,
      {
        scope_code: actor.scopeCode,
        name: copyName,
        kind: src.kind,
        match_tags: src.match_tags,
        description: src.description,
        builtin: false,
        copied_from: src.scope_code === actor.scopeCode ? null : src.id,
      },
      ctx.now(),
    );
    const v = await repo.insertVersion(trx, c.id, from ? `复制自“${src.name}”第 ${from.version} 版` : `复制自“${src.name}”`, ctx.now());
    if (from) await repo.insertContent(trx, v.id, contentOf(treeOf(await repo.loadTree(trx, [from.id]), from.id)));
    await writeAudit(trx, ctx, actor, {
      action: 'copy',
      entity: 'checklists.catalogue',
      entityId: c.id,
      scopeCode: c.scope_code,
      after: { ...auditCatalogue(c), copiedFrom: src.id, fromVersion: from?.version ?? null },
    });
    return c.id;
  });
  return getCatalogue(ctx, actor, newId);
}

// --- versions ------------------------------------------------------------------------------

/** Loads a version for editing: only a draft of a catalogue the actor may change. */
async function draftFor(trx: Tx, actor: Actor, catalogueId: string, versionId: string): Promise<{ c: CatalogueRow; v: VersionRow }> {
  const c = await visibleCatalogue(trx, actor, catalogueId);
  requireEditable(actor, c);
  if (!UUID.test(versionId)) throw versionNotFound();
  const v = await repo.findVersion(trx, c.id, versionId, true);
  if (!v) throw versionNotFound();
  if (v.status !== 'draft') {
    throw new DomainError('CHECKLIST_LOCKED', `第 ${v.version} 版${VERSION_STATUSES[v.status as VersionStatus]}，内容不能再修改；请新建草稿版本后修改`);
  }
  return { c, v };
}

export async function createDraft(ctx: AppContext, actor: Actor, catalogueId: string) {
  const out = await ctx.db.transaction().execute(async (trx) => {
    const c = await visibleCatalogue(trx, actor, catalogueId);
    requireEditable(actor, c);
    const draft = await repo.latestVersion(trx, c.id, 'draft');
    if (draft) throw new DomainError('CONFLICT', `已有草稿（第 ${draft.version} 版），请直接修改该草稿`, { versionId: draft.id });
    const from = await repo.latestVersion(trx, c.id);
    const v = await repo.insertVersion(trx, c.id, from ? `由第 ${from.version} 版修改` : '新建', ctx.now());
    if (from) await repo.insertContent(trx, v.id, contentOf(treeOf(await repo.loadTree(trx, [from.id]), from.id)));
    await repo.updateCatalogue(trx, c.id, {}, ctx.now());
    await writeAudit(trx, ctx, actor, { action: 'create', entity: 'checklists.version', entityId: v.id, scopeCode: c.scope_code, after: { catalogue: c.name, version: v.version, from: from?.version ?? null } });
    return { c, v };
  });
  return versionOut(ctx.db, actor, out.c, out.v.id);
}

/** Publishes a draft: it becomes the version in force, the previously published one is retired. */
export async function publishVersion(ctx: AppContext, actor: Actor, catalogueId: string, versionId: string, note?: string) {
  const c = await ctx.db.transaction().execute(async (trx) => {
    const { c, v } = await draftFor(trx, actor, catalogueId, versionId);
    const tree = treeOf(await repo.loadTree(trx, [v.id]), v.id);
    const items = tree.reduce((n, a) => n + a.items.length, 0);
    if (items === 0) throw new DomainError('VALIDATION_FAILED', '草稿中没有任何事项，不能发布');
    const retired = await repo.retirePublished(trx, c.id);
    await repo.setVersionStatus(trx, v.id, { status: 'published', published_at: ctx.now(), published_by: actor.userId });
    if (note?.trim()) await trx.updateTable('checklist_versions').set({ note: note.trim() }).where('id', '=', v.id).execute();
    await repo.updateCatalogue(trx, c.id, {}, ctx.now());
    await writeAudit(trx, ctx, actor, {
      action: 'publish',
      entity: 'checklists.version',
      entityId: v.id,
      scopeCode: c.scope_code,
      before: { status: 'draft' },
      after: { catalogue: c.name, version: v.version, status: 'published', aspects: tree.length, items, retired: retired.map((r) => r.version) },
    });
    return c;
  });
  return versionOut(ctx.db, actor, c, versionId);
}

export async function addAspect(ctx: AppContext, actor: Actor, catalogueId: string, versionId: string, input: AspectInput) {
  const a = parseInput(aspectInput, input);
  return editDraft(ctx, actor, catalogueId, versionId, async (trx, c, v) => {
    const row = await repo.insertAspect(trx, v.id, a.name, await repo.nextSort(trx, 'checklist_aspects', v.id));
    await writeAudit(trx, ctx, actor, { action: 'create', entity: 'checklists.aspect', entityId: row.id, scopeCode: c.scope_code, after: { version: v.version, name: row.name } });
  });
}

export async function updateAspect(ctx: AppContext, actor: Actor, catalogueId: string, versionId: string, aspectId: string, input: AspectInput) {
  const a = parseInput(aspectInput, input);
  return editDraft(ctx, actor, catalogueId, versionId, async (trx, c, v) => {
    const before = await aspectOf(trx, v.id, aspectId);
    await repo.updateAspect(trx, before.id, { name: a.name });
    await writeAudit(trx, ctx, actor, { action: 'update', entity: 'checklists.aspect', entityId: before.id, scopeCode: c.scope_code, before: { name: before.name }, after: { name: a.name } });
  });
}

export async function deleteAspect(ctx: AppContext, actor: Actor, catalogueId: string, versionId: string, aspectId: string) {
  return editDraft(ctx, actor, catalogueId, versionId, async (trx, c, v) => {
    const before = await aspectOf(trx, v.id, aspectId);
    const items = await trx.selectFrom('checklist_items').select('title').where('aspect_id', '=', before.id).execute();
    await repo.deleteAspect(trx, before.id);
    await writeAudit(trx, ctx, actor, { action: 'delete', entity: 'checklists.aspect', entityId: before.id, scopeCode: c.scope_code, before: { name: before.name, items: items.map((i) => i.title) } });
  });
}

export async function addItem(ctx: AppContext, actor: Actor, catalogueId: string, versionId: string, aspectId: string, input: ItemInput) {
  const item = parseInput(itemInput, input);
  return editDraft(ctx, actor, catalogueId, versionId, async (trx, c, v) => {
    const aspect = await aspectOf(trx, v.id, aspectId);
    await assertTitleFree(trx, aspect.id, item.title);
    const row = await repo.insertItem(trx, v.id, aspect.id, item, await repo.nextSort(trx, 'checklist_items', v.id, aspect.id));
    await writeAudit(trx, ctx, actor, { action: 'create', entity: 'checklists.item', entityId: row.id, scopeCode: c.scope_code, after: { version: v.version, aspect: aspect.name, ...item } });
  });
}

/** Updates an item; `aspectId` moves it to the end of another aspect of the same draft. */
export async function updateItem(ctx: AppContext, actor: Actor, catalogueId: string, versionId: string, itemId: string, input: ItemInput & { aspectId?: string | undefined }) {
  const item = parseInput(itemInput, input);
  return editDraft(ctx, actor, catalogueId, versionId, async (trx, c, v) => {
    const before = await itemOf(trx, v.id, itemId);
    let move: { aspectId: string; sort: number } | undefined;
    if (input.aspectId && input.aspectId !== before.aspect_id) {
      const target = await aspectOf(trx, v.id, input.aspectId);
      move = { aspectId: target.id, sort: await repo.nextSort(trx, 'checklist_items', v.id, target.id) };
    }
    await assertTitleFree(trx, move?.aspectId ?? before.aspect_id, item.title, before.id);
    await repo.updateItem(trx, before.id, item, move);
    await writeAudit(trx, ctx, actor, {
      action: 'update',
      entity: 'checklists.item',
      entityId: before.id,
      scopeCode: c.scope_code,
      before: { aspectId: before.aspect_id, title: before.title, powerClass: before.power_class, villageTraits: before.village_traits, manifestations: before.manifestations, basis: before.basis },
      after: { aspectId: move?.aspectId ?? before.aspect_id, ...item },
    });
  });
}

export async function deleteItem(ctx: AppContext, actor: Actor, catalogueId: string, versionId: string, itemId: string) {
  return editDraft(ctx, actor, catalogueId, versionId, async (trx, c, v) => {
    const before = await itemOf(trx, v.id, itemId);
    await repo.deleteItem(trx, before.id);
    await writeAudit(trx, ctx, actor, { action: 'delete', entity: 'checklists.item', entityId: before.id, scopeCode: c.scope_code, before: { title: before.title, manifestations: before.manifestations } });
  });
}

/** Sets the order of a draft's aspects and items; every aspect and item of the draft must be named once. */
export async function reorderDraft(ctx: AppContext, actor: Actor, catalogueId: string, versionId: string, input: ReorderInput) {
  const order = parseInput(reorderInput, input);
  return editDraft(ctx, actor, catalogueId, versionId, async (trx, c, v) => {
    const tree = await repo.loadTree(trx, [v.id]);
    const aspectIds = order.aspects.map((a) => a.id);
    const itemIds = order.aspects.flatMap((a) => a.itemIds);
    const same = (a: string[], b: string[]) => a.length === b.length && new Set(a).size === a.length && a.every((x) => b.includes(x));
    if (
      !same(
        aspectIds,
        tree.aspects.map((a) => a.id),
      ) ||
      !same(
        itemIds,
        tree.items.map((i) => i.id),
      )
    ) {
      throw new DomainError('CONFLICT', '清单内容已被他人修改，请刷新后重新排序');
    }
    for (const [ai, a] of order.aspects.entries()) {
      await repo.updateAspect(trx, a.id, { sort: ai });
      for (const [ii, id] of a.itemIds.entries()) await repo.moveItem(trx, id, a.id, ii);
    }
    await writeAudit(trx, ctx, actor, { action: 'reorder', entity: 'checklists.version', entityId: v.id, scopeCode: c.scope_code, after: order });
  });
}

async function editDraft(ctx: AppContext, actor: Actor, catalogueId: string, versionId: string, edit: (trx: Tx, c: CatalogueRow, v: VersionRow) => Promise<void>) {
  const c = await ctx.db.transaction().execute(async (trx) => {
    const { c, v } = await draftFor(trx, actor, catalogueId, versionId);
    await edit(trx, c, v);
    await repo.updateCatalogue(trx, c.id, {}, ctx.now());
    return c;
  });
  return versionOut(ctx.db, actor, c, versionId);
}

async function aspectOf(db: Executor, versionId: string, id: string) {
  const a = UUID.test(id) ? await repo.findAspect(db, versionId, id) : undefined;
  if (!a) throw new DomainError('NOT_FOUND', '清单中没有该方面');
  return a;
}

async function itemOf(db: Executor, versionId: string, id: string) {
  const i = UUID.test(id) ? await repo.findItem(db, versionId, id) : undefined;
  if (!i) throw new DomainError('NOT_FOUND', '清单中没有该事项');
  return i;
}

async function assertTitleFree(db: Executor, aspectId: string, title: string, exceptId?: string) {
  const clash = await db.selectFrom('checklist_items').select('id').where('aspect_id', '=', aspectId).where('title', '=', title).executeTakeFirst();
  if (clash && clash.id !== exceptId) throw new DomainError('CONFLICT', `该方面已有事项“${title}”`, [{ path: 'title', message: '事项重复' }]);
}

// --- .xlsx ---------------------------------------------------------------------------------

export async function exportVersion(ctx: AppContext, actor: Actor, catalogueId: string, versionId: string): Promise<{ fileName: string; buffer: Buffer }> {
  const v = await getVersion(ctx, actor, catalogueId, versionId);
  const c = await visibleCatalogue(ctx.db, actor, catalogueId);
  const buffer = await writeChecklistWorkbook(
    { name: c.name, kind: c.kind as CatalogueKind, matchTags: c.match_tags, description: c.description, version: `第 ${v.version} 版（${v.statusName}）` },
    contentOf(v.aspects),
  );
  return { fileName: `${c.name}（第${v.version}版）.xlsx`, buffer };
}

export interface ImportOptions {
  /** import into this catalogue's draft (created when it has none) instead of a new catalogue */
  catalogueId?: string | undefined;
  /** name of the new catalogue (else the 清单信息 sheet's, else the file name) */
  name?: string | undefined;
  kind?: CatalogueKind | undefined;
  /** check only: report what would be imported */
  dryRun?: boolean | undefined;
}

const importFailed = (errors: SheetError[]) => {
  const reasons = errors.map(sheetErrorText);
  return new DomainError('IMPORT_FILE_INVALID', `导入失败：文件中有 ${errors.length} 处错误，未导入任何内容`, { reasons, errors });
};

/** Imports a workbook, all or nothing. Returns the catalogue and the version the content went to. */
export async function importCatalogue(ctx: AppContext, actor: Actor, file: { buffer: Buffer; fileName: string }, opts: ImportOptions) {
  requirePermission(actor, 'checklists.write');
  const grids = await readChecklistWorkbook(file.buffer, file.fileName);
  const parsed = rowsToContent(grids.items);
  const metaRead = rowsToMeta(grids.meta);
  const errors = [...parsed.errors, ...(opts.catalogueId ? [] : metaRead.errors)];
  if (errors.length > 0 || !parsed.content) throw importFailed(errors);
  const content = parsed.content;
  const summary = { aspects: content.length, items: countItems(content) };

  if (opts.catalogueId) {
    const target = opts.catalogueId;
    const c0 = await visibleCatalogue(ctx.db, actor, target);
    requireEditable(actor, c0);
    if (opts.dryRun) return { dryRun: true as const, ...summary, name: c0.name, content };
    const out = await ctx.db.transaction().execute(async (trx) => {
      const c = await visibleCatalogue(trx, actor, target);
      let v = await repo.latestVersion(trx, c.id, 'draft');
      if (v) await repo.clearContent(trx, v.id);
      else v = await repo.insertVersion(trx, c.id, `导入自“${file.fileName}”`, ctx.now());
      await repo.insertContent(trx, v.id, content);
      await repo.updateCatalogue(trx, c.id, {}, ctx.now());
      await writeAudit(trx, ctx, actor, { action: 'import', entity: 'checklists.version', entityId: v.id, scopeCode: c.scope_code, after: { catalogue: c.name, version: v.version, file: file.fileName, ...summary } });
      return { c, v };
    });
    return { dryRun: false as const, ...summary, catalogue: await getCatalogue(ctx, actor, out.c.id), versionId: out.v.id };
  }

  const metaParsed = catalogueMetaInput.safeParse({
    name: opts.name ?? metaRead.meta.name ?? file.fileName.replace(/\.xlsx$/i, '').replace(/（第\d+版）$/, ''),
    kind: opts.kind ?? metaRead.meta.kind ?? 'common',
    matchTags: metaRead.meta.matchTags ?? [],
    description: metaRead.meta.description ?? '',
  });
  if (!metaParsed.success) throw importFailed(metaParsed.error.issues.map((i) => ({ row: 0, column: '清单信息', message: i.message })));
  const meta = metaParsed.data;
  await assertNameFree(ctx.db, actor.scopeCode, meta.name);
  if (opts.dryRun) return { dryRun: true as const, ...summary, name: meta.name, content };
  const out = await ctx.db.transaction().execute(async (trx) => {
    await assertNameFree(trx, actor.scopeCode, meta.name);
    const c = await repo.insertCatalogue(
      trx,
      { scope_code: actor.scopeCode, name: meta.name, kind: meta.kind, match_tags: meta.matchTags, description: meta.description, builtin: false, copied_from: null },
      ctx.now(),
    );
    const v = await repo.insertVersion(trx, c.id, `导入自“${file.fileName}”`, ctx.now());
    await repo.insertContent(trx, v.id, content);
    await writeAudit(trx, ctx, actor, { action: 'import', entity: 'checklists.catalogue', entityId: c.id, scopeCode: c.scope_code, after: { ...auditCatalogue(c), file: file.fileName, version: v.version, ...summary } });
    return { c, v };
  });
  return { dryRun: false as const, ...summary, catalogue: await getCatalogue(ctx, actor, out.c.id), versionId: out.v.id };
}

// --- first run -----------------------------------------------------------------------------

const seedKey = (key: string) => `checklist_default:${key}`;

/**
 * Installs the built-in catalogues (scope '', builtin, version 1 published) that are not installed yet.
 * Each default is installed once: a marker in app_meta remembers it, so an office that renamed or
 * archived a built-in list does not get it back. Safe to call on every start.
 */
export async function seedDefaultChecklists(db: AppContext['db'], now: () => Date = () => new Date(), actor: AuditActor = SYSTEM_ACTOR): Promise<{ installed: string[] }> {
  const installed: string[] = [];
  for (const d of DEFAULT_CATALOGUES) {
    if (await repo.seededMarker(db, seedKey(d.key))) continue;
    await db.transaction().execute(async (trx) => {
      if (await repo.seededMarker(trx, seedKey(d.key))) return;
      await repo.setSeededMarker(trx, seedKey(d.key));
      if (await repo.findCatalogueByName(trx, '', d.name)) return;
      const c = await repo.insertCatalogue(
        trx,
        { scope_code: '', name: d.name, kind: d.kind, match_tags: d.matchTags, description: d.description, builtin: true, copied_from: null },
        now(),
      );
      const v = await repo.insertVersion(trx, c.id, '系统预置', now());
      await repo.insertContent(trx, v.id, d.content);
      await repo.setVersionStatus(trx, v.id, { status: 'published', published_at: now(), published_by: null });
      await writeAudit(trx, { now }, actor, {
        action: 'create',
        entity: 'checklists.catalogue',
        entityId: c.id,
        scopeCode: '',
        after: { ...auditCatalogue(c), version: 1, status: 'published', aspects: d.content.length, items: countItems(d.content) },
      });
      installed.push(d.name);
    });
  }
  return { installed };
}
