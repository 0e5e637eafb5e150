/**
 * Built-in questionnaires, one per kind, as editable starting points (numbers and wording are data).
 * Drawn from DOMAIN.md (民主测评 at entry; 群众满意率 as a measure of rectification; the public rates
 * rectification results) and the research notes (文安县 "双码运行、反向测评": the inspected side
 * evaluates the team; 隆德县: a questionnaire per inspected object; 八项规定 discipline of teams).
 */
import { questionnaireDefinition, type QuestionnaireDefinition, type QuestionnaireDefinitionInput, type QuestionnaireKind } from './questionnaires';

/** The four grades of a 测评 (好/较好/一般/差) — 好 and 较好 count as favourable. */
const GRADES = [
  { id: 'good', label: '好' },
  { id: 'fairly_good', label: '较好' },
  { id: 'average', label: '一般' },
  { id: 'poor', label: '差' },
];
export const FAVOURABLE_GRADES = ['good', 'fairly_good'] as const;

const grade = (id: string, text: string) => ({ id, text, type: 'single' as const, options: GRADES });

const DEFAULTS: Record<QuestionnaireKind, QuestionnaireDefinitionInput> = {
  democratic_evaluation: {
    kind: 'democratic_evaluation',
    title: '村（社区）党组织领导班子民主测评表',
    intro: '本测评不记名，请根据您的了解如实填写。测评结果仅供巡察组了解情况使用。',
    sections: [
      {
        id: 'team',
        title: '对村（社区）“两委”班子的总体评价',
        questions: [
          grade('overall', '班子整体表现'),
          grade('policy', '贯彻落实党的路线方针政策和上级决策部署'),
          grade('party_building', '党组织战斗堡垒作用发挥'),
          grade('decisions', '重大事项民主决策（“四议两公开”）'),
          grade('openness', '党务、村务、财务公开'),
          grade('service', '联系服务群众'),
          grade('integrity', '廉洁自律'),
        ],
      },
      {
        id: 'secretary',
        title: '对村（社区）党组织书记的评价',
        questions: [grade('secretary', '党组织书记履职表现')],
      },
      {
        id: 'problems',
        title: '问题与建议',
        questions: [
          {
            id: 'issues',
            text: '您认为本村（社区）比较突出的问题有哪些？（最多选 3 项）',
            type: 'multiple',
            required: false,
            max: 3,
            options: [
              { id: 'assets', label: '集体“三资”管理不规范' },
              { id: 'subsidies', label: '惠农补贴发放不公平' },
              { id: 'projects', label: '工程项目不透明' },
              { id: 'favouritism', label: '优亲厚友' },
              { id: 'style', label: '工作作风不实、办事难' },
              { id: 'disclosure', label: '村务财务公开不及时' },
              { id: 'none', label: '没有明显问题' },
            ],
          },
          { id: 'advice', text: '您对村（社区）班子有什么意见和建议？', type: 'text', required: false, maxLength: 1000 },
        ],
      },
    ],
  },
  satisfaction: {
    kind: 'satisfaction',
    title: '巡察整改群众满意度调查',
    intro: '本调查不记名。请对巡察反馈问题的整改情况作出评价。',
    sections: [
      {
        id: 'rectification',
        title: '整改情况',
        questions: [
          {
            id: 'solved',
            text: '您反映或了解的问题解决了吗？',
            type: 'single',
            options: [
              { id: 'solved', label: '已解决' },
              { id: 'partly', label: '部分解决' },
              { id: 'unsolved', label: '没有解决' },
              { id: 'unknown', label: '不了解' },
            ],
          },
          { id: 'overall', text: '您对本村（社区）巡察整改工作的总体满意程度', type: 'rating', scale: 5, lowLabel: '很不满意', highLabel: '很满意' },
          { id: 'disclosure', text: '您对整改情况公开的满意程度', type: 'rating', scale: 5, lowLabel: '很不满意', highLabel: '很满意' },
          {
            id: 'change',
            text: '整改以来村里的变化',
            type: 'single',
            options: [
              { id: 'better', label: '明显好转' },
              { id: 'some', label: '有所好转' },
              { id: 'same', label: '没有变化' },
              { id: 'worse', label: '变差了' },
            ],
          },
          { id: 'advice', text: '还有哪些问题没有整改到位？', type: 'text', required: false, maxLength: 1000 },
        ],
      },
    ],
  },
  team_evaluation: {
    kind: 'team_evaluation',
    title: '被巡察单位对巡察组工作评价表',
    intro: '本评价不记名，由被巡察村（社区）和镇（街道）有关人员填写，结果报巡察办，用于巡察组工作质量评估。',
    sections: [
      {
        id: 'conduct',
        title: '纪律作风',
        questions: [
          grade('discipline', '遵守中央八项规定精神和巡察工作纪律'),
          {
            id: 'improper',
            text: '巡察组成员是否有接受宴请、收受礼品或“吃拿卡要”的情况？',
            type: 'single',
            options: [
              { id: 'no', label: '没有' },
              { id: 'yes', label: '有' },
              { id: 'unknown', label: '不清楚' },
            ],
          },
          grade('burden', '工作方式（不干扰正常工作、不增加基层负担）'),
        ],
      },
      {
        id: 'work',
        title: '工作质量',
        questions: [
          grade('accuracy', '发现问题精准、反馈意见实事求是'),
          grade('guidance', '对整改工作的指导帮助'),
          { id: 'overall', text: '对巡察组工作的总体评分', type: 'rating', scale: 10, lowLabel: '很差', highLabel: '很好' },
          { id: 'advice', text: '对巡察组的意见和建议', type: 'text', required: false, maxLength: 1000 },
        ],
      },
    ],
  },
};

/** The built-in questionnaire of `kind`, validated (a fresh copy each call, safe to edit). */
export const defaultQuestionnaire = (kind: QuestionnaireKind): QuestionnaireDefinition => questionnaireDefinition.parse(structuredClone(DEFAULTS[kind]));
