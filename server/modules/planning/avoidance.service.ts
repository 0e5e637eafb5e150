/**
 * 回避 against the registry: the people's declared relatives (person_relatives), the villages' cadres
 * and the relatives the cadres declared (cadres, cadre_relatives), home and work towns. The rules
 * themselves are the domain's (domain/planning/avoidance.ts).
 */
import { checkAvoidance, type AvoidancePerson, type AvoidanceResult, type AvoidanceTarget } from '../../../domain/planning/avoidance';
import type { InspectionMode } from '../../../domain/planning/modes';
import type { Executor } from '../../http/context';
import * as repo from './planning.repository';

export interface TargetForAvoidance {
  kind: string;
  code: string;
  name: string;
  mode: string;
  /** the villages reached (a village target: itself) */
  villageCodes: readonly string[];
}

/** What a person would face at a target: one entry per place (a department's villages each count). */
export async function avoidanceTargets(db: Executor, target: TargetForAvoidance): Promise<AvoidanceTarget[]> {
  const villageCodes = target.kind === 'village' ? [target.code] : [...target.villageCodes];
  const villages = await repo.findDivisions(db, villageCodes);
  const townCodes = target.kind === 'town' ? [target.code] : villages.map((v) => v.parent_code!).filter(Boolean);
  const towns = new Map((await repo.findDivisions(db, [...new Set(townCodes)])).map((t) => [t.code, t.name]));
  const cadres = await repo.cadresOfVillages(db, villageCodes);
  const cadreOut = (c: (typeof cadres)[number]) => ({
    name: c.name,
    idNumber: c.id_number,
    positions: c.positions as unknown as string[],
    relatives: c.relatives.map((r) => ({ name: r.name, idNumber: r.id_number, relation: r.relation })),
  });
  if (target.kind === 'town') {
    // the town and every village it reaches are one place for the team
    return [{ townCode: target.code, townName: towns.get(target.code) ?? target.name, villageName: null, cadres: cadres.map(cadreOut) }];
  }
  return villages.map((v) => ({
    townCode: v.parent_code ?? '',
    townName: towns.get(v.parent_code ?? '') ?? '',
    villageName: v.short_name,
    cadres: cadres.filter((c) => c.village_code === v.code).map(cadreOut),
  }));
}

/** People as the avoidance rules see them, with their declared relatives. */
export async function avoidancePeople(db: Executor, personIds: readonly string[]): Promise<Map<string, AvoidancePerson>> {
  const people = await repo.findPeople(db, personIds);
  const relatives = await repo.relativesOf(db, personIds);
  return new Map(
    people.map((p) => [
      p.id,
      {
        name: p.name,
        idNumber: p.id_number,
        homeTownCode: p.home_town_code,
        workTownCode: p.work_town_code,
        relatives: relatives.filter((r) => r.person_id === p.id).map((r) => ({ name: r.name, idNumber: r.id_number, relation: r.relation })),
      },
    ]),
  );
}

/** Every reason `person` may not inspect any of `places` (the target's) in `mode`. */
export function checkPersonAtTarget(person: AvoidancePerson, places: readonly AvoidanceTarget[], mode: string): AvoidanceResult {
  const results = places.map((p) => checkAvoidance(person, p, mode as InspectionMode));
  return {
    blocking: [...new Set(results.flatMap((r) => r.blocking))],
    warnings: [...new Set(results.flatMap((r) => r.warnings))],
  };
}

/** Members × targets, each pair once. */
export async function checkMembersAtTargets(
  db: Executor,
  personIds: readonly string[],
  targets: readonly TargetForAvoidance[],
): Promise<{ blocking: string[]; warnings: string[]; conflicts: string[] }> {
  const people = await avoidancePeople(db, personIds);
  const blocking: string[] = [];
  const warnings: string[] = [];
  const conflicts: string[] = [];
  for (const t of targets) {
    const places = await avoidanceTargets(db, t);
    for (const id of personIds) {
      const person = people.get(id);
      if (!person) continue;
      const r = checkPersonAtTarget(person, places, t.mode);
      blocking.push(...r.blocking);
      warnings.push(...r.warnings);
      if (r.blocking.length > 0) conflicts.push(`${person.name}—${t.name}`);
    }
  }
  return { blocking: [...new Set(blocking)], warnings: [...new Set(warnings)], conflicts };
}
