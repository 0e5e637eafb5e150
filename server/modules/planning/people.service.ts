/**
 * The people who can be sent on inspection (人员库): name, unit, expertise, home and work town, and the
 * relatives they declared — the facts 回避 is checked against.
 */
import type { Selectable } from 'kysely';
import { personInput, roundLabel, type PersonInput } from '../../../domain/planning/requests';
import { LEVEL } from '../../../domain/registry/village';
import { DomainError } from '../../../domain/shared/errors';
import { requirePermission } from '../../http/auth';
import type { DB } from '../../db/schema';
import type { Actor, AppContext, Executor } from '../../http/context';
import { writeAudit } from '../access';
import * as repo from './planning.repository';
import { countyForWrite, isUuid } from './scope';

type PersonRow = Selectable<DB['people']>;

const notFound = () => new DomainError('NOT_FOUND', '人员不存在或无权查看');
const maskId = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

/** The people list is the office's; team users may look members up but see ID numbers masked. */
function requireRead(actor: Actor) {
  if (!actor.permissions.has('planning.read')) throw notFound();
}

async function townNames(db: Executor, rows: PersonRow[]) {
  const codes = [...new Set(rows.flatMap((r) => [r.home_town_code, r.work_town_code]).filter((c): c is string => !!c))];
  return new Map((await repo.findDivisions(db, codes)).map((d) => [d.code, d.name]));
}

async function peopleOut(db: Executor, actor: Actor, rows: PersonRow[]) {
  const full = actor.permissions.has('planning.write');
  const towns = await townNames(db, rows);
  const relatives = await repo.relativesOf(db, rows.map((r) => r.id));
  return rows.map((p) => ({
    id: p.id,
    countyCode: p.scope_code,
    name: p.name,
    gender: p.gender,
    idNumber: p.id_number ? (full ? p.id_number : maskId(p.id_number)) : null,
    unit: p.unit,
    position: p.position,
    expertise: p.expertise as unknown as string[],
    homeTownCode: p.home_town_code,
    homeTownName: p.home_town_code ? (towns.get(p.home_town_code) ?? null) : null,
    workTownCode: p.work_town_code,
    workTownName: p.work_town_code ? (towns.get(p.work_town_code) ?? null) : null,
    phone: full ? p.phone : null,
    notes: full ? p.notes : '',
    relatives: relatives
      .filter((r) => r.person_id === p.id)
      .map((r) => ({ name: r.name, relation: r.relation, idNumber: r.id_number ? (full ? r.id_number : maskId(r.id_number)) : null })),
    updatedAt: p.updated_at,
  }));
}

export async function listPeople(ctx: AppContext, actor: Actor, f: { q?: string | undefined; expertise?: string | undefined; page: number; pageSize: number }) {
  requireRead(actor);
  const { items, total } = await repo.listPeople(ctx.db, { ...f, scope: actor.scopeCode });
  return { items: await peopleOut(ctx.db, actor, items), total };
}

async function personInScope(db: Executor, actor: Actor, id: string) {
  if (!isUuid(id)) throw notFound();
  const p = await repo.findPerson(db, actor.scopeCode, id);
  if (!p) throw notFound();
  return p;
}

export async function getPerson(ctx: AppContext, actor: Actor, id: string) {
  requireRead(actor);
  const p = await personInScope(ctx.db, actor, id);
  const teams = await repo.teamsOfPerson(ctx.db, p.id);
  return { ...(await peopleOut(ctx.db, actor, [p]))[0]!, teams: teams.map((t) => ({ teamId: t.id, teamName: t.name, roundLabel: roundLabel(t), role: t.role })) };
}

async function checkTowns(db: Executor, data: { homeTownCode: string | null; workTownCode: string | null }) {
  for (const [field, code] of [
    ['homeTownCode', data.homeTownCode],
    ['workTownCode', data.workTownCode],
  ] as const) {
    if (!code) continue;
    const d = await repo.findDivision(db, code);
    if (!d || d.level !== LEVEL.town) throw new DomainError('VALIDATION_FAILED', `乡镇（街道）${code} 尚未导入`, [{ path: field, message: '乡镇（街道）不存在' }]);
  }
}

const rowValues = (data: ReturnType<typeof personInput.parse>) => ({
  name: data.name,
  gender: data.gender,
  id_number: data.idNumber,
  unit: data.unit,
  position: data.position,
  expertise: JSON.stringify([...new Set(data.expertise)]),
  home_town_code: data.homeTownCode,
  work_town_code: data.workTownCode,
  phone: data.phone || null,
  notes: data.notes,
});

const relativeRows = (data: ReturnType<typeof personInput.parse>) => data.relatives.map((r) => ({ name: r.name, id_number: r.idNumber, relation: r.relation }));

export async function createPerson(ctx: AppContext, actor: Actor, input: PersonInput) {
  requirePermission(actor, 'planning.write');
  const data = personInput.parse(input);
  const county = await countyForWrite(ctx.db, actor, data.countyCode);
  await checkTowns(ctx.db, data);
  return ctx.db.transaction().execute(async (trx) => {
    if (data.idNumber) {
      const same = await repo.findPersonByIdNumber(trx, county, data.idNumber);
      if (same) throw new DomainError('CONFLICT', `人员库中已有该身份证号码的人员：${same.name}`);
    }
    const row = await repo.insertPerson(trx, { scope_code: county, ...rowValues(data), updated_at: ctx.now() });
    await repo.replaceRelatives(trx, row.id, relativeRows(data));
    const [out] = await peopleOut(trx, actor, [row]);
    await writeAudit(trx, ctx, actor, { action: 'create', entity: 'planning.person', entityId: row.id, scopeCode: county, after: { ...out, updatedAt: undefined } });
    return out!;
  });
}

export async function updatePerson(ctx: AppContext, actor: Actor, id: string, input: PersonInput) {
  requirePermission(actor, 'planning.write');
  const data = personInput.parse(input);
  await checkTowns(ctx.db, data);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await personInScope(trx, actor, id);
    if (data.idNumber) {
      const same = await repo.findPersonByIdNumber(trx, before.scope_code, data.idNumber);
      if (same && same.id !== before.id) throw new DomainError('CONFLICT', `人员库中已有该身份证号码的人员：${same.name}`);
    }
    const [b] = await peopleOut(trx, actor, [before]);
    const row = await repo.updatePerson(trx, before.id, { ...rowValues(data), updated_at: ctx.now() });
    await repo.replaceRelatives(trx, row.id, relativeRows(data));
    const [out] = await peopleOut(trx, actor, [row]);
    await writeAudit(trx, ctx, actor, {
      action: 'update',
      entity: 'planning.person',
      entityId: row.id,
      scopeCode: row.scope_code,
      before: { ...b, updatedAt: undefined },
      after: { ...out, updatedAt: undefined },
    });
    return out!;
  });
}

export async function deletePerson(ctx: AppContext, actor: Actor, id: string) {
  requirePermission(actor, 'planning.write');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await personInScope(trx, actor, id);
    const teams = await repo.teamsOfPerson(trx, before.id);
    if (teams.length > 0) {
      const reasons = teams.map((t) => `${before.name}是${roundLabel(t)}“${t.name}”的成员`);
      throw new DomainError('CONFLICT', `${before.name}已编入巡察组，不能删除；请先将其移出巡察组`, { reasons });
    }
    const [b] = await peopleOut(trx, actor, [before]);
    await repo.deletePerson(trx, before.id);
    await writeAudit(trx, ctx, actor, { action: 'delete', entity: 'planning.person', entityId: before.id, scopeCode: before.scope_code, before: { ...b, updatedAt: undefined } });
  });
}
