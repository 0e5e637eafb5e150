/**
 * Findings (问题), one working paper each (一事一底稿): written by a team member on a village
 * inspection (or a town target) while the round is in 进驻/了解/报告, numbered per round in the
 * transaction (never reused), reviewed author → 副组长 → 组长 (domain/findings/review.ts), with the
 * list of supporting materials and their files, and the 立行立改 record. Access: findingForActor.
 * Every write: permission, scope, one transaction, an audit row.
 */
import {
  FINDING_CATEGORIES,
  FINDING_SOURCES,
  findingContentProblems,
  findingNumberLabel,
  MATERIAL_KINDS,
  normaliseImmediate,
  type FindingCategory,
  type FindingCreateInput,
  type FindingFields,
  type FindingSource,
  type FindingUpdateInput,
  type MaterialInput,
  type MaterialKind,
  type ResponsibleInput,
} from '../../../domain/findings/finding';
import {
  allowedFindingActions,
  FINDING_STATUSES,
  FINDING_WRITE_PHASES,
  findingMove,
  REVIEW_DECISIONS,
  REVIEW_STEPS,
  type FindingAction,
  type FindingActor,
  type FindingMove,
  type FindingStatus,
  type ReviewDecision,
  type ReviewStep,
} from '../../../domain/findings/review';
import { ROUND_PHASES, type RoundPhase } from '../../../domain/planning/round';
import { DomainError } from '../../../domain/shared/errors';
import { requirePermission } from '../../http/auth';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import { writeAudit } from '../access';
import { attachmentsOf, deleteAttachment, deleteAttachmentsOf, storeFile, type AttachmentOut } from '../files';
import { actsAsTeam, inspectionForActor } from '../inspections';
import { findingForActor, findingNotFound, townTargetForActor, type FindingPlace, type FindingRow } from './access';
import * as repo from './findings.repository';

export const FINDING_MATERIAL_OWNER = 'finding_material';

/** Phases in which working papers are written and reviewed: 进驻, 了解 and 报告. */
export const FINDING_PHASES: readonly RoundPhase[] = FINDING_WRITE_PHASES;

const roundLabel = (r: { year: number; number: number }) => `${r.year}年第${r.number}轮`;
const statusName = (s: string) => FINDING_STATUSES[s as FindingStatus] ?? s;

/** Today in China, 'YYYY-MM-DD'. */
export function todayInChina(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function phaseRefusal(place: FindingPlace): DomainError | null {
  const phase = place.round.phase as RoundPhase;
  if (FINDING_PHASES.includes(phase)) return null;
  return new DomainError('ROUND_LOCKED', `本轮巡察处于“${ROUND_PHASES[phase] ?? phase}”阶段，只有在进驻、了解、报告阶段才能撰写和审核问题底稿`);
}

type ReviewShape = Awaited<ReturnType<typeof repo.reviewShape>>;
/** Writing, deleting and submitting do not depend on who else is in the team. */
const AUTHORING: ReviewShape = { deputyAvailable: true, authorIsLeader: false };

function findingActor(actor: Actor, finding: Pick<FindingRow, 'author_id'> | null, shape: ReviewShape): FindingActor {
  return {
    canWrite: actor.permissions.has('findings.write'),
    canReviewDeputy: actor.permissions.has('findings.review_deputy'),
    canReviewLeader: actor.permissions.has('findings.review_leader'),
    isAuthor: finding !== null && finding.author_id === actor.userId,
    ...shape,
  };
}

const shapeOf = (db: Executor, finding: Pick<FindingRow, 'author_id'>, place: FindingPlace) => repo.reviewShape(db, place.team?.org_id ?? null, finding.author_id);

function refuse(reasons: string[]): DomainError {
  return new DomainError('FINDING_TRANSITION_NOT_ALLOWED', reasons.join('；'), { reasons });
}

const scopeOf = (f: Pick<FindingRow, 'village_code' | 'town_code'>) => f.village_code ?? f.town_code;

// — output —

export interface ResponsibleOut {
  cadreId: string | null;
  name: string;
  position: string;
}

const responsibleOf = (v: unknown): ResponsibleOut[] => (Array.isArray(v) ? (v as ResponsibleOut[]) : typeof v === 'string' ? (JSON.parse(v) as ResponsibleOut[]) : []);

async function detail(db: Executor, actor: Actor, finding: FindingRow, place: FindingPlace) {
  const names = await repo.divisionNames(db, [finding.village_code, finding.town_code]);
  const reviews = await repo.reviewsOf(db, finding.id);
  const materials = await repo.materialsOf(db, finding.id);
  const files = await attachmentsOf(
    db,
    FINDING_MATERIAL_OWNER,
    materials.map((m) => m.id),
  );
  const item = finding.checklist_item_id ? await repo.checklistItem(db, finding.checklist_item_id) : undefined;
  const status = finding.status as FindingStatus;
  const phaseOpen = phaseRefusal(place) === null;
  return {
    id: finding.id,
    number: finding.number,
    numberLabel: findingNumberLabel(finding.number),
    round: { id: place.round.id, label: roundLabel(place.round), phase: place.round.phase, phaseName: ROUND_PHASES[place.round.phase as RoundPhase] ?? place.round.phase },
    target: { id: place.target.id, kind: place.target.kind, name: place.target.name },
    team: place.team ? { id: place.team.id, name: place.team.name } : null,
    inspectionId: finding.inspection_id,
    villageCode: finding.village_code,
    villageName: finding.village_code ? (names.get(finding.village_code) ?? finding.village_code) : null,
    townCode: finding.town_code,
    townName: names.get(finding.town_code) ?? finding.town_code,
    checklistItem: item ? { id: item.id, aspect: item.aspect, title: item.title, result: item.result } : null,
    category: finding.category as FindingCategory,
    categoryName: FINDING_CATEGORIES[finding.category as FindingCategory] ?? finding.category,
    aspect: finding.aspect,
    title: finding.title,
    description: finding.description,
    amount: finding.amount === null ? null : Number(finding.amount).toFixed(2),
    responsible: responsibleOf(finding.responsible),
    source: finding.source as FindingSource,
    sourceName: FINDING_SOURCES[finding.source as FindingSource] ?? finding.source,
    foundOn: finding.found_on,
    place: finding.place,
    immediate: finding.immediate,
    immediateNoticeNo: finding.immediate_notice_no,
    immediateFix: finding.immediate_fix,
    immediateFixedOn: finding.immediate_fixed_on,
    status,
    statusName: statusName(status),
    authorId: finding.author_id,
    authorName: await repo.userName(db, finding.author_id),
    version: finding.version,
    createdAt: new Date(finding.created_at).toISOString(),
    updatedAt: new Date(finding.updated_at).toISOString(),
    reviews: reviews.map((r) => ({
      id: r.id,
      step: r.step as ReviewStep,
      stepName: REVIEW_STEPS[r.step as ReviewStep] ?? r.step,
      decision: r.decision as ReviewDecision,
      decisionName: REVIEW_DECISIONS[r.decision as ReviewDecision] ?? r.decision,
      comment: r.comment,
      reviewerName: r.reviewer_name,
      at: new Date(r.at).toISOString(),
    })),
    materials: materials.map((m) => ({
      id: m.id,
      sort: m.sort,
      title: m.title,
      kind: m.kind as MaterialKind,
      kindName: MATERIAL_KINDS[m.kind as MaterialKind] ?? m.kind,
      description: m.description,
      attachments: files.get(m.id) ?? ([] as AttachmentOut[]),
    })),
    /** what this user may do now (the phase allowing); the server checks again on each request */
    actions: phaseOpen ? allowedFindingActions(status, findingActor(actor, finding, await shapeOf(db, finding, place))) : ([] as FindingAction[]),
    phaseOpen,
  };
}
export type FindingDetail = Awaited<ReturnType<typeof detail>>;

// — reading —

export interface FindingListQuery {
  roundId?: string | undefined;
  status?: string | undefined;
  villageCode?: string | undefined;
  townCode?: string | undefined;
  category?: string | undefined;
  immediate?: boolean | undefined;
  inspectionId?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

function filterOf(actor: Actor, query: Omit<FindingListQuery, 'page' | 'pageSize'>): repo.FindingFilter {
  return {
    scope: actor.scopeCode,
    teamOrgId: actsAsTeam(actor) ? actor.orgId : null,
    roundId: query.roundId,
    status: query.status,
    villageCode: query.villageCode,
    townCode: query.townCode,
    category: query.category,
    immediate: query.immediate,
    inspectionId: query.inspectionId,
    q: query.q,
  };
}

/** Lists findings the actor may see; towns, villages, discipline … have none (they lack inspections.read). */
function requireReader(actor: Actor) {
  if (!actor.permissions.has('findings.read') || !actor.permissions.has('inspections.read')) throw new DomainError('FORBIDDEN', '没有查看问题底稿的权限');
}

/** The town targets the actor may write town-level problems on (the list's 新建 picker offers them beside the villages). */
export async function listTownTargets(ctx: AppContext, actor: Actor) {
  requirePermission(actor, 'findings.write');
  const rows = await repo.writableTownTargets(ctx.db, actor.scopeCode, actsAsTeam(actor) ? actor.orgId : null, FINDING_PHASES);
  const items = rows.map((r) => ({ id: r.id, name: r.name, code: r.code, roundId: r.round_id, roundLabel: roundLabel(r), teamName: r.team_name }));
  return { items, total: items.length };
}

/** The list's filter for this actor (scope and team), after the reader check: the ledger uses it too. */
export function listFindingsFilter(actor: Actor, query: Omit<FindingListQuery, 'page' | 'pageSize'>): repo.FindingFilter {
  requireReader(actor);
  return filterOf(actor, query);
}

export async function listFindings(ctx: AppContext, actor: Actor, query: FindingListQuery) {
  requireReader(actor);
  const { items, total, counts } = await repo.listFindings(ctx.db, filterOf(actor, query), query);
  return {
    items: items.map((r) => ({
      id: r.id,
      number: r.number,
      numberLabel: findingNumberLabel(r.number),
      roundId: r.round_id,
      roundLabel: roundLabel({ year: r.year, number: r.round_number }),
      targetName: r.target_name,
      teamName: r.team_name,
      inspectionId: r.inspection_id,
      checklistItemId: r.checklist_item_id,
      villageCode: r.village_code,
      villageName: r.village_name,
      townCode: r.town_code,
      townName: r.town_name ?? r.town_code,
      category: r.category as FindingCategory,
      categoryName: FINDING_CATEGORIES[r.category as FindingCategory] ?? r.category,
      aspect: r.aspect,
      title: r.title,
      amount: r.amount === null ? null : Number(r.amount).toFixed(2),
      source: r.source as FindingSource,
      sourceName: FINDING_SOURCES[r.source as FindingSource] ?? r.source,
      foundOn: r.found_on,
      immediate: r.immediate,
      immediateNoticeNo: r.immediate_notice_no,
      immediateFixedOn: r.immediate_fixed_on,
      status: r.status as FindingStatus,
      statusName: statusName(r.status),
      authorName: r.author_name,
      updatedAt: new Date(r.updated_at).toISOString(),
    })),
    total,
    /** per status under the same filters (status aside), for the tabs above the list */
    counts,
  };
}

export async function getFinding(ctx: AppContext, actor: Actor, id: string): Promise<FindingDetail> {
  const { finding, place } = await findingForActor(ctx.db, actor, id);
  return detail(ctx.db, actor, finding, place);
}

// — writing —

/** Checks content against the database: checklist item of the same inspection, cadres of the village. */
async function checkedContent(tx: Tx, ctx: AppContext, place: FindingPlace, input: FindingFields) {
  const f = normaliseImmediate(input);
  const problems = findingContentProblems(f, todayInChina(ctx.now())).map((p) => ({ path: `body.${p.path}`, message: p.message }));
  if (f.checklistItemId) {
    const item = await repo.checklistItem(tx, f.checklistItemId);
    if (!item || !place.inspection || item.inspection_id !== place.inspection.id) {
      problems.push({ path: 'body.checklistItemId', message: '监督清单事项不属于本村（社区）的监督清单' });
    }
  }
  const villageCode = place.inspection?.village_code ?? null;
  const ids = f.responsible.map((r) => r.cadreId).filter((x): x is string => Boolean(x));
  const cadres = new Map((await repo.cadresByIds(tx, ids)).map((c) => [c.id, c]));
  const responsible: ResponsibleOut[] = f.responsible.map((r: ResponsibleInput, i) => {
    if (!r.cadreId) return { cadreId: null, name: r.name, position: r.position };
    const c = cadres.get(r.cadreId);
    if (!c || c.village_code !== villageCode) {
      problems.push({ path: `body.responsible.${i}.cadreId`, message: villageCode ? '所选干部不是本村（社区）的干部' : '乡镇层面的问题请直接填写责任人姓名和职务' });
      return { cadreId: null, name: r.name, position: r.position };
    }
    const positions = Array.isArray(c.positions) ? c.positions : [];
    return { cadreId: c.id, name: c.name, position: r.position || positions.join('、') };
  });
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_FAILED', problems.map((p) => p.message).join('；'), problems);
  }
  return {
    checklist_item_id: f.checklistItemId,
    category: f.category,
    aspect: f.aspect,
    title: f.title,
    description: f.description,
    amount: f.amount,
    responsible: JSON.stringify(responsible),
    source: f.source,
    found_on: f.foundOn,
    place: f.place,
    immediate: f.immediate,
    immediate_notice_no: f.immediateNoticeNo,
    immediate_fix: f.immediateFix,
    immediate_fixed_on: f.immediateFixedOn,
  };
}

/** Loads, locks and re-reads a finding for a write; checks the phase. */
async function forWrite(tx: Tx, actor: Actor, id: string) {
  const first = await findingForActor(tx, actor, id);
  await repo.lockFinding(tx, first.finding.id);
  const fresh = await findingForActor(tx, actor, id);
  const refusal = phaseRefusal(fresh.place);
  if (refusal) throw refusal;
  return fresh;
}

function guard(actor: Actor, finding: FindingRow, action: 'edit' | 'delete' | 'submit', comment?: string): FindingMove & { ok: true };
function guard(actor: Actor, finding: FindingRow, action: FindingAction, comment: string, shape: ReviewShape): FindingMove & { ok: true };
function guard(actor: Actor, finding: FindingRow, action: FindingAction, comment = '', shape: ReviewShape = AUTHORING) {
  const move = findingMove(finding.status as FindingStatus, action, findingActor(actor, finding, shape), comment);
  if (!move.ok) throw refuse(move.reasons);
  return move;
}

/** A new working paper (draft) with the round's next number. */
export async function createFinding(ctx: AppContext, actor: Actor, input: FindingCreateInput): Promise<FindingDetail> {
  requirePermission(actor, 'findings.write');
  if (!input.inspectionId === !input.targetId) {
    throw new DomainError('VALIDATION_FAILED', '请指明问题所属的村级巡察（或乡镇层面的巡察对象），二者选其一', [{ path: 'body.inspectionId', message: '请选择村（社区）' }]);
  }
  return ctx.db.transaction().execute(async (tx) => {
    const place: FindingPlace = input.inspectionId ? await inspectionForActor(tx, actor, input.inspectionId, 'work') : await townTargetForActor(tx, actor, input.targetId!);
    const refusal = phaseRefusal(place);
    if (refusal) throw refusal;
    const content = await checkedContent(tx, ctx, place, input);
    await repo.lockRound(tx, place.round.id);
    const number = await repo.nextNumber(tx, place.round.id);
    const now = ctx.now();
    const row = await tx
      .insertInto('findings')
      .values({
        ...content,
        round_id: place.round.id,
        target_id: place.target.id,
        inspection_id: place.inspection?.id ?? null,
        village_code: place.inspection?.village_code ?? null,
        town_code: place.inspection?.town_code ?? place.target.code,
        number,
        status: 'draft',
        author_id: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const out = await detail(tx, actor, row, place);
    await writeAudit(tx, ctx, actor, { action: 'create', entity: 'findings.finding', entityId: row.id, scopeCode: scopeOf(row), after: row });
    return out;
  });
}

export async function updateFinding(ctx: AppContext, actor: Actor, id: string, input: FindingUpdateInput): Promise<FindingDetail> {
  return ctx.db.transaction().execute(async (tx) => {
    const { finding, place } = await forWrite(tx, actor, id);
    guard(actor, finding, 'edit');
    if (finding.version !== input.version) throw new DomainError('CONFLICT', '问题底稿已被他人修改，请刷新后再改', { version: finding.version });
    const content = await checkedContent(tx, ctx, place, input);
    const after = await tx
      .updateTable('findings')
      .set({ ...content, version: finding.version + 1, updated_at: ctx.now() })
      .where('id', '=', finding.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, { action: 'update', entity: 'findings.finding', entityId: finding.id, scopeCode: scopeOf(finding), before: finding, after });
    return detail(tx, actor, after, place);
  });
}

/** Deletes a draft (by its author) with its materials and files; its number stays used. */
export async function deleteFinding(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { finding } = await forWrite(tx, actor, id);
    guard(actor, finding, 'delete');
    const materials = await repo.materialsOf(tx, finding.id);
    for (const m of materials) await deleteAttachmentsOf(tx, FINDING_MATERIAL_OWNER, m.id);
    await tx.deleteFrom('findings').where('id', '=', finding.id).execute();
    await writeAudit(tx, ctx, actor, { action: 'delete', entity: 'findings.finding', entityId: finding.id, scopeCode: scopeOf(finding), before: { ...finding, materials } });
  });
}

async function move(ctx: AppContext, actor: Actor, id: string, action: 'submit' | 'approve' | 'return' | 'reopen', comment: string): Promise<FindingDetail> {
  return ctx.db.transaction().execute(async (tx) => {
    const { finding, place } = await forWrite(tx, actor, id);
    const m = guard(actor, finding, action, comment, await shapeOf(tx, finding, place));
    const now = ctx.now();
    const after = await tx
      .updateTable('findings')
      .set({ status: m.to, version: finding.version + 1, updated_at: now })
      .where('id', '=', finding.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // the history is ordered by time: a step never shares the instant of the one before it
    const last = (await repo.reviewsOf(tx, finding.id)).at(-1);
    const at = last && new Date(last.at).getTime() >= now.getTime() ? new Date(new Date(last.at).getTime() + 1) : now;
    const review = await tx
      .insertInto('finding_reviews')
      .values({ finding_id: finding.id, step: m.step!, decision: m.decision!, comment: comment.trim(), reviewer_id: actor.userId, reviewer_name: actor.displayName, at })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, {
      action,
      entity: 'findings.finding',
      entityId: finding.id,
      scopeCode: scopeOf(finding),
      before: { status: finding.status, version: finding.version },
      after: { status: after.status, version: after.version, review },
    });
    return detail(tx, actor, after, place);
  });
}

/** The author submits a draft (or a returned paper, after changes) for the 副组长's review. */
export const submitFinding = (ctx: AppContext, actor: Actor, id: string, comment = '') => move(ctx, actor, id, 'submit', comment);

/** 副组长 (submitted) or 组长 (deputy_approved) approves or returns with a comment. */
export const reviewFinding = (ctx: AppContext, actor: Actor, id: string, body: { decision: 'approve' | 'return'; comment?: string | undefined }) =>
  move(ctx, actor, id, body.decision, body.comment ?? '');

/** The 组长 reopens an approved paper with a reason: it goes back to the author as returned. */
export const reopenFinding = (ctx: AppContext, actor: Actor, id: string, reason: string) => move(ctx, actor, id, 'reopen', reason);

// — materials —

export async function addMaterial(ctx: AppContext, actor: Actor, findingId: string, input: MaterialInput): Promise<FindingDetail> {
  return ctx.db.transaction().execute(async (tx) => {
    const { finding, place } = await forWrite(tx, actor, findingId);
    guard(actor, finding, 'edit');
    const last = await repo.materialsOf(tx, finding.id);
    const row = await tx
      .insertInto('finding_materials')
      .values({ finding_id: finding.id, sort: (last.at(-1)?.sort ?? 0) + 1, title: input.title, kind: input.kind, description: input.description, created_by: actor.userId, created_at: ctx.now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, { action: 'create', entity: 'findings.material', entityId: row.id, scopeCode: scopeOf(finding), after: row });
    return detail(tx, actor, finding, place);
  });
}

async function materialOf(tx: Executor, findingId: string, materialId: string) {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const m = UUID.test(materialId) ? await repo.findMaterial(tx, findingId, materialId) : undefined;
  if (!m) throw new DomainError('NOT_FOUND', '佐证材料不存在');
  return m;
}

export async function updateMaterial(ctx: AppContext, actor: Actor, findingId: string, materialId: string, input: MaterialInput): Promise<FindingDetail> {
  return ctx.db.transaction().execute(async (tx) => {
    const { finding, place } = await forWrite(tx, actor, findingId);
    guard(actor, finding, 'edit');
    const before = await materialOf(tx, finding.id, materialId);
    const after = await tx
      .updateTable('finding_materials')
      .set({ title: input.title, kind: input.kind, description: input.description })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, { action: 'update', entity: 'findings.material', entityId: before.id, scopeCode: scopeOf(finding), before, after });
    return detail(tx, actor, finding, place);
  });
}

export async function deleteMaterial(ctx: AppContext, actor: Actor, findingId: string, materialId: string): Promise<FindingDetail> {
  return ctx.db.transaction().execute(async (tx) => {
    const { finding, place } = await forWrite(tx, actor, findingId);
    guard(actor, finding, 'edit');
    const before = await materialOf(tx, finding.id, materialId);
    const files = await deleteAttachmentsOf(tx, FINDING_MATERIAL_OWNER, before.id);
    await tx.deleteFrom('finding_materials').where('id', '=', before.id).execute();
    await writeAudit(tx, ctx, actor, { action: 'delete', entity: 'findings.material', entityId: before.id, scopeCode: scopeOf(finding), before: { ...before, files } });
    return detail(tx, actor, finding, place);
  });
}

export async function addMaterialAttachment(ctx: AppContext, actor: Actor, findingId: string, materialId: string, file: { buffer: Uint8Array; fileName: string }) {
  return ctx.db.transaction().execute(async (tx) => {
    const { finding } = await forWrite(tx, actor, findingId);
    guard(actor, finding, 'edit');
    const m = await materialOf(tx, finding.id, materialId);
    return storeFile(tx, ctx, actor, file, { ownerKind: FINDING_MATERIAL_OWNER, ownerId: m.id, scopeCode: scopeOf(finding) });
  });
}

export async function deleteMaterialAttachment(ctx: AppContext, actor: Actor, findingId: string, materialId: string, attachmentId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { finding } = await forWrite(tx, actor, findingId);
    guard(actor, finding, 'edit');
    const m = await materialOf(tx, finding.id, materialId);
    await deleteAttachment(tx, ctx, actor, attachmentId, { ownerKind: FINDING_MATERIAL_OWNER, ownerId: m.id, scopeCode: scopeOf(finding) });
  });
}

/** Files of a supporting material are exactly as visible as its finding (and so its inspection). */
export async function checkMaterialFileAccess(ctx: AppContext, actor: Actor, materialId: string): Promise<void> {
  const m = await repo.materialById(ctx.db, materialId);
  if (!m) throw findingNotFound();
  await findingForActor(ctx.db, actor, m.finding_id);
}

/** Checks before reading an upload: the finding exists for the actor and may be edited now. */
export async function checkMaterialUpload(ctx: AppContext, actor: Actor, findingId: string): Promise<void> {
  const { finding, place } = await findingForActor(ctx.db, actor, findingId);
  const refusal = phaseRefusal(place);
  if (refusal) throw refusal;
  guard(actor, finding, 'edit');
}
