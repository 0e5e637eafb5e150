/**
 * A village inspection's own supervision list ("1+X"): built before entry from the common lists, the
 * personalised lists the village's tags choose and the team's own items; marked item by item on site.
 * Structure changes only while the round is in 准备; marks only while on-site work is allowed.
 */
import type { Selectable } from 'kysely';
import { ITEM_SOURCES, powerClassName, teamItemInput, type ItemSource, type PowerClass, type TeamItemInput } from '../../../domain/checklists/catalogue';
import { planRegeneration, selectCatalogues, type CandidateCatalogue, type FreshListItem } from '../../../domain/checklists/compose';
import { CHECK_RESULTS, checkMarkInput, checklistCoverage, type CheckResult } from '../../../domain/inspections/checklist-coverage';
import { phaseAllowsOnSiteWork, ROUND_PHASES, type RoundPhase } from '../../../domain/planning/round';
import { DomainError } from '../../../domain/shared/errors';
import type { DB } from '../../db/schema';
import { requirePermission } from '../../http/auth';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import { writeAudit } from '../access';
import { inspectionForActor, type InspectionAccess } from '../inspections/access';
import * as repo from './checklists.repository';
import { parseInput } from './parse-input';

type ListRow = Awaited<ReturnType<typeof repo.listItems>>[number];
type ListItemRow = Selectable<DB['inspection_checklist_items']>;

const phaseName = (p: string) => ROUND_PHASES[p as RoundPhase] ?? p;

/** Why the list's structure cannot change now, or null when it can. */
function structureLock(a: InspectionAccess): string | null {
  if (a.round.phase !== 'preparation')
    return `本轮巡察已进入“${phaseName(a.round.phase)}”阶段，监督清单已锁定：生成清单、增删事项只能在进驻前（准备阶段）进行`;
  return null;
}

/** Why items cannot be marked now, or null when they can. */
function markLock(a: InspectionAccess): string | null {
  if (a.inspection.status === 'completed') return '该村巡察已完成，检查结果不能再修改；如需修改，请先重新打开该村巡察';
  if (!phaseAllowsOnSiteWork(a.round.phase as RoundPhase))
    return `本轮巡察处于“${phaseName(a.round.phase)}”阶段，只有在进驻和了解阶段才能标记检查结果`;
  return null;
}

const itemOut = (r: ListRow | (ListItemRow & { marked_by_name?: string | null; catalogue_version?: number | null })) => ({
  id: r.id,
  source: r.source as ItemSource,
  sourceName: ITEM_SOURCES[r.source as ItemSource],
  catalogueName: r.catalogue_name,
  catalogueVersion: r.catalogue_version ?? null,
  aspect: r.aspect,
  title: r.title,
  powerClass: r.power_class as PowerClass | null,
  powerClassName: powerClassName(r.power_class),
  manifestations: r.manifestations,
  result: r.result as CheckResult,
  resultName: CHECK_RESULTS[r.result as CheckResult],
  note: r.note,
  markedAt: r.marked_at,
  markedByName: r.marked_by_name ?? null,
});
export type InspectionChecklistItem = ReturnType<typeof itemOut>;

export function coverageOf(items: readonly { id: string; title: string; result: string; note: string }[]) {
  const c = checklistCoverage(
    items,
    items.map((i) => ({ itemId: i.id, result: i.result as CheckResult, note: i.note })),
  );
  return { total: c.total, noProblem: c.noProblem, problemFound: c.problemFound, notChecked: c.notChecked, percentChecked: c.percentChecked };
}

async function view(db: Executor, actor: Actor, a: InspectionAccess) {
  const rows = await repo.listItems(db, a.inspection.id);
  const items = rows.map(itemOut);
  const structureReason = structureLock(a);
  const markReason = markLock(a);
  const canWork = actor.permissions.has('inspections.work');
  return {
    locked: structureReason !== null,
    lockedReason: structureReason,
    markable: markReason === null && canWork,
    markLockedReason: canWork ? markReason : '只读：没有开展村级巡察工作的权限',
    canEdit: structureReason === null && canWork,
    readyAt: a.inspection.checklist_ready_at,
    roundPhase: a.round.phase,
    roundPhaseName: phaseName(a.round.phase),
    items,
    coverage: coverageOf(items),
  };
}
export type InspectionChecklistView = Awaited<ReturnType<typeof view>>;

/** Checklist coverage of an inspection (for the workspace summary and the completion guard). */
export async function inspectionChecklistCoverage(db: Executor, inspectionId: string) {
  const rows = await repo.listItems(db, inspectionId);
  return { ...coverageOf(rows), notCheckedTitles: rows.filter((r) => r.result === 'not_checked').map((r) => r.title) };
}

export async function getInspectionChecklist(ctx: AppContext, actor: Actor, inspectionId: string) {
  const a = await inspectionForActor(ctx.db, actor, inspectionId, 'read');
  return view(ctx.db, actor, a);
}

export interface GenerationSummary {
  added: number;
  removed: number;
  kept: number;
  catalogues: { name: string; version: number; source: 'common' | 'personalised'; matchedTags: string[] }[];
}

/** Builds (or rebuilds) one inspection's list inside the caller's transaction. */
async function generateIn(trx: Tx, ctx: AppContext, actor: Actor, a: InspectionAccess): Promise<GenerationSummary> {
  const lock = structureLock(a);
  if (lock) throw new DomainError('CHECKLIST_LOCKED', lock);
  const village = a.inspection.village_code;
  const tags = await repo.villageTags(trx, village);
  const candidates: CandidateCatalogue[] = (await repo.feedingCatalogues(trx, village)).map((c) => ({
    id: c.id,
    name: c.name,
    kind: c.kind as CandidateCatalogue['kind'],
    matchTags: c.match_tags,
    scopeCode: c.scope_code,
    copiedFrom: c.copied_from,
    publishedVersionId: c.published_version_id ?? null,
  }));
  const selected = selectCatalogues(candidates, village, tags);
  const versionIds = selected.map((s) => s.catalogue.publishedVersionId!);
  const tree = await repo.loadTree(trx, versionIds);
  const versions = versionIds.length ? await trx.selectFrom('checklist_versions').select(['id', 'version']).where('id', 'in', versionIds).execute() : [];
  const fresh: FreshListItem[] = [];
  for (const s of selected) {
    const vid = s.catalogue.publishedVersionId!;
    for (const aspect of tree.aspects.filter((x) => x.version_id === vid))
      for (const item of tree.items.filter((i) => i.aspect_id === aspect.id))
        fresh.push({
          source: s.source,
          catalogueName: s.catalogue.name,
          versionId: vid,
          itemId: item.id,
          aspect: aspect.name,
          title: item.title,
          powerClass: item.power_class as PowerClass | null,
          manifestations: item.manifestations,
        });
  }
  const existing = await repo.listItems(trx, a.inspection.id);
  const plan = planRegeneration(
    existing.map((e) => ({ id: e.id, source: e.source as ItemSource, aspect: e.aspect, title: e.title, marked: e.marked_at !== null })),
    fresh,
  );
  await repo.deleteListItems(trx, a.inspection.id, plan.remove);
  await repo.insertListItems(
    trx,
    plan.add.map((f) => ({
      inspection_id: a.inspection.id,
      source: f.source,
      catalogue_name: f.catalogueName,
      version_id: f.versionId,
      item_id: f.itemId,
      sort: fresh.indexOf(f),
      aspect: f.aspect,
      title: f.title,
      power_class: f.powerClass,
      manifestations: f.manifestations,
      added_by: actor.userId,
    })),
    ctx.now(),
  );
  await repo.setChecklistReady(trx, a.inspection.id, ctx.now());
  const summary: GenerationSummary = {
    added: plan.add.length,
    removed: plan.remove.length,
    kept: existing.length - plan.remove.length,
    catalogues: selected.map((s) => ({
      name: s.catalogue.name,
      version: versions.find((v) => v.id === s.catalogue.publishedVersionId)?.version ?? 0,
      source: s.source,
      matchedTags: s.matchedTags,
    })),
  };
  await writeAudit(trx, ctx, actor, {
    action: 'generate',
    entity: 'inspections.checklist',
    entityId: a.inspection.id,
    scopeCode: village,
    before: { items: existing.length },
    after: { villageTags: tags, ...summary },
  });
  return summary;
}

/** 1+X: generates (or regenerates, keeping marked and team items) an inspection's list before entry. */
export async function generateInspectionChecklist(ctx: AppContext, actor: Actor, inspectionId: string) {
  const { a, summary } = await ctx.db.transaction().execute(async (trx) => {
    const a = await inspectionForActor(trx, actor, inspectionId, 'work');
    return { a, summary: await generateIn(trx, ctx, actor, a) };
  });
  const fresh = await inspectionForActor(ctx.db, actor, a.inspection.id, 'read');
  return { summary, ...(await view(ctx.db, actor, fresh)) };
}

/** The office generates the lists of every village inspection of a round at once (one transaction). */
export async function generateRoundChecklists(ctx: AppContext, actor: Actor, roundId: string) {
  requirePermission(actor, 'checklists.write');
  requirePermission(actor, 'inspections.work');
  return ctx.db.transaction().execute(async (trx) => {
    const round = /^[0-9a-f-]{36}$/i.test(roundId) ? await repo.roundInScope(trx, actor.scopeCode, roundId) : undefined;
    if (!round) throw new DomainError('NOT_FOUND', '轮次不存在或无权查看');
    if (round.phase !== 'preparation')
      throw new DomainError('CHECKLIST_LOCKED', `本轮巡察已进入“${phaseName(round.phase)}”阶段，监督清单已锁定：只能在进驻前（准备阶段）生成清单`);
    const ids = await repo.inspectionIdsOfRound(trx, round.id);
    const totals = { inspections: 0, added: 0, removed: 0, kept: 0, withoutItems: 0 };
    for (const { id } of ids) {
      const a = await inspectionForActor(trx, actor, id, 'work');
      const s = await generateIn(trx, ctx, actor, a);
      totals.inspections++;
      totals.added += s.added;
      totals.removed += s.removed;
      totals.kept += s.kept;
      if (s.kept + s.added === 0) totals.withoutItems++;
    }
    return totals;
  });
}

/** The team adds its own item to one village's list (before entry). */
export async function addTeamChecklistItem(ctx: AppContext, actor: Actor, inspectionId: string, input: TeamItemInput) {
  const item = parseInput(teamItemInput, input);
  return ctx.db.transaction().execute(async (trx) => {
    const a = await inspectionForActor(trx, actor, inspectionId, 'work');
    const lock = structureLock(a);
    if (lock) throw new DomainError('CHECKLIST_LOCKED', lock);
    const existing = await repo.listItems(trx, a.inspection.id);
    if (existing.some((e) => e.aspect === item.aspect && e.title === item.title))
      throw new DomainError('CONFLICT', `清单中已有“${item.aspect}”方面的事项“${item.title}”`, [{ path: 'title', message: '事项重复' }]);
    const [row] = await repo.insertListItems(
      trx,
      [
        {
          inspection_id: a.inspection.id,
          source: 'team',
          catalogue_name: null,
          version_id: null,
          item_id: null,
          sort: (await repo.maxListSort(trx, a.inspection.id)) + 1,
          aspect: item.aspect,
          title: item.title,
          power_class: null,
          manifestations: item.manifestations,
          added_by: actor.userId,
        },
      ],
      ctx.now(),
    );
    await writeAudit(trx, ctx, actor, { action: 'create', entity: 'inspections.checklist_item', entityId: row!.id, scopeCode: a.inspection.village_code, after: { source: 'team', ...item } });
    return itemOut({ ...row!, marked_by_name: null, catalogue_version: null });
  });
}

/** Removes an item the team added (before entry). Catalogue items stay: mark them instead. */
export async function removeTeamChecklistItem(ctx: AppContext, actor: Actor, inspectionId: string, itemId: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const a = await inspectionForActor(trx, actor, inspectionId, 'work');
    const lock = structureLock(a);
    if (lock) throw new DomainError('CHECKLIST_LOCKED', lock);
    const row = /^[0-9a-f-]{36}$/i.test(itemId) ? await repo.findListItem(trx, a.inspection.id, itemId) : undefined;
    if (!row) throw new DomainError('NOT_FOUND', '清单中没有该事项');
    if (row.source !== 'team') throw new DomainError('CONFLICT', '只能删除本组增加的事项；通用和个性化清单的事项如不适用，请在检查时标记并在备注中说明');
    await repo.deleteListItems(trx, a.inspection.id, [row.id]);
    await writeAudit(trx, ctx, actor, { action: 'delete', entity: 'inspections.checklist_item', entityId: row.id, scopeCode: a.inspection.village_code, before: { source: row.source, aspect: row.aspect, title: row.title } });
  });
}

/** Marks an item 无问题 / 发现问题 / 未检查 with a note, while on-site work is allowed. */
export async function markChecklistItem(ctx: AppContext, actor: Actor, inspectionId: string, itemId: string, mark: { result: CheckResult; note?: string | undefined }) {
  const m = parseInput(checkMarkInput, { itemId, result: mark.result, note: mark.note ?? '' });
  return ctx.db.transaction().execute(async (trx) => {
    const a = await inspectionForActor(trx, actor, inspectionId, 'work');
    const lock = markLock(a);
    if (lock) throw new DomainError('CHECKLIST_LOCKED', lock);
    const before = /^[0-9a-f-]{36}$/i.test(itemId) ? await repo.findListItem(trx, a.inspection.id, itemId) : undefined;
    if (!before) throw new DomainError('NOT_FOUND', '清单中没有该事项');
    // back to 未检查 without a note is no mark at all
    const cleared = m.result === 'not_checked' && m.note === '';
    const after = await repo.markListItem(trx, before.id, {
      result: m.result,
      note: m.note,
      marked_by: cleared ? null : actor.userId,
      marked_at: cleared ? null : ctx.now(),
    });
    await writeAudit(trx, ctx, actor, {
      action: 'mark',
      entity: 'inspections.checklist_item',
      entityId: before.id,
      scopeCode: a.inspection.village_code,
      before: { result: before.result, note: before.note },
      after: { title: before.title, result: m.result, note: m.note },
    });
    return itemOut({ ...after, marked_by_name: cleared ? null : actor.displayName, catalogue_version: null });
  });
}
