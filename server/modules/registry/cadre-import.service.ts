import { CADRE_COLUMNS, validateCadreRows, type ImportedCadre, type RowError } from '../../../domain/registry/cadre-import';
import { DomainError } from '../../../domain/shared/errors';
import { villageShortName } from '../../../domain/shared/names';
import { requirePermission } from '../../http/auth';
import type { Actor, AppContext } from '../../http/context';
import { writeAudit } from '../access';
import * as repo from './registry.repository';
import { readTable } from './spreadsheet-reader';

const BATCH_TTL_MS = 24 * 3_600_000;

export interface CadreImportPreview {
  batchId: string;
  fileName: string;
  rowCount: number;
  validCadres: number;
  validRelatives: number;
  errors: RowError[];
  /** Columns found in the file: key -> Chinese label. */
  columns: { key: string; label: string }[];
  sample: { villageCode: string; villageName: string; townName: string; name: string; idNumber: string; positions: string[]; relatives: number; rowNumbers: number[] }[];
}

/**
 * Reads a roster file and validates every row; stores the result as a preview batch. Nothing is
 * written to the roster until the same user confirms the batch.
 */
export async function previewCadreImport(
  ctx: AppContext,
  actor: Actor,
  file: { buffer: Buffer; fileName: string },
  villageCode?: string,
): Promise<CadreImportPreview> {
  requirePermission(actor, 'registry.write');
  let villages = (await repo.villagesForMatching(ctx.db, actor.scopeCode)).map((v) => ({ code: v.code, name: v.name, townName: v.town_name }));
  if (villageCode) {
    villages = villages.filter((v) => v.code === villageCode);
    if (villages.length === 0) throw new DomainError('NOT_FOUND', '村（社区）不存在或无权查看');
  } else if (villages.length === 0) {
    throw new DomainError('VALIDATION_FAILED', '尚无可导入的村（社区）：请先导入行政区划');
  }
  const table = await readTable(file, CADRE_COLUMNS);
  if (!villageCode && table.mapping.village === undefined && table.mapping.villageCode === undefined) {
    throw new DomainError('IMPORT_FILE_INVALID', '文件中没有“村（社区）”或“村代码”列：请添加该列，或从某个村的页面导入该村的干部');
  }
  const today = ctx.now().toISOString().slice(0, 10);
  const byCode = new Map(villages.map((v) => [v.code, v]));
  const result = validateCadreRows(table.rows, villages, { fixedVillageCode: villageCode, today });
  const batch = await repo.insertImportBatch(ctx.db, {
    kind: 'cadres',
    created_by: actor.userId,
    scope_code: actor.scopeCode,
    file_name: file.fileName,
    summary: { rowCount: result.rowCount, villageCode: villageCode ?? null },
    valid_rows: result.cadres,
    error_rows: result.errors,
  });
  return {
    batchId: batch.id,
    fileName: file.fileName,
    rowCount: result.rowCount,
    validCadres: result.cadres.length,
    validRelatives: result.cadres.reduce((n, c) => n + c.relatives.length, 0),
    errors: result.errors,
    columns: CADRE_COLUMNS.filter((c) => table.mapping[c.key] !== undefined).map((c) => ({ key: c.key, label: c.label })),
    sample: result.cadres.slice(0, 200).map((c) => ({
      villageCode: c.villageCode,
      villageName: villageShortName(byCode.get(c.villageCode)?.name ?? ''),
      townName: byCode.get(c.villageCode)?.townName ?? '',
      name: c.name,
      idNumber: c.idNumber,
      positions: c.positions,
      relatives: c.relatives.length,
      rowNumbers: c.rowNumbers,
    })),
  };
}

export interface CadreImportOutcome {
  created: number;
  updated: number;
  relatives: number;
  skippedRows: number;
}

/**
 * Writes the valid rows of a previewed batch in one transaction: a cadre already on the village's
 * roster (same ID number) is updated and its relatives replaced; a new one is added. Any failure
 * rolls everything back.
 */
export async function confirmCadreImport(ctx: AppContext, actor: Actor, batchId: string): Promise<CadreImportOutcome> {
  requirePermission(actor, 'registry.write');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const batch = await repo.findImportBatch(trx, batchId, actor.userId);
    if (!batch || batch.kind !== 'cadres' || batch.status !== 'preview' || now.getTime() - batch.created_at.getTime() > BATCH_TTL_MS) {
      throw new DomainError('IMPORT_NOT_FOUND', '导入批次不存在、已导入或已过期（24 小时），请重新上传文件');
    }
    const cadres = batch.valid_rows as unknown as ImportedCadre[];
    if (cadres.length === 0) throw new DomainError('IMPORT_NOTHING_VALID', '文件中没有有效的行，请修改文件后重新上传');
    // Scope may have changed since the preview: re-check every village against the caller's scope now.
    const visible = new Set((await repo.villagesForMatching(trx, actor.scopeCode)).map((v) => v.code));
    const outside = cadres.find((c) => !visible.has(c.villageCode));
    if (outside) throw new DomainError('FORBIDDEN', `第 ${outside.rowNumbers[0]} 行的村（社区）不在本单位管辖范围内`);

    const outcome: CadreImportOutcome = { created: 0, updated: 0, relatives: 0, skippedRows: (batch.error_rows as unknown[]).length };
    for (const c of cadres) {
      const write = {
        village_code: c.villageCode,
        name: c.name,
        gender: c.gender ?? null,
        id_number: c.idNumber,
        positions: JSON.stringify(c.positions),
        term_start: c.termStart,
        term_end: c.termEnd,
        phone: c.phone ?? null,
        notes: c.notes ?? '',
      };
      const existing = await repo.findCadreByIdNumber(trx, c.villageCode, c.idNumber);
      const row = existing ? await repo.updateCadre(trx, existing.id, write, now) : await repo.insertCadre(trx, write, now);
      const before = existing ? { ...existing, relatives: await repo.listRelatives(trx, [existing.id]) } : null;
      const rels = await repo.replaceRelatives(
        trx,
        row.id,
        c.relatives.map((r) => ({ name: r.name, id_number: r.idNumber ?? null, relation: r.relation })),
      );
      outcome.relatives += rels.length;
      if (existing) outcome.updated++;
      else outcome.created++;
      await writeAudit(trx, ctx, actor, {
        action: existing ? 'import_update' : 'import_create',
        entity: 'registry.cadre',
        entityId: row.id,
        scopeCode: c.villageCode,
        before,
        after: { ...row, relatives: rels, batchId },
      });
    }
    await repo.markImportConfirmed(trx, batchId, now);
    return outcome;
  });
}
