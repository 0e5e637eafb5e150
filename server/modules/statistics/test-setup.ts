/**
 * The statistics test world: the inspection world (office, teams, leading group, town user; 溧阳市) plus a
 * GENERATED body of work — a term plan with two rounds and a round outside it, village inspections in
 * several towns in every status, a town target, a few hundred findings in every category and status
 * (linked to checklist items, with a written aspect, or neither; with and without money; some 立行立改),
 * leads in every status with cases and outcomes — and a second county's round that must never count.
 * Every inserted record is also kept in plain arrays, so the tests recompute each figure themselves.
 */
import { sql } from 'kysely';
import { FINDING_CATEGORY_LIST } from '../../../domain/findings/finding';
import { FINDING_STATUS_LIST } from '../../../domain/findings/review';
import { LEAD_STATUS_LIST, OUTCOME_KINDS, OUTCOME_KIND_LIST } from '../../../domain/leads/lead';
import { COUNTY, insertInspection, insertRound, orgUser } from '../../test/world';
import { createWorld, type World } from '../inspections/test-setup';
import { mulberry32 } from '../../../domain/shared/random';

export interface GenFinding {
  id: string;
  roundId: string;
  townCode: string;
  villageCode: string | null;
  category: string;
  aspect: string;
  status: string;
  amount: string | null;
  immediate: boolean;
}
export interface GenInspection {
  id: string;
  roundId: string;
  townCode: string;
  villageCode: string;
  status: string;
}
export interface GenLead {
  id: string;
  roundId: string;
  townCode: string;
  villageCode: string | null;
  status: string;
  caseOpened: boolean;
  persons: string[];
}
export interface GenOutcome {
  id: string;
  leadId: string;
  personName: string;
  kind: string;
  measure: string;
}

/** A report of the public (码上巡); villageCode null for one made to a town target. */
export interface GenReport {
  id: string;
  roundId: string;
  townCode: string;
  villageCode: string | null;
  status: string;
  wasAccepted: boolean;
  /** live links (a removed link does not count) */
  liveLinks: number;
}

export interface StatsWorld extends World {
  termPlanId: string;
  /** rounds in the term plan: last year's and this year's (the world's round) */
  termRounds: string[];
  /** a round of the county outside the term plan */
  otherRound: string;
  towns: string[];
  findings: GenFinding[];
  inspections: GenInspection[];
  leads: GenLead[];
  outcomes: GenOutcome[];
  reports: GenReport[];
  /** an office of another county (320482) with a round of its own */
  otherCounty: string;
  otherCountyRound: string;
}

/** A small deterministic generator (mulberry32), so a failing run can be repeated. */
function rng(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}

const ASPECTS = ['三资管理', '惠农补贴', '工程项目招投标', '基层党组织建设', '作风建设'];
const now = () => new Date();

export async function createStatsWorld(seed = 20261203): Promise<StatsWorld> {
  const w = await createWorld();
  const { t } = w;
  const db = t.ctx.db;
  const r = rng(seed);

  // — the term plan with two rounds, and one round outside it —
  const plan = await db
    .insertInto('term_plans')
    .values({ scope_code: COUNTY, name: '2022—2026年巡察规划', start_date: '2022-01-01', end_date: '2026-12-31', pace: JSON.stringify({ minYearShare: 20 }), updated_at: now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const lastYear = await insertRound(t, { number: 1, year: 2025, phase: 'rectification' });
  const otherRound = await insertRound(t, { number: 1, year: 2024, phase: 'closed' });
  await db.updateTable('rounds').set({ term_plan_id: plan.id }).where('id', 'in', [lastYear, w.roundId]).execute();
  const rounds = [lastYear, w.roundId, otherRound];

  // — three towns with four villages each —
  const { rows: villageRows } = await sql<{ code: string; parent_code: string }>`
    select code, parent_code from divisions where county_code = ${COUNTY} and level = 5 order by code`.execute(db);
  const byTown = new Map<string, string[]>();
  for (const v of villageRows) byTown.set(v.parent_code, [...(byTown.get(v.parent_code) ?? []), v.code]);
  const towns = [...byTown.keys()].filter((town) => byTown.get(town)!.length >= 5).slice(0, 3);
  if (!towns.includes(w.townA)) towns[0] = w.townA;

  const inspections: GenInspection[] = [];
  // the world's two inspections of this year's round (not started) take part too
  for (const [id, code] of [
    [w.inspA, w.villageA],
    [w.inspB, w.villageB],
  ] as const) {
    const v = villageRows.find((x) => x.code === code)!;
    inspections.push({ id, roundId: w.roundId, townCode: v.parent_code, villageCode: code, status: 'not_started' });
  }
  const statuses = ['not_started', 'in_progress', 'completed', 'completed'];
  for (const roundId of rounds) {
    for (const town of towns) {
      for (const village of byTown.get(town)!.slice(1, 5)) {
        if (inspections.some((i) => i.roundId === roundId && i.villageCode === village)) continue;
        if (roundId !== w.roundId && r.chance(0.25)) continue; // not every village every round
        const status = r.pick(statuses);
        const { inspectionId } = await insertInspection(t, { roundId, village, teamId: roundId === w.roundId ? w.teamAId : null, status });
        inspections.push({ id: inspectionId, roundId, townCode: town, villageCode: village, status });
      }
    }
  }

  // checklist items of each inspection, one per aspect
  const items = new Map<string, { id: string; aspect: string }[]>();
  for (const i of inspections) {
    const rows = await db
      .insertInto('inspection_checklist_items')
      .values(ASPECTS.map((aspect, k) => ({ inspection_id: i.id, source: 'common', aspect, title: `${aspect}事项`, sort: k, manifestations: '[]', result: 'problem' })))
      .returning(['id', 'aspect'])
      .execute();
    items.set(i.id, rows);
  }

  // a town target of this year's round (town-level problems)
  const townTarget = await db
    .insertInto('round_targets')
    .values({ round_id: w.roundId, kind: 'town', code: towns[1]!, name: '乡镇本级', town_code: towns[1]!, mode: 'direct', team_id: w.teamBId, updated_at: now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const targetOf = new Map<string, string>();
  for (const i of inspections) {
    const row = await db.selectFrom('village_inspections').select('target_id').where('id', '=', i.id).executeTakeFirstOrThrow();
    targetOf.set(i.id, row.target_id);
  }

  // — findings: a few hundred —
  const findings: GenFinding[] = [];
  const numbers = new Map<string, number>();
  const nextNumber = (roundId: string) => {
    const n = (numbers.get(roundId) ?? 0) + 1;
    numbers.set(roundId, n);
    return n;
  };
  for (let k = 0; k < 320; k++) {
    const townLevel = r.chance(0.06);
    const insp = townLevel ? null : r.pick(inspections);
    const roundId = insp ? insp.roundId : w.roundId;
    const category = r.pick(FINDING_CATEGORY_LIST);
    // approved most often; every other status must not count
    const status = r.chance(0.62) ? 'approved' : r.pick(FINDING_STATUS_LIST.filter((s) => s !== 'approved'));
    const link = insp && r.chance(0.6) ? r.pick(items.get(insp.id)!) : null;
    const written = link ? '' : r.chance(0.5) ? r.pick(ASPECTS) : '';
    const amount = r.chance(0.45) ? (r.int(5_000_000) / 100).toFixed(2) : null;
    const immediate = r.chance(0.2);
    const row = await db
      .insertInto('findings')
      .values({
        round_id: roundId,
        target_id: insp ? targetOf.get(insp.id)! : townTarget.id,
        inspection_id: insp?.id ?? null,
        village_code: insp?.villageCode ?? null,
        town_code: insp?.townCode ?? towns[1]!,
        number: nextNumber(roundId),
        checklist_item_id: link?.id ?? null,
        category,
        aspect: written,
        title: `生成问题${k + 1}`,
        description: '生成的问题描述',
        amount,
        responsible: '[]',
        source: 'record_review',
        found_on: '2026-10-10',
        immediate,
        immediate_notice_no: immediate ? `立改〔2026〕${k + 1}号` : null,
        status,
        updated_at: now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    findings.push({
      id: row.id,
      roundId,
      townCode: insp?.townCode ?? towns[1]!,
      villageCode: insp?.villageCode ?? null,
      category,
      aspect: link?.aspect ?? (written || '（未标明方面）'),
      status,
      amount,
      immediate,
    });
  }

  // — leads in every status, cases and outcomes —
  const leads: GenLead[] = [];
  const outcomes: GenOutcome[] = [];
  const leadNumbers = new Map<string, number>();
  for (let k = 0; k < 70; k++) {
    const townLevel = r.chance(0.08);
    const insp = townLevel ? null : r.pick(inspections);
    const roundId = insp ? insp.roundId : w.roundId;
    const status = r.pick(LEAD_STATUS_LIST);
    const persons = Array.from({ length: 1 + r.int(3) }, (_, j) => `被反映人${k + 1}-${j + 1}`);
    const handled = status === 'disposed' || status === 'closed';
    const caseOpened = handled && r.chance(0.5);
    const n = (leadNumbers.get(roundId) ?? 0) + 1;
    leadNumbers.set(roundId, n);
    const row = await db
      .insertInto('leads')
      .values({
        round_id: roundId,
        target_id: insp ? targetOf.get(insp.id)! : townTarget.id,
        inspection_id: insp?.id ?? null,
        village_code: insp?.villageCode ?? null,
        town_code: insp?.townCode ?? towns[1]!,
        number: n,
        summary: `生成线索${k + 1}`,
        persons: JSON.stringify(persons.map((name) => ({ name, position: '村干部', cadreId: null }))),
        authority: 'discipline',
        status,
        transfer_letter_no: status === 'draft' ? null : `移〔2026〕${k + 1}号`,
        transferred_on: status === 'draft' ? null : '2026-10-20',
        received_on: ['received', 'disposed', 'closed'].includes(status) ? '2026-10-21' : null,
        disposition: handled ? r.pick(['talk_inquiry', 'preliminary_verification', 'hold', 'close']) : null,
        disposition_on: handled ? '2026-10-25' : null,
        case_opened_on: caseOpened ? '2026-10-26' : null,
        updated_at: now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    leads.push({ id: row.id, roundId, townCode: insp?.townCode ?? towns[1]!, villageCode: insp?.villageCode ?? null, status, caseOpened, persons });
    if (!handled) continue;
    for (const person of persons) {
      const count = r.chance(0.3) ? 0 : 1 + r.int(2); // some persons get nothing, some two measures
      for (let m = 0; m < count; m++) {
        const kind = r.pick(OUTCOME_KIND_LIST);
        const measure = r.pick(Object.keys(OUTCOME_KINDS[kind].measures));
        const o = await db
          .insertInto('lead_outcomes')
          .values({ lead_id: row.id, person_name: person, kind, measure, decided_on: '2026-11-01' })
          .returning('id')
          .executeTakeFirstOrThrow();
        outcomes.push({ id: o.id, leadId: row.id, personName: person, kind, measure });
      }
    }
  }

  // — 群众反映: reports in every status, some linked (live or removed links), one town target's —
  const reports: GenReport[] = [];
  const STATUSES = ['received', 'accepted', 'linked', 'merged', 'forwarded', 'closed'] as const;
  const findingOfRound = (roundId: string) => findings.find((f) => f.roundId === roundId)!;
  for (let k = 0; k < 90; k++) {
    const toTown = k % 15 === 0;
    const insp = toTown ? null : r.pick(inspections);
    const roundId = insp ? insp.roundId : w.roundId;
    const status = r.pick(STATUSES);
    const linkedNow = status === 'linked' || (status === 'closed' && r.chance(0.5));
    const wasAccepted = linkedNow || status === 'accepted' || (status !== 'received' && r.chance(0.4));
    const row = await db
      .insertInto('public_reports')
      .values({
        round_id: roundId,
        target_id: insp ? targetOf.get(insp.id)! : townTarget.id,
        village_code: insp?.villageCode ?? towns[1]!,
        inbox_kind: 'office',
        category: 'other',
        category_name: '其他',
        description: `生成的反映${k + 1}`,
        anonymous: true,
        receipt_hash: `receipt-${k}-${seed}`,
        status,
        was_accepted: wasAccepted,
        received_on: '2026-10-12',
        finished_on: ['merged', 'forwarded', 'closed'].includes(status) ? '2026-10-20' : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let liveLinks = 0;
    const f = findingOfRound(roundId);
    if (linkedNow) {
      await db.insertInto('public_report_links').values({ report_id: row.id, finding_id: f.id, linked_at: now() }).execute();
      liveLinks++;
    }
    if ((wasAccepted && r.chance(0.3)) || (!linkedNow && wasAccepted && r.chance(0.3))) {
      // a link removed with a reason: history only, never counted
      await db.insertInto('public_report_links').values({ report_id: row.id, finding_id: f.id, linked_at: now(), unlinked_at: now(), unlink_reason: '关联有误，已解除' }).execute();
    }
    reports.push({ id: row.id, roundId, townCode: insp?.townCode ?? towns[1]!, villageCode: insp?.villageCode ?? null, status, wasAccepted, liveLinks });
  }

  // — another county: its own round, inspection-free finding and lead; must never count for 溧阳 —
  await db
    .insertInto('divisions')
    .values([
      { code: '320482', name: '金坛区', short_name: '金坛区', level: 3, parent_code: '3204', county_code: '320482', source: 'test' },
      { code: '320482100', name: '金城镇', short_name: '金城镇', level: 4, parent_code: '320482', county_code: '320482', source: 'test' },
    ])
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const foreign = await db
    .insertInto('rounds')
    .values({
      scope_code: '320482',
      number: 1,
      year: 2026,
      start_date: '2026-09-01',
      end_date: '2026-12-31',
      on_site_policy: JSON.stringify({ key: 10, ordinary: 3 }),
      steps: JSON.stringify({}),
      updated_at: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const foreignTarget = await db
    .insertInto('round_targets')
    .values({ round_id: foreign.id, kind: 'town', code: '320482100', name: '金城镇', town_code: '320482100', mode: 'direct', updated_at: now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('findings')
    .values({
      round_id: foreign.id,
      target_id: foreignTarget.id,
      town_code: '320482100',
      number: 1,
      category: 'leadership',
      title: '他县问题',
      description: '他县问题',
      amount: '99999.00',
      responsible: '[]',
      source: 'talk',
      found_on: '2026-10-10',
      status: 'approved',
      updated_at: now(),
    })
    .execute();
  await db
    .insertInto('leads')
    .values({ round_id: foreign.id, target_id: foreignTarget.id, town_code: '320482100', number: 1, summary: '他县线索', persons: JSON.stringify([{ name: '他县人' }]), authority: 'discipline', status: 'closed', case_opened_on: '2026-10-26', updated_at: now() })
    .execute();
  const otherCounty = (await orgUser(t, w.admin, 'office', '320482', 'jintan', ['office'])).cookie;

  return {
    ...w,
    termPlanId: plan.id,
    termRounds: [lastYear, w.roundId],
    otherRound,
    towns,
    findings,
    inspections,
    leads,
    outcomes,
    reports,
    otherCounty,
    otherCountyRound: foreign.id,
  };
}
