/**
 * The comparison-model library as users see it: each built-in model with its description, required
 * data kinds and parameters with defaults, and how it has done in this scope across runs — hits,
 * verified, confirmed, dismissed by reason, precision (confirmed / verified) and money involved — so
 * the office sees which models earn their keep.
 */
import { sql } from 'kysely';
import { datasetKind, isDatasetKindKey } from '../../../domain/analytics/dataset-kinds';
import type { ModelInfo as ModelOut, ModelStats } from '../../../domain/analytics/model-types';
import { BUILTIN_MODELS } from '../../../domain/analytics/models';
import { MODEL_CATEGORY_LABELS } from '../../../domain/analytics/models/model';
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, AppContext } from '../../http/context';
import { actsAsTeam } from '../inspections';
import { loadCustomModels } from './custom-models.service';
import { DISMISS_REASON_LIST, type DismissReason } from './hits.service';

export type { ModelOut, ModelStats };

/** Precision from the counts (exported for tests and the web's definitions). */
export const precisionOf = (confirmed: number, verified: number): number | null => (verified === 0 ? null : confirmed / verified);

export async function modelStats(ctx: AppContext, actor: Actor, q: { roundId?: string | undefined } = {}): Promise<Map<string, ModelStats>> {
  if (!actor.permissions.has('analytics.read') && !actor.permissions.has('analytics.manage')) throw new DomainError('FORBIDDEN', '没有查看比对模型的权限');
  let base = ctx.db.selectFrom('analytics_hits as h').leftJoin('teams as t', 't.id', 'h.team_id').where('h.scope_code', 'like', `${actor.scopeCode}%`);
  if (actsAsTeam(actor)) base = base.where('t.org_id', '=', actor.orgId);
  if (q.roundId) base = base.where('h.round_id', '=', q.roundId);
  const rows = await base
    .select([
      'h.model_key',
      'h.status',
      'h.dismiss_reason',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<string>`coalesce(sum(h.amount_fen), 0)`.as('amount'),
    ])
    .groupBy(['h.model_key', 'h.status', 'h.dismiss_reason'])
    .execute();
  const runs = await ctx.db
    .selectFrom('analytics_runs')
    .select(['results'])
    .where('scope_code', 'like', `${actor.scopeCode}%`)
    .where('status', '=', 'succeeded')
    .$if(!!q.roundId, (qb) => qb.where('round_id', '=', q.roundId!))
    .execute();
  const out = new Map<string, ModelStats>();
  const get = (key: string) => {
    let s = out.get(key);
    if (!s) {
      s = { hits: 0, pending: 0, verified: 0, confirmed: 0, dismissed: 0, dismissedBy: Object.fromEntries(DISMISS_REASON_LIST.map((r) => [r, 0])) as Record<DismissReason, number>, precision: null, amountFen: 0, confirmedAmountFen: 0, runs: 0 };
      out.set(key, s);
    }
    return s;
  };
  for (const r of rows) {
    const s = get(r.model_key);
    const n = Number(r.n);
    const amount = Number(r.amount);
    s.hits += n;
    s.amountFen += amount;
    if (r.status === 'pending') s.pending += n;
    if (r.status === 'confirmed') {
      s.confirmed += n;
      s.confirmedAmountFen += amount;
    }
    if (r.status === 'dismissed') {
      s.dismissed += n;
      if (r.dismiss_reason && r.dismiss_reason in s.dismissedBy) s.dismissedBy[r.dismiss_reason as DismissReason] += n;
    }
  }
  for (const run of runs) {
    for (const o of (run.results as { key: string; status: string }[] | null) ?? []) if (o.status === 'done') get(o.key).runs++;
  }
  for (const s of out.values()) {
    s.verified = s.confirmed + s.dismissed;
    s.precision = precisionOf(s.confirmed, s.verified);
  }
  return out;
}

export async function listModels(ctx: AppContext, actor: Actor, q: { roundId?: string | undefined } = {}): Promise<ModelOut[]> {
  const stats = await modelStats(ctx, actor, q);
  const empty = (): ModelStats => ({ hits: 0, pending: 0, verified: 0, confirmed: 0, dismissed: 0, dismissedBy: Object.fromEntries(DISMISS_REASON_LIST.map((r) => [r, 0])) as Record<DismissReason, number>, precision: null, amountFen: 0, confirmedAmountFen: 0, runs: 0 });
  const customs = await loadCustomModels(ctx.db, actor.scopeCode, { includeDisabled: true });
  return [...BUILTIN_MODELS, ...[...customs.values()].map((c) => c.model)].map((m) => ({
    key: m.key,
    name: m.name,
    description: m.description,
    category: m.category,
    categoryName: MODEL_CATEGORY_LABELS[m.category],
    requires: m.requires.map((k) => (isDatasetKindKey(k) ? { key: k, label: datasetKind(k).label, fromRegistry: datasetKind(k).fromRegistry } : { key: k, label: k, fromRegistry: false })),
    params: m.params.map((p) => ({ ...p })),
    stats: stats.get(m.key) ?? empty(),
    ...(customs.has(m.key) ? { custom: { enabled: customs.get(m.key)!.enabled } } : {}),
  }));
}
