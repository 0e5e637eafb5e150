/**
 * Work records (工作记录) kept on site, by 桐柏's seven characters 宣 听 谈 访 看 勘 改, and the two
 * measures taken from them: households visited against a quota (广元: ≥10% of households) and how
 * well talks reached the "三老" (老党员, 老干部, 老军人) and the "两低" (低保户, 低收入户).
 */
import { z } from 'zod';
import { isoDateField } from '../shared/calendar';
import { normalizeName } from '../shared/names';

export const WORK_RECORD_KINDS = {
  publicity: '宣',
  briefing: '听',
  talk: '谈',
  visit: '访',
  review: '看',
  survey: '勘',
  fix: '改',
} as const;
export type WorkRecordKind = keyof typeof WORK_RECORD_KINDS;
export const WORK_RECORD_KIND_LIST = Object.keys(WORK_RECORD_KINDS) as WorkRecordKind[];

export const WORK_RECORD_KIND_NAMES: Record<WorkRecordKind, string> = {
  publicity: '宣传发动',
  briefing: '听取汇报',
  talk: '个别谈话',
  visit: '走访农户',
  review: '查阅资料',
  survey: '实地勘察',
  fix: '即知即改',
};

/** Who a person is to the inspection — what the talk and visit coverage counts. */
export const PERSON_ROLES = {
  old_party_member: '老党员',
  old_cadre: '老干部',
  veteran: '老军人',
  subsistence: '低保户',
  low_income: '低收入户',
  petitioner: '信访户',
  village_cadre: '村（社区）干部',
  villager: '普通群众',
  other: '其他',
} as const;
export type PersonRole = keyof typeof PERSON_ROLES;
export const PERSON_ROLE_LIST = Object.keys(PERSON_ROLES) as PersonRole[];

export const SAN_LAO: readonly PersonRole[] = ['old_party_member', 'old_cadre', 'veteran'];
export const LIANG_DI: readonly PersonRole[] = ['subsistence', 'low_income'];

const role = z.enum(PERSON_ROLE_LIST as [PersonRole, ...PersonRole[]], { message: '未知的人员类别' });

export const recordPersonInput = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(40),
  /** one person may be several: an old Party member on subsistence allowance */
  roles: z.array(role).max(PERSON_ROLE_LIST.length).default([]),
  position: z.string().trim().max(60).default(''),
});
export type RecordPerson = z.output<typeof recordPersonInput>;

export const visitedHouseholdInput = z.object({
  head: z.string().trim().min(1, '请填写户主姓名').max(40),
  address: z.string().trim().max(100).default(''),
  roles: z.array(role).max(PERSON_ROLE_LIST.length).default([]),
});
export type VisitedHousehold = z.output<typeof visitedHouseholdInput>;

const common = {
  date: isoDateField,
  place: z.string().trim().max(100).default(''),
  notes: z.string().trim().max(20_000).default(''),
  attachmentIds: z.array(z.string().min(1).max(64)).max(200).default([]),
  people: z.array(recordPersonInput).max(500).default([]),
};

export const workRecordInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('publicity'), ...common }),
  z.object({ kind: z.literal('briefing'), ...common }),
  z.object({ kind: z.literal('talk'), ...common, people: z.array(recordPersonInput).min(1, '请填写谈话对象').max(500) }),
  z.object({
    kind: z.literal('visit'),
    ...common,
    households: z.array(visitedHouseholdInput).min(1, '请填写走访的农户').max(500),
  }),
  z.object({ kind: z.literal('review'), ...common }),
  z.object({ kind: z.literal('survey'), ...common }),
  z.object({ kind: z.literal('fix'), ...common }),
]);
export type WorkRecordInput = z.input<typeof workRecordInput>;
export type WorkRecord = z.output<typeof workRecordInput>;

export const visitPolicyInput = z.object({
  /** share of the village's households to visit, rounded up */
  householdPercent: z.number().int('应为整数').min(1, '至少 1%').max(100, '不超过 100%').default(10),
});
export type VisitPolicy = z.output<typeof visitPolicyInput>;
export const DEFAULT_VISIT_POLICY: VisitPolicy = Object.freeze({ householdPercent: 10 });

/** Households to visit: ⌈households × percent ÷ 100⌉; null when the village's household count is unknown. */
export function householdVisitQuota(households: number | null, policy: VisitPolicy = DEFAULT_VISIT_POLICY): number | null {
  if (households === null) return null;
  return Math.ceil((households * policy.householdPercent) / 100);
}

const householdKey = (h: VisitedHousehold) => `${normalizeName(h.head)}|${normalizeName(h.address)}`;

/** Distinct households visited across all records (the same household visited twice counts once). */
export function householdsVisited(records: readonly WorkRecord[]): number {
  const keys = new Set<string>();
  for (const r of records) if (r.kind === 'visit') r.households.forEach((h) => keys.add(householdKey(h)));
  return keys.size;
}

export interface GroupCoverage {
  covered: PersonRole[];
  missing: PersonRole[];
}

export interface TalkCoverage {
  /** distinct people reached per role, by talk or household visit */
  byRole: Record<PersonRole, number>;
  sanLao: GroupCoverage;
  liangDi: GroupCoverage;
}

/**
 * Whom the team reached. A household visit is a conversation too, so a visited 低保户 counts for the
 * "两低" as a talk with one does. People are told apart by name.
 */
export function talkCoverage(records: readonly WorkRecord[]): TalkCoverage {
  const reached = new Map<PersonRole, Set<string>>(PERSON_ROLE_LIST.map((r) => [r, new Set()]));
  const add = (name: string, roles: readonly PersonRole[]) => roles.forEach((r) => reached.get(r)!.add(normalizeName(name)));
  for (const r of records) {
    if (r.kind === 'talk') r.people.forEach((p) => add(p.name, p.roles));
    if (r.kind === 'visit') r.households.forEach((h) => add(h.head, h.roles));
  }
  const byRole = Object.fromEntries(PERSON_ROLE_LIST.map((r) => [r, reached.get(r)!.size])) as Record<PersonRole, number>;
  const group = (roles: readonly PersonRole[]): GroupCoverage => ({
    covered: roles.filter((r) => byRole[r] > 0),
    missing: roles.filter((r) => byRole[r] === 0),
  });
  return { byRole, sanLao: group(SAN_LAO), liangDi: group(LIANG_DI) };
}

/** How many records of each kind. */
export function countByKind(records: readonly WorkRecord[]): Record<WorkRecordKind, number> {
  const out = Object.fromEntries(WORK_RECORD_KIND_LIST.map((k) => [k, 0])) as Record<WorkRecordKind, number>;
  for (const r of records) out[r.kind]++;
  return out;
}
