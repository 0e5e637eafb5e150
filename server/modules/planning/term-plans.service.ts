/** Term plans (巡察规划) and their coverage of the county's villages. */
import { z } from 'zod';
import { termCoverage, termPlanInput, type CoverageInspection, type PaceRules, type TermPlan } from '../../../domain/planning/term-plan';
import { countyCodeField } from '../../../domain/planning/requests';
import { DomainError } from '../../../domain/shared/errors';
import { requirePermission } from '../../http/auth';
import type { Actor, AppContext, Executor } from '../../http/context';
import type { DB } from '../../db/schema';
import type { Selectable } from 'kysely';
import { writeAudit } from '../access';
import * as repo from './planning.repository';
import { countyForWrite, isUuid } from './scope';

export const termPlanRequest = z.intersection(termPlanInput, z.object({ countyCode: countyCodeField.optional() }));
export type TermPlanRequest = z.input<typeof termPlanRequest>;

type TermPlanRow = Selectable<DB['term_plans']>;

const notFound = () => new DomainError('NOT_FOUND', '巡察规划不存在或无权查看');

/** Team users and towns do not read term plans: they are the office's. */
function requirePlanRead(actor: Actor) {
  if (!actor.permissions.has('planning.read') || actor.orgKind === 'team') throw notFound();
}

async function countyNames(db: Executor, codes: string[]) {
  const rows = await repo.findDivisions(db, [...new Set(codes)]);
  return new Map(rows.map((r) => [r.code, r.name]));
}

function planOut(p: TermPlanRow, countyName: string | undefined) {
  return {
    id: p.id,
    countyCode: p.scope_code,
    countyName: countyName ?? p.scope_code,
    name: p.name,
    startDate: p.start_date,
    endDate: p.end_date,
    pace: p.pace as unknown as PaceRules,
    version: p.version,
    updatedAt: p.updated_at,
  };
}

export async function listTermPlans(ctx: AppContext, actor: Actor) {
  requirePlanRead(actor);
  const rows = await repo.listTermPlans(ctx.db, actor.scopeCode);
  const names = await countyNames(ctx.db, rows.map((r) => r.scope_code));
  return { items: rows.map((r) => planOut(r, names.get(r.scope_code))), total: rows.length };
}

async function planInScope(db: Executor, actor: Actor, id: string) {
  if (!isUuid(id)) throw notFound();
  const p = await repo.findTermPlan(db, actor.scopeCode, id);
  if (!p) throw notFound();
  return p;
}

export async function getTermPlan(ctx: AppContext, actor: Actor, id: string) {
  requirePlanRead(actor);
  const p = await planInScope(ctx.db, actor, id);
  return planOut(p, (await countyNames(ctx.db, [p.scope_code])).get(p.scope_code));
}

export async function createTermPlan(ctx: AppContext, actor: Actor, input: TermPlanRequest) {
  requirePermission(actor, 'planning.write');
  const data = termPlanRequest.parse(input);
  const county = await countyForWrite(ctx.db, actor, data.countyCode);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertTermPlan(trx, {
      scope_code: county,
      name: data.name,
      start_date: data.startDate,
      end_date: data.endDate,
      pace: JSON.stringify(data.pace),
      updated_at: ctx.now(),
    });
    const out = planOut(row, (await countyNames(trx, [county])).get(county));
    await writeAudit(trx, ctx, actor, { action: 'create', entity: 'planning.term_plan', entityId: row.id, scopeCode: county, after: { ...out, updatedAt: undefined } });
    return out;
  });
}

export async function updateTermPlan(ctx: AppContext, actor: Actor, id: string, input: TermPlanRequest) {
  requirePermission(actor, 'planning.write');
  const data = termPlanRequest.parse(input);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await planInScope(trx, actor, id);
    if (data.countyCode && data.countyCode !== before.scope_code) throw new DomainError('VALIDATION_FAILED', '规划所属区县不能修改');
    const row = await repo.updateTermPlan(trx, id, {
      name: data.name,
      start_date: data.startDate,
      end_date: data.endDate,
      pace: JSON.stringify(data.pace),
      updated_at: ctx.now(),
    });
    const names = await countyNames(trx, [row.scope_code]);
    const out = planOut(row, names.get(row.scope_code));
    await writeAudit(trx, ctx, actor, {
      action: 'update',
      entity: 'planning.term_plan',
      entityId: id,
      scopeCode: row.scope_code,
      before: { ...planOut(before, names.get(before.scope_code)), updatedAt: undefined },
      after: { ...out, updatedAt: undefined },
    });
    return out;
  });
}

/** A timestamp's calendar date in China (Asia/Shanghai, UTC+8 all year). */
export const chinaDate = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Coverage of the plan's county: a finished inspection counts on the day it finished, any other on the
 * first day of its round (when it is planned to happen).
 */
export async function termPlanCoverage(ctx: AppContext, actor: Actor, id: string) {
  requirePlanRead(actor);
  const p = await planInScope(ctx.db, actor, id);
  const villages = await repo.countyVillages(ctx.db, p.scope_code);
  const inspections: CoverageInspection[] = (await repo.countyInspections(ctx.db, p.scope_code)).map((i) =>
    i.status === 'completed' && i.completed_at
      ? { villageCode: i.village_code, date: chinaDate(new Date(i.completed_at)), state: 'done' }
      : { villageCode: i.village_code, date: i.start_date, state: 'planned' },
  );
  const term: TermPlan = termPlanInput.parse({ name: p.name, startDate: p.start_date, endDate: p.end_date, pace: p.pace });
  const coverage = termCoverage({
    term,
    villages: villages.map((v) => ({ code: v.code, townCode: v.town_code!, townName: v.town_name })),
    inspections,
    today: chinaDate(ctx.now()),
  });
  return { plan: planOut(p, (await countyNames(ctx.db, [p.scope_code])).get(p.scope_code)), today: chinaDate(ctx.now()), coverage };
}
