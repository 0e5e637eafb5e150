/**
 * The work record form's values and the request body made from them, kept apart from the drawer so
 * the conversion and its checking (the server's own zod schema, workRecordInput) are tested alone.
 */
import dayjs, { type Dayjs } from 'dayjs';
import { workRecordInput, type PersonRole, type WorkRecord, type WorkRecordKind } from '../../../../../domain/inspections/work-records';
import type { Attachment, WorkRecordView } from '../../../api/inspections';

export interface RecordFormValues {
  kind: WorkRecordKind;
  date: Dayjs;
  place?: string;
  notes?: string;
  people?: { name?: string; roles?: PersonRole[]; position?: string }[];
  households?: { head?: string; address?: string; roles?: PersonRole[] }[];
}

/** A problem to show on a form field: antd's name path and the messages. */
export interface FieldProblem {
  name: (string | number)[];
  errors: string[];
}

/** The form's starting values: the record's, or a blank record of `kind` dated `today` (a talk unless told). */
export function recordFormValues(record: WorkRecordView | null, kind: WorkRecordKind | undefined, today: Dayjs = dayjs()): Partial<RecordFormValues> {
  if (!record) {
    const k = kind ?? 'talk';
    return { kind: k, date: today, people: k === 'talk' ? [{ roles: [] }] : [], households: k === 'visit' ? [{ roles: [] }] : [] };
  }
  return {
    kind: record.kind,
    date: dayjs(record.date),
    place: record.place,
    notes: record.notes,
    people: record.people.map((p) => ({ name: p.name, roles: p.roles, position: p.position })),
    households: record.households.map((h) => ({ head: h.head, address: h.address, roles: h.roles })),
  };
}

/** The request body as the form stands (households only for a visit). */
export function recordBody(v: RecordFormValues, attachments: readonly Attachment[]): Record<string, unknown> {
  const base = {
    kind: v.kind,
    date: v.date ? v.date.format('YYYY-MM-DD') : '',
    place: v.place ?? '',
    notes: v.notes ?? '',
    attachmentIds: attachments.map((a) => a.id),
    people: (v.people ?? []).map((p) => ({ name: p.name ?? '', roles: p.roles ?? [], position: p.position ?? '' })),
  };
  if (v.kind !== 'visit') return base;
  return { ...base, households: (v.households ?? []).map((h) => ({ head: h.head ?? '', address: h.address ?? '', roles: h.roles ?? [] })) };
}

/** The body checked with the server's schema, or the problems placed on the form's fields. */
export function checkRecordForm(v: RecordFormValues, attachments: readonly Attachment[]): { ok: true; body: WorkRecord } | { ok: false; problems: FieldProblem[] } {
  const parsed = workRecordInput.safeParse(recordBody(v, attachments));
  if (parsed.success) return { ok: true, body: parsed.data };
  const byField = new Map<string, FieldProblem>();
  for (const issue of parsed.error.issues) {
    const name = (issue.path.length ? issue.path : ['kind']).map((p) => (typeof p === 'number' ? p : String(p)));
    const key = name.join('.');
    const seen = byField.get(key);
    if (seen) seen.errors.push(issue.message);
    else byField.set(key, { name, errors: [issue.message] });
  }
  return { ok: false, problems: [...byField.values()] };
}

/**
 * The rows after the kind changes: rows left blank belonged to the previous kind's form and go;
 * a talk gets one person row and a visit one household row when they have none.
 */
export function rowsForKind(kind: WorkRecordKind, people: RecordFormValues['people'], households: RecordFormValues['households']): Pick<RecordFormValues, 'people' | 'households'> {
  const keptPeople = (people ?? []).filter((p) => p?.name?.trim());
  const keptHouseholds = (households ?? []).filter((h) => h?.head?.trim());
  return {
    people: kind === 'talk' && keptPeople.length === 0 ? [{ roles: [] }] : keptPeople,
    households: kind === 'visit' && keptHouseholds.length === 0 ? [{ roles: [] }] : keptHouseholds,
  };
}
