/** SQL of 问卷: questionnaires in the caller's view, access codes and answers. */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor, Tx } from '../../http/context';

/** An office sees its division scope; a team's users only the questionnaires of the rounds their team serves in. */
export type QuestionnaireView = { kind: 'scope'; scope: string } | { kind: 'team'; scope: string; orgId: string };

const like = (scope: string) => `${scope}%`;

function teamServes(orgId: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from teams xt where xt.round_id = q.round_id and xt.org_id = ${orgId})`;
}

const COLUMNS = [
  'q.id',
  'q.scope_code',
  'q.round_id',
  'q.target_id',
  'q.kind',
  'q.title',
  'q.definition',
  'q.status',
  'q.access_mode',
  'q.slug',
  'q.opens_on',
  'q.closes_on',
  'q.published_at',
  'q.closed_at',
  'q.version',
  'q.created_at',
  'q.updated_at',
] as const;

function base(db: Executor) {
  return db
    .selectFrom('questionnaires as q')
    .leftJoin('rounds as r', 'r.id', 'q.round_id')
    .leftJoin('round_targets as t', 't.id', 'q.target_id')
    .select(COLUMNS)
    .select(['r.year as round_year', 'r.number as round_number', 't.name as target_name'])
    .select((eb) => [
      eb.selectFrom('questionnaire_answers as a').select((e) => e.fn.countAll<string>().as('n')).whereRef('a.questionnaire_id', '=', 'q.id').as('answers'),
      eb.selectFrom('questionnaire_access_codes as c').select((e) => e.fn.countAll<string>().as('n')).whereRef('c.questionnaire_id', '=', 'q.id').as('codes'),
      eb.selectFrom('questionnaire_access_codes as c').select((e) => e.fn.countAll<string>().as('n')).whereRef('c.questionnaire_id', '=', 'q.id').where('c.used_at', 'is not', null).as('codes_used'),
    ]);
}

function inView(db: Executor, view: QuestionnaireView) {
  let q = base(db).where('q.scope_code', 'like', like(view.scope));
  if (view.kind === 'team') q = q.where(teamServes(view.orgId));
  return q;
}
export type QuestionnaireRow = NonNullable<Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirst']>>>;

export async function list(db: Executor, view: QuestionnaireView, f: { q?: string | undefined; status?: string | undefined; roundId?: string | undefined }, page: number, pageSize: number) {
  let q = inView(db, view);
  if (f.q) q = q.where((eb) => eb.or([eb('q.title', 'ilike', `%${f.q!.replace(/[%_\\]/g, (c) => `\\${c}`)}%`), eb('t.name', 'ilike', `%${f.q!.replace(/[%_\\]/g, (c) => `\\${c}`)}%`)]));
  if (f.status) q = q.where('q.status', '=', f.status);
  if (f.roundId) q = q.where('q.round_id', '=', f.roundId);
  const total = await db
    .selectFrom(q.as('x'))
    .select((e) => e.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const items = await q
    .orderBy('q.created_at', 'desc')
    .orderBy('q.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items, total: Number(total.n) };
}

export const find = (db: Executor, view: QuestionnaireView, id: string) => inView(db, view).where('q.id', '=', id).executeTakeFirst();
export const findById = (db: Executor, id: string) => base(db).where('q.id', '=', id).executeTakeFirst();
export const findBySlug = (db: Executor, slug: string) => base(db).where('q.slug', '=', slug).executeTakeFirst();

export async function lock(tx: Tx, id: string): Promise<void> {
  await sql`select id from questionnaires where id = ${id} for update`.execute(tx);
}

/** A round in the view (a team: one its team serves in), with its county scope. */
export function roundInView(db: Executor, view: QuestionnaireView, roundId: string) {
  let q = db.selectFrom('rounds').select(['id', 'scope_code', 'year', 'number']).where('id', '=', roundId).where('scope_code', 'like', like(view.scope.slice(0, 6)));
  if (view.kind === 'team') q = q.where(sql<SqlBool>`exists (select 1 from teams xt where xt.round_id = rounds.id and xt.org_id = ${view.orgId})`);
  return q.executeTakeFirst();
}

export const targetOfRound = (db: Executor, roundId: string, targetId: string) =>
  db.selectFrom('round_targets').select(['id', 'name', 'code']).where('round_id', '=', roundId).where('id', '=', targetId).executeTakeFirst();

export interface QuestionnaireValues {
  scope_code: string;
  round_id: string | null;
  target_id: string | null;
  kind: string;
  title: string;
  definition: string;
  access_mode: string;
  opens_on: string;
  closes_on: string;
}

export async function insert(tx: Tx, v: QuestionnaireValues & { created_by: string; at: Date }) {
  const { at, ...rest } = v;
  const row = await tx
    .insertInto('questionnaires')
    .values({ ...rest, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function update(tx: Tx, id: string, v: Partial<QuestionnaireValues> & { status?: string; slug?: string; published_at?: Date; closed_at?: Date }, at: Date) {
  await tx
    .updateTable('questionnaires')
    .set({ ...v, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

// — access codes —

export async function nextBatch(tx: Tx, questionnaireId: string): Promise<number> {
  const r = await tx.selectFrom('questionnaire_access_codes').select((e) => e.fn.max('batch').as('b')).where('questionnaire_id', '=', questionnaireId).executeTakeFirst();
  return Number(r?.b ?? 0) + 1;
}

export async function insertCodes(tx: Tx, questionnaireId: string, batch: number, hashes: string[], at: Date) {
  // in slices: one statement per code would be slow for a sample of a thousand
  for (let i = 0; i < hashes.length; i += 500) {
    await tx
      .insertInto('questionnaire_access_codes')
      .values(hashes.slice(i, i + 500).map((h) => ({ questionnaire_id: questionnaireId, code_hash: h, batch, created_at: at })))
      .execute();
  }
}

export function codeByHash(tx: Tx, questionnaireId: string, hash: string) {
  return tx
    .selectFrom('questionnaire_access_codes')
    .select(['id', 'used_at', 'revoked_at'])
    .where('questionnaire_id', '=', questionnaireId)
    .where('code_hash', '=', hash)
    .forUpdate()
    .executeTakeFirst();
}

/** Marks the code used unless it already was: false when another answer took it first. */
export async function markCodeUsed(tx: Tx, id: string, at: Date): Promise<boolean> {
  const r = await tx.updateTable('questionnaire_access_codes').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// — answers —

export async function deviceAnswered(tx: Tx, questionnaireId: string, deviceHash: string): Promise<boolean> {
  const r = await tx.selectFrom('questionnaire_answers').select('id').where('questionnaire_id', '=', questionnaireId).where('device_hash', '=', deviceHash).executeTakeFirst();
  return r !== undefined;
}

/** Inserts the answer; false when the device hash answered meanwhile (the unique index decides). */
export async function insertAnswer(tx: Tx, v: { questionnaireId: string; answers: unknown; answeredOn: string; deviceHash: string | null; accessCodeId: string | null }): Promise<boolean> {
  const r = await tx
    .insertInto('questionnaire_answers')
    .values({ questionnaire_id: v.questionnaireId, answers: JSON.stringify(v.answers), answered_on: v.answeredOn, device_hash: v.deviceHash, access_code_id: v.accessCodeId })
    .onConflict((oc) => oc.columns(['questionnaire_id', 'device_hash']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export function answersOf(db: Executor, questionnaireId: string) {
  return db
    .selectFrom('questionnaire_answers')
    .select(['id', 'answers', 'answered_on', 'access_code_id'])
    .where('questionnaire_id', '=', questionnaireId)
    .orderBy('answered_on')
    .orderBy('id')
    .execute();
}
