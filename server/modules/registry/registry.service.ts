import { parseIdNumber } from '../../../domain/shared/id-number';
import { DomainError } from '../../../domain/shared/errors';
import { initials, normalizeName, villageKindFromName, villageShortName } from '../../../domain/shared/names';
import { isOneShoulder, cadreInput, RELATIONS, type CadreInput } from '../../../domain/registry/cadre';
import { DEFAULT_TAGS, LEVEL, townKindFromName, villageProfileInput, type VillageProfileInput } from '../../../domain/registry/village';
import type { Actor, AppContext, Tx } from '../../http/context';
import { requirePermission } from '../../http/auth';
import { auditEntryOut, listAuditEntries, writeAudit } from '../access';
import type { CountyDivisions } from './division-source';
import * as repo from './registry.repository';
import type { CadreRow } from '../../db/schema';

// --- divisions -----------------------------------------------------------------------------

export interface DivisionImportSummary {
  county: { code: string; name: string };
  towns: { total: number; created: number; updated: number };
  villages: { total: number; created: number; updated: number };
}

function countyInScope(actor: Actor, county: string) {
  // A county can be imported by an office whose scope covers it (root '' covers all, a city its counties).
  if (!county.startsWith(actor.scopeCode)) throw new DomainError('FORBIDDEN', `区县 ${county} 不在本单位管辖范围内`);
}

/**
 * Writes a county's divisions: new codes are added, renamed ones updated, nothing is duplicated or
 * removed. One transaction: a failure leaves the registry as it was.
 */
export async function applyCountyDivisions(ctx: AppContext, actor: Actor, data: CountyDivisions, source: string): Promise<DivisionImportSummary> {
  requirePermission(actor, 'registry.import');
  countyInScope(actor, data.county.code);
  const now = ctx.now();
  const rows: repo.DivisionUpsert[] = [
    { code: data.province.code, name: data.province.name, short_name: data.province.name, level: LEVEL.province, parent_code: null, county_code: null, kind: null, initials: initials(data.province.name), source },
    { code: data.city.code, name: data.city.name, short_name: data.city.name, level: LEVEL.city, parent_code: data.province.code, county_code: null, kind: null, initials: initials(data.city.name), source },
    { code: data.county.code, name: data.county.name, short_name: data.county.name, level: LEVEL.county, parent_code: data.city.code, county_code: data.county.code, kind: null, initials: initials(data.county.name), source },
    ...data.towns.map((t) => ({
      code: t.code,
      name: t.name,
      short_name: t.name,
      level: LEVEL.town,
      parent_code: data.county.code,
      county_code: data.county.code,
      kind: townKindFromName(t.name),
      initials: initials(t.name),
      source,
    })),
    ...data.villages.map((v) => {
      const short = villageShortName(v.name);
      return {
        code: v.code,
        name: v.name,
        short_name: short,
        level: LEVEL.village,
        parent_code: v.townCode,
        county_code: data.county.code,
        kind: villageKindFromName(v.name),
        initials: initials(short),
        source,
      };
    }),
  ];
  const summary: DivisionImportSummary = {
    county: data.county,
    towns: { total: data.towns.length, created: 0, updated: 0 },
    villages: { total: data.villages.length, created: 0, updated: 0 },
  };
  await ctx.db.transaction().execute(async (trx) => {
    const existing = new Map((await repo.findDivisions(trx, rows.map((r) => r.code))).map((r) => [r.code, r]));
    for (const row of rows) {
      const before = existing.get(row.code);
      const bucket = row.level === LEVEL.town ? summary.towns : row.level === LEVEL.village ? summary.villages : null;
      if (!before) {
        await repo.insertDivision(trx, row, now);
        if (row.level === LEVEL.village) await repo.insertProfile(trx, row.code, now);
        if (bucket) bucket.created++;
        await writeAudit(trx, ctx, actor, { action: 'create', entity: 'registry.division', entityId: row.code, scopeCode: row.code, after: row });
      } else if (before.name !== row.name || before.parent_code !== row.parent_code) {
        await repo.updateDivision(trx, row, now);
        if (bucket) bucket.updated++;
        await writeAudit(trx, ctx, actor, {
          action: 'update',
          entity: 'registry.division',
          entityId: row.code,
          scopeCode: row.code,
          before: { name: before.name, parent_code: before.parent_code },
          after: { name: row.name, parent_code: row.parent_code },
        });
      }
    }
  });
  return summary;
}

export async function listCounties(ctx: AppContext, actor: Actor) {
  requirePermission(actor, 'registry.read');
  const rows = await repo.listCounties(ctx.db, actor.scopeCode);
  return rows.map((r) => ({ code: r.code, name: r.name, cityName: r.city_name, towns: Number(r.towns), villages: Number(r.villages) }));
}

export async function listTowns(ctx: AppContext, actor: Actor, county: string) {
  requirePermission(actor, 'registry.read');
  const rows = await repo.listTowns(ctx.db, actor.scopeCode, county);
  if (rows.length === 0 && !(await visibleCounty(ctx, actor, county))) throw new DomainError('NOT_FOUND', `区县 ${county} 尚未导入或无权查看`);
  return rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind, initials: r.initials, villages: Number(r.villages) }));
}

async function visibleCounty(ctx: AppContext, actor: Actor, county: string) {
  const scope6 = actor.scopeCode.slice(0, 6);
  if (!(county.startsWith(actor.scopeCode) || county === scope6)) return false;
  return (await repo.findDivision(ctx.db, '', county)) !== undefined;
}

export async function listVillages(ctx: AppContext, actor: Actor, f: Omit<repo.VillageFilter, 'scope'>) {
  requirePermission(actor, 'registry.read');
  const { items, total } = await repo.listVillages(ctx.db, { ...f, scope: actor.scopeCode });
  return {
    total,
    items: items.map((v) => ({
      code: v.code,
      name: v.short_name,
      fullName: v.name,
      kind: v.kind,
      initials: v.initials,
      townCode: v.town_code,
      townName: v.town_name,
      tags: (v.tags as unknown as string[] | null) ?? [],
      households: v.households,
      partyMembers: v.party_members,
      cadres: Number(v.cadres),
    })),
  };
}

async function villageInScope(ctx: AppContext | { db: Tx }, actor: Actor, code: string) {
  const v = await repo.findDivision(ctx.db, actor.scopeCode, code);
  if (!v || v.level !== LEVEL.village) throw new DomainError('NOT_FOUND', '村（社区）不存在或无权查看');
  return v;
}

function profileOut(p: NonNullable<Awaited<ReturnType<typeof repo.findProfile>>>) {
  return {
    tags: (p.tags as unknown as string[]) ?? [],
    partyMembers: p.party_members,
    households: p.households,
    population: p.population,
    collectiveAssets: p.collective_assets,
    annualIncome: p.annual_income,
    annualExpenditure: p.annual_expenditure,
    petitionsLastYear: p.petitions_last_year,
    collectiveCreditCode: p.collective_credit_code,
    notes: p.notes,
    version: p.version,
    updatedAt: p.updated_at,
  };
}

export async function getVillage(ctx: AppContext, actor: Actor, code: string) {
  requirePermission(actor, 'registry.read');
  const v = await villageInScope(ctx, actor, code);
  const [town, county] = await repo.findDivisions(ctx.db, [v.parent_code!, v.county_code!]).then((rows) => [
    rows.find((r) => r.code === v.parent_code),
    rows.find((r) => r.code === v.county_code),
  ]);
  // Profiles are created with their village; a unit added by hand before that has an empty one.
  const profile = (await repo.findProfile(ctx.db, code)) ?? {
    village_code: code,
    tags: [],
    party_members: null,
    households: null,
    population: null,
    collective_assets: null,
    annual_income: null,
    annual_expenditure: null,
    petitions_last_year: null,
    collective_credit_code: null,
    notes: '',
    version: 1,
    updated_at: v.updated_at,
  };
  const cadres = await repo.listCadres(ctx.db, actor.scopeCode, code);
  const secretary = cadres.find((c) => (c.positions as unknown as string[]).includes('书记'));
  return {
    code: v.code,
    name: v.short_name,
    fullName: v.name,
    kind: v.kind,
    town: town ? { code: town.code, name: town.name } : null,
    county: county ? { code: county.code, name: county.name } : null,
    profile: profileOut(profile),
    cadreCount: cadres.length,
    secretary: secretary ? secretary.name : null,
    oneShoulder: secretary ? isOneShoulder(secretary.positions as unknown as string[]) : false,
    canEdit: actor.permissions.has('registry.write'),
  };
}

export async function updateVillageProfile(ctx: AppContext, actor: Actor, code: string, input: VillageProfileInput) {
  requirePermission(actor, 'registry.write');
  const data = villageProfileInput.parse(input);
  const known = new Set((await repo.listTags(ctx.db)).map((t) => t.name));
  const unknownTags = data.tags.filter((t) => !known.has(t));
  if (unknownTags.length) throw new DomainError('VALIDATION_FAILED', `未定义的分类标签：${unknownTags.join('、')}（请先在标签管理中添加）`);
  return ctx.db.transaction().execute(async (trx) => {
    await villageInScope({ db: trx }, actor, code);
    await repo.insertProfile(trx, code, ctx.now());
    const before = (await repo.findProfile(trx, code))!;
    const after = await repo.updateProfile(
      trx,
      code,
      {
        tags: JSON.stringify([...new Set(data.tags)]),
        party_members: data.partyMembers,
        households: data.households,
        population: data.population,
        collective_assets: data.collectiveAssets,
        annual_income: data.annualIncome,
        annual_expenditure: data.annualExpenditure,
        petitions_last_year: data.petitionsLastYear,
        collective_credit_code: data.collectiveCreditCode,
        notes: data.notes,
      },
      data.version,
      ctx.now(),
    );
    if (!after) throw new DomainError('CONFLICT', '村情档案已被他人修改，请刷新后重新编辑');
    const b = profileOut(before);
    const a = profileOut(after);
    await writeAudit(trx, ctx, actor, {
      action: 'update',
      entity: 'registry.village_profile',
      entityId: code,
      scopeCode: code,
      before: { ...b, updatedAt: undefined },
      after: { ...a, updatedAt: undefined },
    });
    return a;
  });
}

// --- cadres --------------------------------------------------------------------------------

// Spouse first, then parents, children and the rest: the order a roster lists a family in.
const relationRank = (r: string) => {
  const i = (RELATIONS as readonly string[]).indexOf(r);
  return i < 0 ? RELATIONS.length : i;
};
const byRelation = (a: { relation: string; name: string }, b: { relation: string; name: string }) =>
  relationRank(a.relation) - relationRank(b.relation) || a.name.localeCompare(b.name, 'zh-CN');

const maskId = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

function cadreOut(c: CadreRow, relatives: { id: string; name: string; id_number: string | null; relation: string }[], full: boolean) {
  const positions = c.positions as unknown as string[];
  return {
    id: c.id,
    villageCode: c.village_code,
    name: c.name,
    gender: c.gender,
    idNumber: full ? c.id_number : maskId(c.id_number),
    birthDate: parseIdNumber(c.id_number).ok ? (parseIdNumber(c.id_number) as { birthDate: string }).birthDate : null,
    positions,
    oneShoulder: isOneShoulder(positions),
    termStart: c.term_start,
    termEnd: c.term_end,
    phone: c.phone,
    notes: c.notes,
    relatives: [...relatives].sort(byRelation).map((r) => ({ id: r.id, name: r.name, idNumber: r.id_number && !full ? maskId(r.id_number) : r.id_number, relation: r.relation })),
  };
}

export async function listVillageCadres(ctx: AppContext, actor: Actor, code: string) {
  requirePermission(actor, 'registry.read');
  await villageInScope(ctx, actor, code);
  const cadres = await repo.listCadres(ctx.db, actor.scopeCode, code);
  const relatives = await repo.listRelatives(ctx.db, cadres.map((c) => c.id));
  const full = actor.permissions.has('registry.write'); // ID numbers in full only for those who keep them
  const order = ['书记', '主任', '副书记', '副主任', '委员', '村务监督委员会主任', '村务监督委员会委员', '报账员', '其他'];
  const rank = (c: CadreRow) => Math.min(...(c.positions as unknown as string[]).map((p) => order.indexOf(p)).filter((i) => i >= 0), 99);
  return cadres
    .sort((a, b) => rank(a) - rank(b))
    .map((c) => cadreOut(c, relatives.filter((r) => r.cadre_id === c.id), full));
}

function cadreWrite(villageCode: string, c: ReturnType<typeof cadreInput.parse>): repo.CadreWrite {
  return {
    village_code: villageCode,
    name: normalizeName(c.name),
    gender: c.gender ?? (parseIdNumber(c.idNumber) as { gender?: string }).gender ?? null,
    id_number: c.idNumber,
    positions: JSON.stringify(c.positions),
    term_start: c.termStart,
    term_end: c.termEnd,
    phone: c.phone ?? null,
    notes: c.notes,
  };
}

const relWrite = (rels: ReturnType<typeof cadreInput.parse>['relatives']) =>
  rels.map((r) => ({ name: normalizeName(r.name), id_number: r.idNumber ?? null, relation: r.relation }));

export async function createCadre(ctx: AppContext, actor: Actor, villageCode: string, input: CadreInput) {
  requirePermission(actor, 'registry.write');
  const c = cadreInput.parse(input);
  return ctx.db.transaction().execute(async (trx) => {
    await villageInScope({ db: trx }, actor, villageCode);
    if (await repo.findCadreByIdNumber(trx, villageCode, c.idNumber)) {
      throw new DomainError('CONFLICT', '该村已有此身份证号码的干部');
    }
    const row = await repo.insertCadre(trx, cadreWrite(villageCode, c), ctx.now());
    const rels = await repo.replaceRelatives(trx, row.id, relWrite(c.relatives));
    const out = cadreOut(row, rels, true);
    await writeAudit(trx, ctx, actor, { action: 'create', entity: 'registry.cadre', entityId: row.id, scopeCode: villageCode, after: out });
    return out;
  });
}

export async function updateCadre(ctx: AppContext, actor: Actor, id: string, input: CadreInput) {
  requirePermission(actor, 'registry.write');
  const c = cadreInput.parse(input);
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.findCadre(trx, actor.scopeCode, id);
    if (!existing) throw new DomainError('NOT_FOUND', '干部不存在或无权查看');
    const clash = await repo.findCadreByIdNumber(trx, existing.village_code, c.idNumber);
    if (clash && clash.id !== id) throw new DomainError('CONFLICT', '该村已有此身份证号码的干部');
    const before = cadreOut(existing, await repo.listRelatives(trx, [id]), true);
    const row = await repo.updateCadre(trx, id, cadreWrite(existing.village_code, c), ctx.now());
    const rels = await repo.replaceRelatives(trx, id, relWrite(c.relatives));
    const after = cadreOut(row, rels, true);
    await writeAudit(trx, ctx, actor, { action: 'update', entity: 'registry.cadre', entityId: id, scopeCode: existing.village_code, before, after });
    return after;
  });
}

export async function deleteCadre(ctx: AppContext, actor: Actor, id: string) {
  requirePermission(actor, 'registry.write');
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.findCadre(trx, actor.scopeCode, id);
    if (!existing) throw new DomainError('NOT_FOUND', '干部不存在或无权查看');
    const before = cadreOut(existing, await repo.listRelatives(trx, [id]), true);
    await repo.deleteCadre(trx, id);
    await writeAudit(trx, ctx, actor, { action: 'delete', entity: 'registry.cadre', entityId: id, scopeCode: existing.village_code, before });
  });
}

// --- tags ----------------------------------------------------------------------------------

export async function listTags(ctx: AppContext, actor: Actor) {
  requirePermission(actor, 'registry.read');
  return (await repo.listTags(ctx.db)).map((t) => ({ id: t.id, name: t.name, category: t.category, description: t.description, builtin: t.builtin }));
}

export async function createTag(ctx: AppContext, actor: Actor, input: { name: string; category: string; description: string }) {
  requirePermission(actor, 'registry.import'); // the office keeps the classification
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertTag(trx, { ...input, builtin: false, sort: 100 });
    if (!row) throw new DomainError('CONFLICT', `标签“${input.name}”已存在`);
    await writeAudit(trx, ctx, actor, { action: 'create', entity: 'registry.tag', entityId: String(row.id), scopeCode: '', after: row });
    return { id: row.id, name: row.name, category: row.category, description: row.description, builtin: row.builtin };
  });
}

export async function deleteTag(ctx: AppContext, actor: Actor, id: number) {
  requirePermission(actor, 'registry.import');
  await ctx.db.transaction().execute(async (trx) => {
    const tag = await repo.findTag(trx, id);
    if (!tag) throw new DomainError('NOT_FOUND', '标签不存在');
    const used = await repo.countProfilesWithTag(trx, tag.name);
    if (used > 0) throw new DomainError('CONFLICT', `标签“${tag.name}”仍有 ${used} 个村（社区）在使用，请先从这些村的档案中移除`);
    await repo.deleteTag(trx, id);
    await writeAudit(trx, ctx, actor, { action: 'delete', entity: 'registry.tag', entityId: String(id), scopeCode: '', before: tag });
  });
}

/** Seeds the default classification tags (DOMAIN.md) on first run; afterwards they are the office's to edit. */
export async function seedDefaultTags(trx: Tx) {
  let sort = 0;
  for (const t of DEFAULT_TAGS) await repo.insertTag(trx, { ...t, builtin: true, sort: sort++ });
}

/** The profile's change history, read from the audit log (the one record of who changed what). */
export async function villageHistory(ctx: AppContext, actor: Actor, code: string, page: { page: number; pageSize: number }) {
  requirePermission(actor, 'registry.read');
  await villageInScope(ctx, actor, code);
  const { items, total } = await listAuditEntries(ctx.db, { scopeCode: code, ...page });
  return {
    total,
    items: items.map(auditEntryOut),
  };
}
