/**
 * 回避: a person may not inspect his own home town, nor a village where a relative is a cadre; in a
 * 交叉巡察 nobody may inspect the town he comes from or works in (the point of swapping areas).
 *
 * Relatives are matched by ID number, which is decisive either way (15-digit numbers are converted
 * first). A match by name alone — one side has no ID number — is only a warning for the office to check:
 * common names would otherwise block half the county.
 */
import { parseIdNumber } from '../shared/id-number';
import { normalizeName } from '../shared/names';
import { type InspectionMode } from './modes';

export interface AvoidanceRelative {
  name: string;
  idNumber?: string | null;
  relation: string;
}

export interface AvoidancePerson {
  name: string;
  idNumber?: string | null;
  /** 9-digit code of the town (乡镇、街道) the person comes from */
  homeTownCode?: string | null;
  /** 9-digit code of the town the person works in, when his unit is a town's */
  workTownCode?: string | null;
  relatives: readonly AvoidanceRelative[];
}

export interface AvoidanceCadre {
  name: string;
  idNumber?: string | null;
  positions: readonly string[];
  relatives: readonly AvoidanceRelative[];
}

export interface AvoidanceTarget {
  townCode: string;
  townName: string;
  /** the village's name; absent when the target is the town itself */
  villageName?: string | null;
  cadres: readonly AvoidanceCadre[];
}

export interface AvoidanceResult {
  /** the assignment is refused for these reasons */
  blocking: string[];
  /** the office should check these before confirming */
  warnings: string[];
}

/** The comparable form of an ID number, or null when absent or invalid. */
function idKey(id: string | null | undefined): string | null {
  if (!id?.trim()) return null;
  const r = parseIdNumber(id);
  return r.ok ? r.value : null;
}

type Match = 'id' | 'name' | null;

/** Same person? By ID number when both have one; by name only when either lacks it. */
function samePerson(a: { name: string; idNumber?: string | null }, b: { name: string; idNumber?: string | null }): Match {
  const ka = idKey(a.idNumber);
  const kb = idKey(b.idNumber);
  if (ka && kb) return ka === kb ? 'id' : null;
  return normalizeName(a.name) !== '' && normalizeName(a.name) === normalizeName(b.name) ? 'name' : null;
}

const place = (t: AvoidanceTarget) => t.villageName ?? t.townName;
const post = (c: AvoidanceCadre) => (c.positions.length > 0 ? c.positions.join('、') : '干部');

/** Every reason `person` may not inspect `target` in `mode`. */
export function checkAvoidance(person: AvoidancePerson, target: AvoidanceTarget, mode: InspectionMode): AvoidanceResult {
  const blocking: string[] = [];
  const warnings: string[] = [];

  if (person.homeTownCode && person.homeTownCode === target.townCode) {
    blocking.push(`${person.name}的家乡在${target.townName}，应当回避`);
  }
  if (mode === 'cross' && person.workTownCode && person.workTownCode === target.townCode && person.homeTownCode !== target.townCode) {
    blocking.push(`交叉巡察：${person.name}在${target.townName}工作，不能巡察本镇（街道）`);
  }

  for (const cadre of target.cadres) {
    for (const rel of person.relatives) {
      const m = samePerson(rel, cadre);
      if (m === 'id') blocking.push(`${person.name}的${rel.relation}${cadre.name}是${place(target)}的${post(cadre)}，应当回避`);
      else if (m === 'name')
        warnings.push(`${person.name}申报的${rel.relation}“${rel.name}”与${place(target)}${post(cadre)}同名，缺少身份证号码，请核实`);
    }
    // the cadre's own declaration may name the inspector even when the inspector's does not
    for (const rel of cadre.relatives) {
      const m = samePerson(rel, person);
      if (m === 'id') blocking.push(`${person.name}是${place(target)}${post(cadre)}${cadre.name}申报的${rel.relation}，应当回避`);
      else if (m === 'name')
        warnings.push(`${place(target)}${post(cadre)}${cadre.name}申报的${rel.relation}与${person.name}同名，缺少身份证号码，请核实`);
    }
  }
  return { blocking: unique(blocking), warnings: unique(warnings) };
}

const unique = (xs: string[]) => [...new Set(xs)];

/**
 * A whole team against a target. In a 交叉巡察 the target must not be any member's own town, so a
 * member's home or work town blocks the team; otherwise each member answers only for himself.
 */
export function checkTeamAvoidance(
  members: readonly AvoidancePerson[],
  target: AvoidanceTarget,
  mode: InspectionMode,
): AvoidanceResult {
  const all = members.map((m) => checkAvoidance(m, target, mode));
  return {
    blocking: unique(all.flatMap((r) => r.blocking)),
    warnings: unique(all.flatMap((r) => r.warnings)),
  };
}
