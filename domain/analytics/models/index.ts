/**
 * The built-in comparison-model library.
 */
import { BID_MODELS } from './bids';
import { CADRE_MODELS } from './cadre';
import { LAND_MODELS } from './land';
import { LEASE_MODELS } from './lease';
import type { ComparisonModel } from './model';
import { SUBSIDY_MODELS } from './subsidy';

export const BUILTIN_MODELS: readonly ComparisonModel[] = [...SUBSIDY_MODELS, ...CADRE_MODELS, ...LAND_MODELS, ...LEASE_MODELS, ...BID_MODELS];

const BY_KEY: ReadonlyMap<string, ComparisonModel> = new Map(BUILTIN_MODELS.map((m) => [m.key, m]));

export function builtinModel(key: string): ComparisonModel | undefined {
  return BY_KEY.get(key);
}
