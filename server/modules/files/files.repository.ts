import type { Executor, Tx } from '../../http/context';

/** Inserts the content unless it is stored already; true when a new blob was written. */
export async function insertBlobIfAbsent(tx: Tx, blob: { sha256: string; size: number; mime: string; content: Uint8Array }): Promise<boolean> {
  const rows = await tx
    .insertInto('blobs')
    .values(blob)
    .onConflict((oc) => oc.column('sha256').doNothing())
    .returning('sha256')
    .execute();
  return rows.length > 0;
}

export function insertAttachment(
  tx: Tx,
  row: { owner_kind: string; owner_id: string; sha256: string; file_name: string; mime: string; size: number; uploaded_by: string },
) {
  return tx.insertInto('attachments').values(row).returningAll().executeTakeFirstOrThrow();
}

export function listAttachments(db: Executor, ownerKind: string, ownerIds: readonly string[]) {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('owner_kind', '=', ownerKind)
    .where('owner_id', 'in', [...ownerIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findAttachment(db: Executor, id: string) {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAttachmentWithContent(db: Executor, id: string) {
  return db
    .selectFrom('attachments as a')
    .innerJoin('blobs as b', 'b.sha256', 'a.sha256')
    .select(['a.id', 'a.owner_kind', 'a.owner_id', 'a.sha256', 'a.file_name', 'a.mime', 'a.size', 'b.content'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function deleteAttachmentRow(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('attachments').where('id', '=', id).execute();
}

/** Deletes the blob when no attachment refers to it any more; true when deleted. */
export async function deleteBlobIfUnused(tx: Tx, sha256: string): Promise<boolean> {
  const used = await tx.selectFrom('attachments').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst();
  if (used) return false;
  const r = await tx.deleteFrom('blobs').where('sha256', '=', sha256).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
