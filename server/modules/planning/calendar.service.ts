/**
 * The official calendar as the office sees it: chinese-days' statutory holidays and 调休 working
 * weekends with the office's corrections (calendar_overrides) on top. Every working-day computation
 * loads the corrections through `loadCalendarOverrides`.
 */
import {
  DAY_OVERRIDE_KINDS,
  addDays,
  describeDay,
  isYearKnown,
  knownYears,
  unknownYearWarning,
  unknownYearsBetween,
  workingDaysIn,
  type DayOverride,
  type DayOverrideKind,
} from '../../../domain/shared/calendar';
import { DomainError } from '../../../domain/shared/errors';
import { requirePermission } from '../../http/auth';
import type { Actor, AppContext, Executor } from '../../http/context';
import { writeAudit } from '../access';
import * as repo from './planning.repository';

/** The office's corrections to the official calendar, for every working-day computation. */
export async function loadCalendarOverrides(db: Executor): Promise<DayOverride[]> {
  const rows = await repo.listCalendarOverrides(db);
  return rows.map((r) => ({ date: r.date, kind: r.kind as DayOverrideKind, ...(r.note ? { note: r.note } : {}) }));
}

export async function calendarYear(ctx: AppContext, actor: Actor, year: number) {
  requirePermission(actor, 'planning.read');
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const rows = await repo.listCalendarOverrides(ctx.db, from, to);
  const overrides = rows.map((r) => ({ date: r.date, kind: r.kind as DayOverrideKind, note: r.note }));
  const days = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(describeDay(d, overrides));
  return {
    year,
    known: isYearKnown(year),
    knownYears: knownYears(),
    unknownYearWarning: isYearKnown(year) ? null : unknownYearWarning(year),
    days,
    overrides: rows.map((r) => ({ date: r.date, kind: r.kind, kindName: DAY_OVERRIDE_KINDS[r.kind as DayOverrideKind], note: r.note })),
    workingDays: days.filter((d) => d.working).length,
  };
}

export async function workingDaysReport(ctx: AppContext, actor: Actor, from: string, to: string) {
  requirePermission(actor, 'planning.read');
  if (to < from) throw new DomainError('VALIDATION_FAILED', '结束日期不能早于开始日期');
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 10) throw new DomainError('VALIDATION_FAILED', '计算区间不超过 10 年');
  const dates = workingDaysIn(from, to, await loadCalendarOverrides(ctx.db));
  return {
    from,
    to,
    workingDays: dates.length,
    dates,
    warnings: unknownYearsBetween(from, to).map(unknownYearWarning),
  };
}

export async function setCalendarOverride(ctx: AppContext, actor: Actor, date: string, input: { kind: DayOverrideKind; note?: string | undefined }) {
  requirePermission(actor, 'calendar.write');
  const note = input.note?.trim() ?? '';
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findCalendarOverride(trx, date);
    await repo.upsertCalendarOverride(trx, { date, kind: input.kind, note, updated_by: actor.userId, updated_at: ctx.now() });
    const after = { date, kind: input.kind, note };
    // the calendar is national: the row belongs to no division
    await writeAudit(trx, ctx, actor, { action: before ? 'update' : 'create', entity: 'planning.calendar_override', entityId: date, scopeCode: '', before: before ?? null, after });
    return { ...after, kindName: DAY_OVERRIDE_KINDS[input.kind], day: describeDay(date, [{ date, kind: input.kind, note }]) };
  });
}

export async function removeCalendarOverride(ctx: AppContext, actor: Actor, date: string) {
  requirePermission(actor, 'calendar.write');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findCalendarOverride(trx, date);
    if (!before) throw new DomainError('NOT_FOUND', `${date} 没有自定义设置`);
    await repo.deleteCalendarOverride(trx, date);
    await writeAudit(trx, ctx, actor, { action: 'delete', entity: 'planning.calendar_override', entityId: date, scopeCode: '', before });
  });
  return { date, day: describeDay(date) };
}
