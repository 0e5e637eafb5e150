/**
 * 整改成效 (issue 5 point 8): the three effect rates per round, town and village as of a date, the
 * records behind every number, and the 100-point evaluation per round and town.
 *
 * Rates: the repository reads the records under the caller's item view (a town sees its own towns'
 * records, a team its targets'), and the domain (metrics.ts) counts them; the drill-down lists run the
 * same definitions as SQL conditions, and the tests check both against the rows. "Today" is the China
 * date of the app's clock unless the caller asks for another date.
 *
 * Evaluation: the office's model (stored per office organisation, the domain default until saved);
 * per round and town the office saves counts per deduction rule — the records suggest some of them
 * (suggestEvaluationCounts), the office adjusts with a note — and the domain scores them. A draft is
 * re-editable; once confirmed it is fixed. Others (the town, the leading group …) see confirmed
 * evaluations of towns in their scope only; every write has an audit row.
 */
import { scopeCovers } from '../../../domain/access/roles';
import { chinaDate } from '../../../domain/leads/deadline';
import {
  DEFAULT_EVALUATION_MODEL,
  EVALUATION_GRADES,
  EVALUATION_STATUSES,
  evaluate,
  evaluationModelInput,
  evaluationSaveInput,
  ITEM_KINDS,
  ITEM_STATUSES,
  rectifiedRate,
  reportDeadline,
  satisfactionRate,
  suggestEvaluationCounts,
  tallyByItem,
  transferCompletionRate,
  type EffectRates,
  type EvaluationGrade,
  type EvaluationModel,
  type EvaluationResult,
  type EvaluationSaveInput,
  type EvaluationStatus,
  type ItemKind,
  type ItemStatus,
  type RatingAnswer,
  type RepresentativeCategory,
} from '../../../domain/rectification';
import { RATING_ANSWERS, REPRESENTATIVE_CATEGORIES } from '../../../domain/rectification';
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, AppContext, Executor } from '../../http/context';
import { writeAudit } from '../access';
import { planReportMonths } from '../rectification-plans';
import type { ItemView } from '../rectification/items.repository';
import { itemCode, viewOf } from '../rectification/items.service';
import * as repo from './metrics.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const roundLabel = (r: { year: number; number: number }) => `${r.year}年第${r.number}轮`;
const notFound = (what = '记录') => new DomainError('NOT_FOUND', `${what}不存在或无权查看`);

function viewOrNotFound(actor: Actor): ItemView {
  const v = viewOf(actor);
  if (!v) throw notFound();
  return v;
}

const isOffice = (actor: Actor) => actor.orgKind === 'office' && actor.permissions.has('rectification.manage');

function requireOffice(actor: Actor, what: string): void {
  if (!isOffice(actor)) throw new DomainError('FORBIDDEN', `只有巡察办可以${what}`);
}

export const todayOf = (ctx: AppContext) => chinaDate(ctx.now());

// — rates —

export type GroupBy = 'round' | 'town' | 'village';

export interface RatesQuery {
  roundId?: string | undefined;
  townCode?: string | undefined;
  villageCode?: string | undefined;
  asOf?: string | undefined;
  groupBy?: GroupBy | undefined;
}

export interface RatesOut {
  rectified: { due: number; closedOnTime: number; closedLate: number; open: number; rate: number | null };
  transfers: { transferred: number; completed: number; pending: number; rate: number | null };
  satisfaction: { answers: number; satisfied: number; basicallySatisfied: number; unsatisfied: number; rate: number | null };
}

/** A 9-digit "village" code is the town itself: its town-level records (village_code is null). */
const placeFilter = (q: RatesQuery): repo.PlaceFilter => ({ roundId: q.roundId, townCode: q.townCode, villageCode: q.villageCode });

function ratesOut(items: repo.ItemFact[], transfers: repo.TransferFact[], ratings: repo.RatingFact[], asOf: string): RatesOut {
  const r = rectifiedRate(
    items.map((i) => ({ kind: i.kind as ItemKind, deadline: i.deadline, closedOn: i.closed_on })),
    asOf,
  );
  const t = transferCompletionRate(
    transfers.map((x) => ({ transferredOn: x.sent_on, completedOn: x.completed_on })),
    asOf,
  );
  const given = ratings.map((a) => ({ answer: a.answer as RatingAnswer, ratedOn: chinaDate(new Date(a.created_at)) }));
  const s = satisfactionRate(given, asOf);
  const counted = given.filter((a) => a.ratedOn <= asOf);
  return {
    rectified: { due: r.due, closedOnTime: r.closedOnTime, closedLate: r.closedLate, open: r.open, rate: r.rate },
    transfers: { transferred: t.transferred, completed: t.completed, pending: t.transferred - t.completed, rate: t.rate },
    satisfaction: {
      answers: s.answers,
      satisfied: counted.filter((a) => a.answer === 'satisfied').length,
      basicallySatisfied: counted.filter((a) => a.answer === 'basically_satisfied').length,
      unsatisfied: s.answers - s.satisfied,
      rate: s.rate,
    },
  };
}

/** Groups with their records: an item's group key by the grouping; '' for transfers placed nowhere below the round. */
function groupKey(by: GroupBy, r: { round_id: string; town_code: string | null; village_code: string | null }): string {
  if (by === 'round') return r.round_id;
  if (by === 'town') return r.town_code ?? '';
  return r.village_code ?? r.town_code ?? '';
}

export async function getRates(ctx: AppContext, actor: Actor, q: RatesQuery) {
  const view = viewOrNotFound(actor);
  const asOf = q.asOf ?? todayOf(ctx);
  const by: GroupBy = q.groupBy ?? (q.townCode || q.villageCode ? 'village' : 'town');
  const f = placeFilter(q);
  const [items, transfers, ratings] = await Promise.all([repo.itemFacts(ctx.db, view, f), repo.transferFacts(ctx.db, view, f), repo.ratingFacts(ctx.db, view, f)]);
  const keys = [...new Set([...items, ...transfers, ...ratings].map((r) => groupKey(by, r)))];
  const names = await groupNames(ctx.db, by, keys);
  const groups = keys
    .map((key) => ({
      key,
      name: names.get(key) ?? key,
      rates: ratesOut(
        items.filter((r) => groupKey(by, r) === key),
        transfers.filter((r) => groupKey(by, r) === key),
        ratings.filter((r) => groupKey(by, r) === key),
        asOf,
      ),
    }))
    .sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : a.key.localeCompare(b.key)));
  return { asOf, groupBy: by, total: ratesOut(items, transfers, ratings, asOf), groups };
}

async function groupNames(db: Executor, by: GroupBy, keys: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>([['', by === 'round' ? '—' : '未关联乡镇（村）的移交事项']]);
  const real = keys.filter(Boolean);
  if (by === 'round') {
    for (const r of await repo.roundsByIds(db, real)) out.set(r.id, roundLabel(r));
    return out;
  }
  const names = await repo.divisionNames(db, real);
  for (const k of real) out.set(k, by === 'village' && k.length === 9 ? `${names.get(k) ?? k}本级` : (names.get(k) ?? k));
  return out;
}

/** Rounds, towns and villages with items the caller sees, for the filters. */
export async function getOptions(ctx: AppContext, actor: Actor, q: { roundId?: string | undefined }) {
  const view = viewOrNotFound(actor);
  const all = await repo.placesOf(ctx.db, view, {});
  const rounds = (await repo.roundsByIds(ctx.db, [...new Set(all.map((p) => p.round_id))])).sort((a, b) => b.year - a.year || b.number - a.number);
  const places = q.roundId ? all.filter((p) => p.round_id === q.roundId) : all;
  const towns = [...new Set(places.map((p) => p.town_code))].sort();
  const villages = [...new Set(places.map((p) => p.village_code).filter((v): v is string => Boolean(v)))].sort();
  const names = await repo.divisionNames(ctx.db, [...towns, ...villages]);
  return {
    today: todayOf(ctx),
    rounds: rounds.map((r) => ({ id: r.id, label: roundLabel(r) })),
    towns: towns.map((code) => ({
      code,
      name: names.get(code) ?? code,
      villages: villages.filter((v) => v.startsWith(code)).map((v) => ({ code: v, name: names.get(v) ?? v })),
    })),
  };
}

// — drill-down —

export type DrillQuery = RatesQuery & { measure: 'items' | 'transfers' | 'ratings'; class: string; page: number; pageSize: number };

const placeName = (town: string | null, village: string | null) => [town, village].filter(Boolean).join(' ') || '—';

export async function drillDown(ctx: AppContext, actor: Actor, q: DrillQuery) {
  const view = viewOrNotFound(actor);
  const asOf = q.asOf ?? todayOf(ctx);
  const f = placeFilter(q);
  const page = { page: q.page, pageSize: q.pageSize };
  if (q.measure === 'items') {
    const { rows, total } = await repo.itemRecords(ctx.db, view, f, q.class as repo.ItemClass, asOf, page);
    return {
      asOf,
      measure: q.measure,
      total,
      items: rows.map((r) => ({
        id: r.id,
        code: itemCode(r),
        roundLabel: roundLabel({ year: r.round_year, number: r.round_number }),
        problem: r.title,
        place: placeName(r.town_name, r.village_name),
        kindName: ITEM_KINDS[r.kind as ItemKind] ?? r.kind,
        statusName: ITEM_STATUSES[r.status as ItemStatus] ?? r.status,
        responsibleUnitName: r.responsible_unit_name,
        deadline: r.deadline,
        closedOn: r.closed_on,
        outcome: outcomeOf(r, asOf),
      })),
    };
  }
  if (q.measure === 'transfers') {
    const { rows, total } = await repo.transferRecords(ctx.db, view, f, q.class as repo.TransferClass, asOf, page);
    return {
      asOf,
      measure: q.measure,
      total,
      items: rows.map((r) => ({
        id: r.id,
        roundLabel: roundLabel({ year: r.round_year, number: r.round_number }),
        title: r.title,
        departmentName: r.department_name ?? '—',
        place: placeName(r.town_name, r.village_name),
        sentOn: r.sent_on,
        dueOn: r.due_on,
        completedOn: r.completed_on !== null && r.completed_on <= asOf ? r.completed_on : null,
        result: r.completed_on !== null && r.completed_on <= asOf ? r.result : '',
      })),
    };
  }
  const { rows, total } = await repo.ratingRecords(ctx.db, view, f, q.class as repo.RatingClass, asOf, page);
  return {
    asOf,
    measure: q.measure,
    total,
    items: rows.map((r) => ({
      id: r.id,
      itemId: r.item_id,
      code: itemCode(r),
      problem: r.title,
      place: placeName(r.town_name, r.village_name),
      answer: r.answer,
      answerName: RATING_ANSWERS[r.answer as RatingAnswer] ?? r.answer,
      categoryName: REPRESENTATIVE_CATEGORIES[r.category as RepresentativeCategory] ?? r.category,
      comment: r.comment,
      ratedOn: chinaDate(new Date(r.created_at)),
    })),
  };
}

function outcomeOf(r: { deadline: string | null; closed_on: string | null }, asOf: string): string {
  if (r.closed_on !== null && r.closed_on <= asOf) return r.deadline !== null && r.closed_on <= r.deadline ? '按期完成' : '逾期完成';
  return '逾期未完成';
}

// — the evaluation model —

export async function modelFor(db: Executor, scopeCode: string): Promise<{ model: EvaluationModel; isDefault: boolean; officeId: string | null }> {
  const office = await repo.officeOver(db, scopeCode);
  const stored = office ? await repo.modelOf(db, office.id) : undefined;
  const parsed = evaluationModelInput.safeParse(stored?.model);
  return parsed.success ? { model: parsed.data, isDefault: false, officeId: office?.id ?? null } : { model: DEFAULT_EVALUATION_MODEL, isDefault: true, officeId: office?.id ?? null };
}

export async function getModel(ctx: AppContext, actor: Actor) {
  viewOrNotFound(actor);
  const { model, isDefault } = await modelFor(ctx.db, actor.scopeCode);
  return { model, isDefault, canEdit: isOffice(actor) };
}

export async function updateModel(ctx: AppContext, actor: Actor, input: unknown) {
  requireOffice(actor, '设置整改成效评估模型');
  const model = evaluationModelInput.parse(input);
  return ctx.db.transaction().execute(async (tx) => {
    const stored = await repo.modelOf(tx, actor.orgId);
    await repo.saveModel(tx, actor.orgId, model, actor.userId, ctx.now());
    await writeAudit(tx, ctx, actor, { action: 'update', entity: 'rectification.evaluation_model', entityId: actor.orgId, scopeCode: actor.scopeCode, before: stored?.model ?? null, after: model });
    return { model, isDefault: false, canEdit: true };
  });
}

// — evaluations —

interface TownAccess {
  round: NonNullable<Awaited<ReturnType<typeof repo.roundById>>>;
  towns: string[];
}

/** The round and its towns the actor may see evaluations of (teams and villages see none: 404). */
async function roundTownsFor(db: Executor, actor: Actor, roundId: string): Promise<TownAccess> {
  const view = viewOf(actor);
  if (!view || view.kind === 'team' || !UUID.test(roundId)) throw notFound('巡察轮次');
  const round = await repo.roundById(db, roundId);
  if (!round) throw notFound('巡察轮次');
  const towns = (await repo.roundTowns(db, round.id)).filter((t) => scopeCovers(actor.scopeCode, t));
  if (towns.length === 0 && !scopeCovers(actor.scopeCode, round.scope_code)) throw notFound('巡察轮次');
  return { round, towns };
}

async function townFor(db: Executor, actor: Actor, roundId: string, townCode: string) {
  const access = await roundTownsFor(db, actor, roundId);
  if (!access.towns.includes(townCode)) throw notFound('乡镇（街道）');
  const names = await repo.divisionNames(db, [townCode]);
  return { ...access, townCode, townName: names.get(townCode) ?? townCode };
}

const asModel = (v: unknown): EvaluationModel => (typeof v === 'string' ? JSON.parse(v) : v) as EvaluationModel;
const asRecord = <T>(v: unknown): Record<string, T> => ((typeof v === 'string' ? JSON.parse(v) : v) ?? {}) as Record<string, T>;

function summaryOf(e: repo.EvaluationRow) {
  const grade = e.grade as EvaluationGrade;
  const status = e.status as EvaluationStatus;
  return {
    status,
    statusName: EVALUATION_STATUSES[status],
    asOf: e.as_of,
    total: e.total,
    grade,
    gradeName: EVALUATION_GRADES[grade],
    secondRectification: e.second_rectification,
    confirmedOn: e.confirmed_on,
    version: e.version,
  };
}

export async function listEvaluations(ctx: AppContext, actor: Actor, q: { roundId: string; page: number; pageSize: number }) {
  const { round, towns } = await roundTownsFor(ctx.db, actor, q.roundId);
  const office = isOffice(actor);
  const shown = towns.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const names = await repo.divisionNames(ctx.db, shown);
  const saved = new Map((await repo.evaluationsOfRound(ctx.db, round.id)).map((e) => [e.town_code, e]));
  return {
    round: { id: round.id, label: roundLabel(round) },
    canEdit: office,
    items: shown.map((code) => {
      const e = saved.get(code);
      const visible = e && (office || e.status === 'confirmed');
      return { townCode: code, townName: names.get(code) ?? code, evaluation: visible ? summaryOf(e) : null };
    }),
    total: towns.length,
  };
}

/** What the records of the round and town say as of `asOf`: the facts, the rates and the suggested counts. */
async function townFacts(db: Executor, roundId: string, townCode: string, asOf: string, model: EvaluationModel) {
  const view: ItemView = { kind: 'scope', scope: townCode };
  const f = { roundId, townCode };
  const [items, itemFacts, transfers, ratings, plan, report, feedbackOn, months, fake] = await Promise.all([
    repo.townItems(db, roundId, townCode),
    repo.itemFacts(db, view, f),
    repo.transferFacts(db, view, f),
    repo.ratingFacts(db, view, f),
    repo.planOf(db, roundId, townCode),
    repo.townReportOf(db, roundId, townCode),
    repo.townFeedbackOn(db, roundId, townCode),
    planReportMonths(db),
    repo.fakeItemCount(db, roundId, townCode),
  ]);
  const rates = ratesOut(itemFacts, transfers, ratings, asOf);
  const given = ratings.filter((a) => chinaDate(new Date(a.created_at)) <= asOf);
  const tallies = tallyByItem(given.map((a) => ({ itemId: a.item_id, villageId: a.village_code ?? a.town_code, answer: a.answer as RatingAnswer, category: a.category as RepresentativeCategory })));
  const transferOverdue = transfers.filter((x) => {
    if (!x.sent_on || x.sent_on > asOf || !x.due_on) return false;
    const done = x.completed_on !== null && x.completed_on <= asOf ? x.completed_on : null;
    return done ? done > x.due_on : x.due_on < asOf;
  }).length;
  const submittedOn = report && report.submitted_on <= asOf ? report.submitted_on : null;
  const facts = {
    asOf,
    itemsOpenOverdue: rates.rectified.open,
    itemsClosedLate: rates.rectified.closedLate,
    itemsReturned: items.filter((i) => i.returned).length,
    itemsFake: fake,
    itemsUnnamed: items.filter((i) => !i.responsible_leader.trim() || !i.lead_unit_name.trim() || (i.kind !== 'long_term' && !i.deadline)).length,
    transfersOverdue: transferOverdue,
    planAccepted: Boolean(plan?.status === 'accepted' && plan.accepted_on && plan.accepted_on <= asOf),
    reportFlag: reportDeadline({ feedbackOn, submittedOn }, asOf, months)?.flag ?? null,
    satisfactionRate: rates.satisfaction.rate,
    itemsRatedUnsatisfied: [...tallies.values()].filter((t) => t.unsatisfiedMajority).length,
  };
  return { items, rates, plan, report, feedbackOn, months, facts, suggested: suggestEvaluationCounts(facts, model) };
}

function resultOf(counts: Record<string, number>, model: EvaluationModel): EvaluationResult {
  return evaluate(counts, model);
}

export async function getEvaluation(ctx: AppContext, actor: Actor, roundId: string, townCode: string, q: { asOf?: string | undefined }) {
  const { round, townName } = await townFor(ctx.db, actor, roundId, townCode);
  const office = isOffice(actor);
  const saved = await repo.findEvaluation(ctx.db, round.id, townCode);
  if (!office && saved?.status !== 'confirmed') throw notFound('整改成效评估');
  const current = await modelFor(ctx.db, actor.scopeCode);
  // a confirmed evaluation keeps its model; a draft is rescored with the office's current model when saved again
  const model = saved && saved.status === 'confirmed' ? asModel(saved.model) : current.model;
  const asOf = q.asOf ?? saved?.as_of ?? todayOf(ctx);
  const t = await townFacts(ctx.db, round.id, townCode, asOf, model);
  // a draft keeps only the counts of rules the current model still has (the office may have changed it)
  const known = new Set(model.indicators.flatMap((i) => i.rules.map((r) => r.key)));
  const counts = saved
    ? Object.fromEntries(Object.entries(asRecord<number>(saved.counts)).filter(([k]) => known.has(k)))
    : Object.fromEntries(Object.entries(t.suggested).map(([k, s]) => [k, s.count]));
  return {
    round: { id: round.id, label: roundLabel(round) },
    townCode,
    townName,
    asOf,
    status: (saved?.status ?? 'new') as EvaluationStatus | 'new',
    canEdit: office && saved?.status !== 'confirmed',
    canConfirm: office && saved?.status === 'draft',
    version: saved?.version ?? 0,
    model,
    suggested: t.suggested,
    counts,
    notes: saved ? Object.fromEntries(Object.entries(asRecord<string>(saved.notes)).filter(([k]) => known.has(k))) : {},
    conclusion: saved?.conclusion ?? '',
    result: resultOf(counts, model),
    saved: saved ? summaryOf(saved) : null,
    rates: t.rates,
  };
}

export async function saveEvaluation(ctx: AppContext, actor: Actor, roundId: string, townCode: string, input: EvaluationSaveInput) {
  requireOffice(actor, '评估整改成效');
  const body = evaluationSaveInput.parse(input);
  const { round } = await townFor(ctx.db, actor, roundId, townCode);
  const { model } = await modelFor(ctx.db, actor.scopeCode);
  const result = evaluate(body.counts, model);
  if (result.unknownRules.length) throw new DomainError('VALIDATION_FAILED', `评估模型中没有这些扣分项：${result.unknownRules.join('、')}，请刷新后重新填写`);
  const known = new Set(model.indicators.flatMap((i) => i.rules.map((r) => r.key)));
  const notes = Object.fromEntries(Object.entries(body.notes).filter(([k, v]) => known.has(k) && v));
  const t = await townFacts(ctx.db, round.id, townCode, body.asOf, model);
  const suggested = Object.fromEntries(Object.entries(t.suggested).map(([k, s]) => [k, s.count]));
  return ctx.db.transaction().execute(async (tx) => {
    const before = await repo.lockEvaluation(tx, round.id, townCode);
    if (before?.status === 'confirmed') throw new DomainError('CONFLICT', '该镇（街道）的整改成效评估已确认，不能再修改');
    if ((before?.version ?? 0) !== body.version) throw new DomainError('CONFLICT', '评估已被他人修改，请刷新后重新填写');
    // the office may depart from what the records say, but says why
    const unexplained = model.indicators
      .flatMap((i) => i.rules)
      .filter((r) => r.key in suggested && (body.counts[r.key] ?? 0) !== suggested[r.key] && !notes[r.key]);
    if (unexplained.length) {
      throw new DomainError('VALIDATION_FAILED', `以下扣分项的次数与数据建议不同，请填写说明：${unexplained.map((r) => `“${r.label}”（建议 ${suggested[r.key]} 次）`).join('、')}`);
    }
    const values = {
      as_of: body.asOf,
      model: JSON.stringify(model),
      suggested: JSON.stringify(suggested),
      counts: JSON.stringify(body.counts),
      notes: JSON.stringify(notes),
      conclusion: body.conclusion,
      total: result.total,
      grade: result.grade,
      second_rectification: result.secondRectification,
      updated_at: ctx.now(),
    };
    const after = before
      ? await repo.updateEvaluation(tx, before.id, values)
      : await repo.insertEvaluation(tx, { ...values, round_id: round.id, town_code: townCode, status: 'draft', created_by: actor.userId });
    await writeAudit(tx, ctx, actor, { action: before ? 'update' : 'create', entity: 'rectification.evaluation', entityId: after.id, scopeCode: townCode, before: before ?? null, after });
    return summaryOf(after);
  });
}

export async function confirmEvaluation(ctx: AppContext, actor: Actor, roundId: string, townCode: string, input: { version: number }) {
  requireOffice(actor, '确认整改成效评估');
  const { round } = await townFor(ctx.db, actor, roundId, townCode);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await repo.lockEvaluation(tx, round.id, townCode);
    if (!before) throw new DomainError('CONFLICT', '请先保存评估，再确认');
    if (before.status === 'confirmed') throw new DomainError('CONFLICT', '该镇（街道）的整改成效评估已确认');
    if (before.version !== input.version) throw new DomainError('CONFLICT', '评估已被他人修改，请刷新后再确认');
    const after = await repo.updateEvaluation(tx, before.id, { status: 'confirmed', confirmed_on: todayOf(ctx), confirmed_by: actor.userId, confirmed_by_name: actor.displayName, updated_at: ctx.now() });
    await writeAudit(tx, ctx, actor, { action: 'confirm', entity: 'rectification.evaluation', entityId: after.id, scopeCode: townCode, before, after });
    return summaryOf(after);
  });
}

// — what the documents need —

/** 县委, 市委 (a county-level city) or 区委, read from the office's name; the 巡察工作领导小组 the documents go to. */
export function partyCommitteeOf(officeName: string | null | undefined): { authority: string; to: string } {
  const authority = officeName?.match(/(县委|市委|区委|旗委)/)?.[1] ?? '县委';
  const to = officeName && /巡察工作领导小组办公室$/.test(officeName) ? officeName.replace(/办公室$/, '') : `${authority}巡察工作领导小组`;
  return { authority, to };
}

export async function evaluationDocData(ctx: AppContext, actor: Actor, roundId: string, townCode: string) {
  const { round, townName } = await townFor(ctx.db, actor, roundId, townCode);
  const saved = await repo.findEvaluation(ctx.db, round.id, townCode);
  if (!saved || (!isOffice(actor) && saved.status !== 'confirmed')) throw notFound('整改成效评估');
  const model = asModel(saved.model);
  const office = await repo.officeOver(ctx.db, round.scope_code);
  const t = await townFacts(ctx.db, round.id, townCode, saved.as_of, model);
  return {
    round: roundLabel(round),
    townName,
    issuer: office?.name ?? '巡察工作领导小组办公室',
    to: partyCommitteeOf(office?.name).to,
    status: saved.status as EvaluationStatus,
    asOf: saved.as_of,
    result: evaluate(asRecord<number>(saved.counts), model),
    notes: asRecord<string>(saved.notes),
    conclusion: saved.conclusion,
    confirmedOn: saved.confirmed_on,
    rates: t.rates,
    itemCount: t.items.length,
  };
}

export async function townReportDocData(ctx: AppContext, actor: Actor, roundId: string, townCode: string, q: { asOf?: string | undefined }) {
  const { round, townName } = await townFor(ctx.db, actor, roundId, townCode);
  const asOf = q.asOf ?? todayOf(ctx);
  const { model } = await modelFor(ctx.db, actor.scopeCode);
  const t = await townFacts(ctx.db, round.id, townCode, asOf, model);
  const office = await repo.officeOver(ctx.db, round.scope_code);
  return {
    round: roundLabel(round),
    townName,
    ...partyCommitteeOf(office?.name),
    asOf,
    feedbackOn: t.feedbackOn,
    plan: t.plan ? { status: t.plan.status, acceptedOn: t.plan.accepted_on, submittedOn: t.plan.submitted_on } : null,
    report: t.report ? { submittedOn: t.report.submitted_on, content: t.report.content, leaderImplementation: t.report.leader_implementation } : null,
    rates: t.rates,
    items: t.items.map((i) => ({
      problem: i.title,
      village: i.village_name ?? `${townName}本级`,
      kind: i.kind as ItemKind,
      kindName: ITEM_KINDS[i.kind as ItemKind] ?? i.kind,
      statusName: ITEM_STATUSES[i.status as ItemStatus] ?? i.status,
      closed: i.closed_on !== null && i.closed_on <= asOf,
      closedOn: i.closed_on !== null && i.closed_on <= asOf ? i.closed_on : null,
      responsibleUnit: i.responsible_unit_name,
      measures: i.measures,
      deadline: i.deadline,
      lastReport: i.last_report ?? '',
    })),
  };
}

export type EffectRatesOf = EffectRates;
