/**
 * The working-paper form's values ↔ the API body, and the same checks the server makes (the domain's
 * schema and content rules), so a mistake is shown on its field before anything is sent.
 */
import dayjs, { type Dayjs } from 'dayjs';
import { findingContentProblems, findingFields, type FindingCategory, type FindingSource } from '../../../../domain/findings/finding';
import type { FindingBody, FindingDetail } from '../../api/findings';

export interface ResponsibleValue {
  /** a cadre picked from the village's roster; empty for a person entered by hand */
  cadreId?: string | null;
  name?: string;
  position?: string;
}

/** The place picker holds a village inspection's id, or this prefix and a town target's id. */
export const TOWN_PREFIX = 'town:';
export const townTargetOf = (value: string | undefined): string | null => (value?.startsWith(TOWN_PREFIX) ? value.slice(TOWN_PREFIX.length) : null);

export interface FindingFormValues {
  /** a village inspection, or TOWN_PREFIX + a town target (乡镇层面问题) */
  inspectionId?: string;
  checklistItemId?: string | null;
  category?: FindingCategory;
  aspect?: string;
  title?: string;
  description?: string;
  amount?: string | number | null;
  responsible?: ResponsibleValue[];
  source?: FindingSource;
  foundOn?: Dayjs | null;
  place?: string;
  immediate?: boolean;
  immediateNoticeNo?: string | null;
  immediateFix?: string;
  immediateFixedOn?: Dayjs | null;
}

const day = (d: string | null | undefined) => (d ? dayjs(d) : null);
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export function findingFormValues(f: FindingDetail | null, defaults: { inspectionId?: string; checklistItemId?: string } = {}): FindingFormValues {
  if (!f) {
    return {
      inspectionId: defaults.inspectionId,
      checklistItemId: defaults.checklistItemId ?? null,
      aspect: '',
      responsible: [],
      foundOn: dayjs(),
      place: '',
      immediate: false,
      immediateFix: '',
    };
  }
  return {
    inspectionId: f.inspectionId ?? undefined,
    checklistItemId: f.checklistItem?.id ?? null,
    category: f.category,
    aspect: f.aspect,
    title: f.title,
    description: f.description,
    amount: f.amount,
    responsible: f.responsible.map((r) => ({ cadreId: r.cadreId, name: r.name, position: r.position })),
    source: f.source,
    foundOn: day(f.foundOn),
    place: f.place,
    immediate: f.immediate,
    immediateNoticeNo: f.immediateNoticeNo,
    immediateFix: f.immediateFix,
    immediateFixedOn: day(f.immediateFixedOn),
  };
}

/** `fixedInspection`: the village the drawer was opened on (no picker field then, so not among the values). */
export function findingBody(v: FindingFormValues, fixedInspection?: string | null): FindingBody {
  const townTarget = fixedInspection ? null : townTargetOf(v.inspectionId);
  return {
    inspectionId: townTarget ? null : (fixedInspection ?? v.inspectionId ?? null),
    ...(townTarget ? { targetId: townTarget } : {}),
    checklistItemId: townTarget ? null : (v.checklistItemId ?? null),
    category: v.category as FindingCategory,
    aspect: v.aspect ?? '',
    title: v.title ?? '',
    description: v.description ?? '',
    amount: v.amount === undefined || v.amount === null || v.amount === '' ? null : String(v.amount),
    responsible: (v.responsible ?? []).map((r) => ({ cadreId: r.cadreId || null, name: r.name ?? '', position: r.position ?? '' })),
    source: v.source as FindingSource,
    foundOn: iso(v.foundOn) ?? '',
    place: v.place ?? '',
    immediate: Boolean(v.immediate),
    immediateNoticeNo: v.immediate ? (v.immediateNoticeNo ?? null) : null,
    immediateFix: v.immediate ? (v.immediateFix ?? '') : '',
    immediateFixedOn: v.immediate ? iso(v.immediateFixedOn) : null,
  };
}

/** Field problems as antd `setFields` entries (name paths), empty when the body would be accepted. */
export function checkFindingForm(body: FindingBody, today: string): { name: (string | number)[]; errors: string[] }[] {
  const parsed = findingFields.safeParse(body);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => ({ name: i.path.map((p) => (typeof p === 'number' ? p : String(p))), errors: [i.message] }));
  }
  return findingContentProblems(parsed.data, today).map((p) => ({ name: [p.path], errors: [p.message] }));
}
