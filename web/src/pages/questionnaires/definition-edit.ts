/** Pure edits of a questionnaire definition for the editor: new questions per type, a change of type, reordering. */
import type { QuestionInput, QuestionType } from '../../../../domain/public-reports/questionnaires';

let seq = 0;
/** A fresh id for a new section, question or option (unique within the questionnaire). */
export const newId = (p: string) => `${p}${Date.now().toString(36)}${(seq++).toString(36)}`;

export function newQuestion(type: QuestionType, text = ''): QuestionInput {
  const base = { id: newId('q'), text, required: true, help: '' };
  switch (type) {
    case 'single':
      return { ...base, type, options: [{ id: newId('o'), label: '是' }, { id: newId('o'), label: '否' }] };
    case 'multiple':
      return { ...base, type, min: 1, options: [{ id: newId('o'), label: '选项一' }, { id: newId('o'), label: '选项二' }] };
    case 'rating':
      return { ...base, type, scale: 5, lowLabel: '很不满意', highLabel: '很满意' };
    case 'text':
      return { ...base, type, required: false, maxLength: 500 };
  }
}

/** The question with another type: text and required kept, the rest from the new type's defaults. */
export const retype = (q: QuestionInput, type: QuestionType): QuestionInput => ({ ...newQuestion(type, q.text), id: q.id, required: q.required ?? true, help: q.help ?? '' });

export function move<T>(list: T[], i: number, d: -1 | 1): T[] {
  const j = i + d;
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}
