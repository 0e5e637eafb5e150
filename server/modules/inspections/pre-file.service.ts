/**
 * The pre-inspection file (巡前资料) shown on a village's workspace: the office's entries about the
 * target (or about this one village of a town target), earlier inspections of the village in other
 * rounds, and the village profile's numbers. The office writes (planning.write); whoever may read the
 * inspection reads.
 */
import { INSPECTION_STATUSES, type InspectionStatus } from '../../../domain/inspections/completion';
import { PRE_FILE_KINDS, preFileEntryInput, type PreFileEntryInput, type PreFileKind } from '../../../domain/inspections/pre-file';
import { intakeCounts, REPORT_STATUS_LIST, REPORT_STATUSES, type ReportStatus } from '../../../domain/public-reports/triage';
import { DomainError } from '../../../domain/shared/errors';
import { requirePermission } from '../../http/auth';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import { writeAudit } from '../access';
import { attachmentsOf, deleteAttachment, deleteAttachmentsOf, storeFile, type AttachmentOut } from '../files';
import { reportStatusesOfVillage } from '../public-reports/links.repository';
import { actsAsTeam, inspectionForActor, type InspectionAccess } from './access';
import * as repo from './inspections.repository';
import { roundLabel } from './inspections.service';

export const PRE_ENTRY_OWNER = 'pre_inspection_entry';

export interface PreFileEntryOut {
  id: string;
  kind: PreFileKind;
  kindName: string;
  title: string;
  content: string;
  occurredOn: string | null;
  /** true when the entry is about the whole target (a town target's every village) */
  wholeTarget: boolean;
  attachments: AttachmentOut[];
  createdByName: string | null;
}

type EntryRow = NonNullable<Awaited<ReturnType<typeof repo.findPreEntry>>>;

const entryOut = (r: EntryRow, attachments: AttachmentOut[]): PreFileEntryOut => ({
  id: r.id,
  kind: r.kind as PreFileKind,
  kindName: PRE_FILE_KINDS[r.kind as PreFileKind] ?? r.kind,
  title: r.title,
  content: r.content,
  occurredOn: r.occurred_on,
  wholeTarget: r.village_code === null,
  attachments,
  createdByName: r.created_by_name ?? null,
});

export async function getPreFile(ctx: AppContext, actor: Actor, inspectionId: string) {
  const a = await inspectionForActor(ctx.db, actor, inspectionId, 'read');
  const rows = await repo.preEntriesFor(ctx.db, a.target.id, a.inspection.village_code);
  const files = await attachmentsOf(
    ctx.db,
    PRE_ENTRY_OWNER,
    rows.map((r) => r.id),
  );
  const earlier = await repo.earlierInspections(ctx.db, a.inspection.village_code, a.round.id);
  const village = await repo.villageFacts(ctx.db, a.inspection.village_code);
  // this round's 群众来件 (码上巡) of the village, by status: counts only, never content or identity
  const reports = intakeCounts(
    (await reportStatusesOfVillage(ctx.db, a.round.id, a.inspection.village_code)).map((r) => ({ villageCode: r.village_code, status: r.status as ReportStatus, wasAccepted: r.was_accepted })),
  ).get(a.inspection.village_code);
  const tags = village?.tags;
  return {
    entries: rows.map((r) => entryOut(r, files.get(r.id) ?? [])),
    earlierInspections: earlier.map((e) => ({
      roundLabel: roundLabel(e),
      status: e.status as InspectionStatus,
      statusName: INSPECTION_STATUSES[e.status as InspectionStatus] ?? e.status,
      completedAt: e.completed_at ? new Date(e.completed_at).toISOString() : null,
    })),
    profile: {
      petitionsLastYear: village?.petitions_last_year ?? null,
      households: village?.households ?? null,
      tags: Array.isArray(tags) ? (tags as string[]) : [],
    },
    publicReports: {
      total: reports?.total ?? 0,
      petitions: reports?.petitions ?? 0,
      byStatus: REPORT_STATUS_LIST.map((status) => ({ status, name: REPORT_STATUSES[status], count: reports?.byStatus[status] ?? 0 })),
    },
  };
}

/** The office (planning.write) on an inspection it can see. */
async function forOfficeWrite(db: Executor, actor: Actor, inspectionId: string): Promise<InspectionAccess> {
  const a = await inspectionForActor(db, actor, inspectionId, 'read');
  requirePermission(actor, 'planning.write');
  return a;
}

async function entryOfInspection(db: Executor, a: InspectionAccess, entryId: string): Promise<EntryRow> {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const row = UUID.test(entryId) ? await repo.findPreEntry(db, entryId) : undefined;
  // an entry of this target about the whole target or this village
  if (!row || row.target_id !== a.target.id || (row.village_code !== null && row.village_code !== a.inspection.village_code)) {
    throw new DomainError('NOT_FOUND', '巡前资料不存在');
  }
  return row;
}

async function entryWithFiles(db: Executor, a: InspectionAccess, entryId: string): Promise<PreFileEntryOut> {
  const row = await entryOfInspection(db, a, entryId);
  const files = await attachmentsOf(db, PRE_ENTRY_OWNER, [row.id]);
  return entryOut(row, files.get(row.id) ?? []);
}

const scopeOf = (a: InspectionAccess) => a.round.scope_code;

/**
 * Adds an entry to the file of the inspection's target: about this village (default) or, with
 * `wholeTarget`, about every village of the target (a town target's common background).
 */
export async function addPreInspectionEntry(
  ctx: AppContext,
  actor: Actor,
  inspectionId: string,
  input: PreFileEntryInput & { wholeTarget?: boolean | undefined },
): Promise<PreFileEntryOut> {
  const body = preFileEntryInput.parse(input);
  return ctx.db.transaction().execute(async (tx) => {
    const a = await forOfficeWrite(tx, actor, inspectionId);
    const now = ctx.now();
    const { id } = await repo.insertPreEntry(tx, {
      target_id: a.target.id,
      village_code: input.wholeTarget ? null : a.inspection.village_code,
      kind: body.kind,
      title: body.title,
      content: body.content,
      occurred_on: body.occurredOn ?? null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    const out = await entryWithFiles(tx, a, id);
    await writeAudit(tx, ctx, actor, { action: 'create', entity: 'inspections.pre_file_entry', entityId: id, scopeCode: scopeOf(a), after: out });
    return out;
  });
}

export async function updatePreInspectionEntry(ctx: AppContext, actor: Actor, inspectionId: string, entryId: string, input: PreFileEntryInput): Promise<PreFileEntryOut> {
  const body = preFileEntryInput.parse(input);
  return ctx.db.transaction().execute(async (tx) => {
    const a = await forOfficeWrite(tx, actor, inspectionId);
    const before = await entryWithFiles(tx, a, entryId);
    await repo.updatePreEntry(tx, entryId, { kind: body.kind, title: body.title, content: body.content, occurred_on: body.occurredOn ?? null, updated_at: ctx.now() });
    const after = await entryWithFiles(tx, a, entryId);
    await writeAudit(tx, ctx, actor, { action: 'update', entity: 'inspections.pre_file_entry', entityId: entryId, scopeCode: scopeOf(a), before, after });
    return after;
  });
}

export async function deletePreInspectionEntry(ctx: AppContext, actor: Actor, inspectionId: string, entryId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx: Tx) => {
    const a = await forOfficeWrite(tx, actor, inspectionId);
    const before = await entryWithFiles(tx, a, entryId);
    await deleteAttachmentsOf(tx, PRE_ENTRY_OWNER, entryId);
    await repo.deletePreEntry(tx, entryId);
    await writeAudit(tx, ctx, actor, { action: 'delete', entity: 'inspections.pre_file_entry', entityId: entryId, scopeCode: scopeOf(a), before });
  });
}

export async function addPreEntryAttachment(ctx: AppContext, actor: Actor, inspectionId: string, entryId: string, file: { buffer: Uint8Array; fileName: string }) {
  return ctx.db.transaction().execute(async (tx) => {
    const a = await forOfficeWrite(tx, actor, inspectionId);
    await entryOfInspection(tx, a, entryId);
    return storeFile(tx, ctx, actor, file, { ownerKind: PRE_ENTRY_OWNER, ownerId: entryId, scopeCode: scopeOf(a) });
  });
}

export async function deletePreEntryAttachment(ctx: AppContext, actor: Actor, inspectionId: string, entryId: string, attachmentId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const a = await forOfficeWrite(tx, actor, inspectionId);
    await entryOfInspection(tx, a, entryId);
    await deleteAttachment(tx, ctx, actor, attachmentId, { ownerKind: PRE_ENTRY_OWNER, ownerId: entryId, scopeCode: scopeOf(a) });
  });
}

/**
 * Files of a pre-inspection entry: readable by whoever may read one of the inspections the entry is
 * shown on, and by the office of the round's county even before any inspection exists.
 */
export async function checkPreEntryFileAccess(ctx: AppContext, actor: Actor, entryId: string): Promise<void> {
  const entry = await repo.findPreEntry(ctx.db, entryId);
  if (!entry) throw new DomainError('NOT_FOUND');
  for (const { id } of await repo.inspectionIdsForEntry(ctx.db, entry.target_id, entry.village_code)) {
    try {
      await inspectionForActor(ctx.db, actor, id, 'read');
      return;
    } catch (e) {
      if (!(e instanceof DomainError && e.code === 'NOT_FOUND')) throw e;
    }
  }
  if (!actsAsTeam(actor) && actor.permissions.has('planning.write')) {
    const scope = await repo.roundScopeOfTarget(ctx.db, entry.target_id);
    if (scope !== null && scope.startsWith(actor.scopeCode)) return;
  }
  throw new DomainError('NOT_FOUND');
}
