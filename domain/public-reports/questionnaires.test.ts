import { describe, expect, it } from 'vitest';
import { codeFromBytes, formatCode } from './codes';
import { FAVOURABLE_GRADES, defaultQuestionnaire } from './questionnaire-defaults';
import {
  QUESTIONNAIRE_KIND_LIST,
  aggregateAnswers,
  answerRefusal,
  checkAnswers,
  favourableRate,
  parseAccessCode,
  questionnaireDefinition,
  questionsOf,
  type AnswerGateFacts,
  type AnswerSet,
  type QuestionnaireDefinitionInput,
} from './questionnaires';
import { hashCode, newCodes } from './secrets';

const opts = (...labels: string[]) => labels.map((label, i) => ({ id: `o${i + 1}`, label }));

const DEF: QuestionnaireDefinitionInput = {
  kind: 'satisfaction',
  title: '测试问卷',
  sections: [
    {
      id: 's1',
      title: '第一部分',
      questions: [
        { id: 'q1', text: '单选题', type: 'single', options: opts('是', '否') },
        { id: 'q2', text: '多选题', type: 'multiple', min: 1, max: 2, options: opts('甲', '乙', '丙') },
        { id: 'q3', text: '评分题', type: 'rating', scale: 5 },
        { id: 'q4', text: '填空题', type: 'text', required: false, maxLength: 10 },
      ],
    },
  ],
};
const def = questionnaireDefinition.parse(DEF);

const definitionIssues = (d: unknown) => {
  const r = questionnaireDefinition.safeParse(d);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};
const withQuestions = (questions: unknown[]) => ({ ...DEF, sections: [{ id: 's1', title: '一', questions }] });

describe('definition', () => {
  it('fills defaults', () => {
    const q = questionsOf(questionnaireDefinition.parse(withQuestions([{ id: 'a', text: '说说看', type: 'text' }, { id: 'b', text: '打分', type: 'rating', scale: 10 }])));
    expect(q[0]).toMatchObject({ required: true, maxLength: 500, help: '' });
    expect(q[1]).toMatchObject({ lowLabel: '很不满意', highLabel: '很满意' });
  });

  it.each([
    ['duplicate question ids', withQuestions([{ id: 'a', text: '一', type: 'text' }, { id: 'a', text: '二', type: 'text' }]), '题目编号“a”重复'],
    ['duplicate section ids', { ...DEF, sections: [DEF.sections[0], { ...DEF.sections[0]!, questions: [{ id: 'x', text: '一', type: 'text' }] }] }, '分组编号“s1”重复'],
    ['one option', withQuestions([{ id: 'a', text: '一', type: 'single', options: opts('是') }]), '每道选择题至少 2 个选项'],
    ['duplicate option ids', withQuestions([{ id: 'a', text: '一', type: 'single', options: [{ id: 'x', label: '是' }, { id: 'x', label: '否' }] }]), '“一”的选项编号重复'],
    ['duplicate option labels', withQuestions([{ id: 'a', text: '一', type: 'single', options: opts('是', '是') }]), '“一”有重复的选项'],
    ['max above options', withQuestions([{ id: 'a', text: '一', type: 'multiple', min: 1, max: 3, options: opts('是', '否') }]), '“一”最多可选 3 项，但只有 2 个选项'],
    ['min above max', withQuestions([{ id: 'a', text: '一', type: 'multiple', min: 2, max: 1, options: opts('是', '否') }]), '“一”至少选择的项数不能大于最多可选的项数'],
    ['required with min 0', withQuestions([{ id: 'a', text: '一', type: 'multiple', options: opts('是', '否') }]), '“一”是必答题，至少应选 1 项'],
    ['a 1–7 rating', withQuestions([{ id: 'a', text: '一', type: 'rating', scale: 7 }]), '评分只能是 1–5 分或 1–10 分'],
    ['an unknown type', withQuestions([{ id: 'a', text: '一', type: 'matrix' }]), '题型只能是单选、多选、评分或填空'],
    ['a bad id', withQuestions([{ id: '第一题', text: '一', type: 'text' }]), '编号只能使用字母、数字、下划线和短横线，不超过 40 个字符'],
    ['an empty section', withQuestions([]), '每个分组至少 1 道题'],
    ['no section', { ...DEF, sections: [] }, '问卷至少要有 1 个分组'],
    ['an unknown kind', { ...DEF, kind: 'poll' }, '请选择问卷类型'],
    ['an empty title', { ...DEF, title: ' ' }, '请填写问卷标题'],
  ])('refuses %s', (_name, d, message) => {
    expect(definitionIssues(d)).toContain(message);
  });

  it('bounds the total number of questions', () => {
    const questions = Array.from({ length: 100 }, (_, i) => ({ id: `q${i}`, text: `题${i}`, type: 'text' }));
    const sections = [0, 1, 2].map((i) => ({ id: `s${i}`, title: `第${i}部分`, questions: questions.map((q) => ({ ...q, id: `${q.id}_${i}` })) }));
    expect(definitionIssues({ ...DEF, sections })).toEqual(['题目总数不超过 200 道']);
  });
});

describe('built-in questionnaires', () => {
  it.each(QUESTIONNAIRE_KIND_LIST)('%s is valid and answerable', (kind) => {
    const d = defaultQuestionnaire(kind);
    expect(d.kind).toBe(kind);
    expect(questionsOf(d).length).toBeGreaterThanOrEqual(3);
    // answer every required question with its first option / top rating
    const answers = Object.fromEntries(
      questionsOf(d)
        .filter((q) => q.required)
        .map((q) => [q.id, q.type === 'single' ? q.options[0]!.id : q.type === 'multiple' ? [q.options[0]!.id] : q.type === 'rating' ? q.scale : '好']),
    );
    expect(checkAnswers(d, answers).ok).toBe(true);
    expect(checkAnswers(d, {}).ok).toBe(false);
  });

  it('gives fresh copies', () => {
    const a = defaultQuestionnaire('satisfaction');
    a.title = '改过';
    expect(defaultQuestionnaire('satisfaction').title).toBe('巡察整改群众满意度调查');
  });

  it('民主测评 grades the班子 with 好/较好/一般/差 and the team evaluation asks about 八项规定', () => {
    const q = questionsOf(defaultQuestionnaire('democratic_evaluation'))[0]!;
    expect(q.type === 'single' && q.options.map((o) => o.label)).toEqual(['好', '较好', '一般', '差']);
    expect(JSON.stringify(defaultQuestionnaire('team_evaluation'))).toContain('八项规定');
  });
});

describe('answers', () => {
  it('accepts a full answer and cleans it', () => {
    const r = checkAnswers(def, { q1: 'o1', q2: ['o3', 'o1', 'o3'], q3: 4, q4: '  很好 ' });
    expect(r).toEqual({ ok: true, answers: { q1: 'o1', q2: ['o1', 'o3'], q3: 4, q4: '很好' } });
  });

  it('leaves blank optional answers out', () => {
    expect(checkAnswers(def, { q1: 'o2', q2: ['o2'], q3: 1, q4: '' })).toEqual({ ok: true, answers: { q1: 'o2', q2: ['o2'], q3: 1 } });
  });

  it('lists every problem at once', () => {
    const r = checkAnswers(def, { q1: 'o9', q2: ['o1', 'o2', 'o3'], q3: 6, q4: '一二三四五六七八九十十一', q9: 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toEqual([
        { path: 'q1', message: '“单选题”的答案不是本题的选项' },
        { path: 'q2', message: '“多选题”最多选择 2 项' },
        { path: 'q3', message: '“评分题”的评分应为 1 到 5 的整数' },
        { path: 'q4', message: '“填空题”不超过 10 字' },
        { path: 'q9', message: '问卷中没有这道题，请刷新页面后重新作答' },
      ]);
  });

  it('refuses missing required answers, bad shapes and non-integers', () => {
    const r = checkAnswers(def, { q2: 'o1', q3: 2.5 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.message)).toEqual(['“单选题”为必答题，请作答', '“多选题”的答案格式不正确', '“评分题”的评分应为 1 到 5 的整数']);
    const few = checkAnswers(def, { q1: 'o1', q2: [], q3: 3 });
    expect(few.ok).toBe(false);
    const stranger = checkAnswers(def, { q1: 'o1', q2: ['o7'], q3: 3 });
    expect(!stranger.ok && stranger.issues[0]!.message).toBe('“多选题”的答案含有不是本题的选项');
  });
});

describe('replay protection', () => {
  const open: AnswerGateFacts = { mode: 'open', opensOn: '2026-12-01', closesOn: '2026-12-31', today: '2026-12-10', published: true, deviceToken: true, deviceAlreadyAnswered: false, accessCode: null };

  it('open mode: one answer per device', () => {
    expect(answerRefusal(open)).toBeNull();
    expect(answerRefusal({ ...open, deviceAlreadyAnswered: true })).toBe('本设备已提交过这份问卷，每台设备只能作答一次，感谢参与');
    expect(answerRefusal({ ...open, deviceToken: false })).toContain('无法识别本设备');
  });

  it('code mode: each code once, whatever the device', () => {
    const code = { ...open, mode: 'code' as const, deviceAlreadyAnswered: true };
    expect(answerRefusal({ ...code, accessCode: 'unused' })).toBeNull();
    expect(answerRefusal({ ...code, accessCode: 'used' })).toBe('该验证码已经使用过，每个验证码只能作答一次');
    expect(answerRefusal({ ...code, accessCode: 'unknown' })).toBe('验证码不正确，请核对后重新输入');
    expect(answerRefusal({ ...code, accessCode: 'revoked' })).toBe('该验证码已作废');
    expect(answerRefusal({ ...code, accessCode: null })).toBe('请输入纸质问卷上的验证码');
  });

  it('the window and publication come first', () => {
    expect(answerRefusal({ ...open, published: false })).toBe('该问卷尚未发布或已停用');
    expect(answerRefusal({ ...open, today: '2026-11-30' })).toBe('该问卷自 2026-12-01 起开始作答');
    expect(answerRefusal({ ...open, today: '2027-01-01' })).toBe('该问卷已于 2026-12-31 截止，感谢关注');
    expect(answerRefusal({ ...open, today: '2026-12-31' })).toBeNull();
  });

  it('prints access codes that read back and hash per purpose', () => {
    const codes = newCodes('access', 50);
    expect(new Set(codes).size).toBe(50);
    for (const c of codes) {
      const printed = formatCode('access', c);
      expect(parseAccessCode(printed.toLowerCase())).toEqual({ ok: true, value: c });
    }
    const pepper = 'x'.repeat(32);
    expect(hashCode(pepper, 'access', codes[0]!)).not.toBe(hashCode(pepper, 'receipt', codes[0]!));
    const c = codeFromBytes('access', new Uint8Array(32).fill(7))!;
    expect(parseAccessCode(c.slice(0, -1) + (c.endsWith('2') ? '3' : '2')).ok).toBe(false);
  });
});

describe('results', () => {
  const sets: AnswerSet[] = [
    { q1: 'o1', q2: ['o1', 'o2'], q3: 5, q4: '好' },
    { q1: 'o1', q2: ['o2'], q3: 4 },
    { q1: 'o2', q2: ['o2', 'o3'], q3: 2, q4: '路没修好' },
  ];

  it('counts, percentages, means and texts per question', () => {
    const r = aggregateAnswers(def, sets);
    expect(r.respondents).toBe(3);
    const [q1, q2, q3, q4] = r.questions;
    expect(q1).toMatchObject({ type: 'single', responses: 3, skipped: 0, options: [{ id: 'o1', count: 2, percent: 66.7 }, { id: 'o2', count: 1, percent: 33.3 }] });
    // multiple choice: shares of respondents, adding up to more than 100
    expect(q2).toMatchObject({ options: [{ count: 1, percent: 33.3 }, { count: 3, percent: 100 }, { count: 1, percent: 33.3 }] });
    expect(q3).toMatchObject({ type: 'rating', mean: 3.67, scale: 5 });
    expect(q3!.type === 'rating' && q3!.distribution.map((d) => d.count)).toEqual([0, 1, 0, 1, 1]);
    expect(q4).toMatchObject({ type: 'text', responses: 2, skipped: 1, texts: ['好', '路没修好'] });
  });

  it('has no percentages and no mean without answers', () => {
    const r = aggregateAnswers(def, []);
    expect(r.questions[0]).toMatchObject({ responses: 0, options: [{ count: 0, percent: null }, { count: 0, percent: null }] });
    expect(r.questions[2]).toMatchObject({ mean: null });
  });

  it('gives the favourable rate of a 测评 question', () => {
    const d = defaultQuestionnaire('democratic_evaluation');
    const grades = ['good', 'fairly_good', 'average', 'good', 'poor'].map((g) => ({ overall: g }));
    const r = aggregateAnswers(d, grades);
    expect(favourableRate(r.questions[0]!, FAVOURABLE_GRADES)).toBe(60);
    expect(favourableRate(r.questions.find((q) => q.type === 'text')!, FAVOURABLE_GRADES)).toBeNull();
  });
});
