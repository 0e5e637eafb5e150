import { describe, expect, it } from 'vitest';
import { questionnaireDefinition, QUESTION_TYPES, type QuestionType } from '../../../../domain/public-reports/questionnaires';
import { move, newQuestion, retype } from './definition-edit';

const TYPES = Object.keys(QUESTION_TYPES) as QuestionType[];
const withQuestions = (questions: ReturnType<typeof newQuestion>[]) => ({ kind: 'satisfaction', title: '测试问卷', sections: [{ id: 's1', title: '第一部分', questions }] });

describe('questionnaire editor edits', () => {
  it('a new question of every type, once given its text, passes the domain schema', () => {
    const qs = TYPES.map((t) => ({ ...newQuestion(t), text: `${QUESTION_TYPES[t]}题` }));
    const r = questionnaireDefinition.safeParse(withQuestions(qs));
    expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
    expect(new Set(qs.map((q) => q.id)).size).toBe(qs.length);
  });

  it('a new question without text is refused in Chinese', () => {
    const r = questionnaireDefinition.safeParse(withQuestions([newQuestion('single')]));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toContain('请填写题目');
  });

  it('changing the type keeps id, text and required and gives the new type valid defaults', () => {
    const q = { ...newQuestion('text'), text: '您的建议', required: true };
    for (const t of TYPES) {
      const next = retype(q, t);
      expect(next).toMatchObject({ id: q.id, text: '您的建议', required: true, type: t });
      expect(questionnaireDefinition.safeParse(withQuestions([next])).success).toBe(true);
    }
  });

  it('moves within bounds only', () => {
    expect(move([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(move([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(move([1, 2, 3], 2, 1)).toEqual([1, 2, 3]);
  });
});
