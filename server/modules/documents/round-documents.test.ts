import { describe, expect, it } from 'vitest';
import { feedbackOpinionDocx, groupFindings, inspectionReportDocx, suggestionLetterDocx, villageProblemListDocx, type ReportFinding } from './index';
import { readDocx } from './test-read';

const findings: ReportFinding[] = [
  { number: '12', town: '城关镇', village: '东湖村', category: '全面从严治党不力', aspect: '集体“三资”管理', title: '村集体资金坐收坐支', description: '鱼塘承包费收入未纳入村集体账户。', amount: 86500, immediate: true, responsible: [{ name: '张建国', position: '村党支部书记' }] },
  { number: '13', town: '城关镇', village: '东湖村', category: '党的建设缺失', title: '“三会一课”落实不到位', description: '2026年上半年仅召开支部党员大会1次' },
  { number: '14', town: '城关镇', village: '西山村', category: '党的领导弱化', title: '重大事项未经“四议两公开”', description: '村道硬化工程未经村民代表会议决定。', amount: 420000 },
  { number: '15', town: '城关镇', village: '西山村', category: '其他', title: '档案管理混乱', description: '会议记录缺失。' },
];

describe('grouping', () => {
  it('orders the 三大问题 first and sums money and 立行立改 per category', () => {
    const g = groupFindings(findings);
    expect(g.map((x) => x.category)).toEqual(['党的领导弱化', '党的建设缺失', '全面从严治党不力', '其他']);
    expect(g.map((x) => [x.findings.length, x.amount, x.immediate])).toEqual([[1, 420000, 0], [1, 0, 0], [1, 86500, 1], [1, 0, 0]]);
  });
});

describe('巡察报告', () => {
  it('reports the work, the problems by category with counts and money, leads and suggestions', async () => {
    const d = readDocx(
      await inspectionReportDocx({
        team: '县委第一巡察组',
        round: '2026年第二轮巡察',
        to: '县委巡察工作领导小组',
        from: '2026-10-20',
        until: '2026-11-20',
        targets: [{ town: '城关镇', villages: ['东湖村', '西山村'] }],
        work: { talks: 86, households: 120, records: 340, petitions: 9, workingPapers: 4 },
        findings,
        leads: { count: 2, transferredToDiscipline: 1, transferredToOrganisation: 1 },
        date: '2026-11-28',
      }),
    );
    const p = d.paragraphs;
    expect(p[0]).toBe('关于2026年第二轮巡察县委第一巡察组巡察情况的报告');
    expect(p).toContain('县委巡察工作领导小组：');
    expect(d.text).toContain('县委第一巡察组于2026年10月20日至2026年11月20日对城关镇2个村（社区）党组织开展了2026年第二轮巡察。');
    expect(d.text).toContain('共个别谈话86人次，走访群众120户，查阅资料340份（册），受理信访举报9件，形成问题底稿4份。');
    expect(d.tables[0]).toEqual([['乡镇', '被巡察村（社区）', '个数'], ['城关镇', '东湖村、西山村', '2']]);
    expect(d.text).toContain('本轮巡察共发现问题4个，涉及金额50.65万元，其中立行立改问题1个。');
    expect(d.tables[1]).toEqual([
      ['问题类别', '问题数（个）', '涉及金额（元）', '立行立改（个）'],
      ['党的领导弱化', '1', '420,000.00', '0'],
      ['党的建设缺失', '1', '0.00', '0'],
      ['全面从严治党不力', '1', '86,500.00', '1'],
      ['其他', '1', '0.00', '0'],
      ['合计', '4', '506,500.00', '1'],
    ]);
    const at = (s: string) => p.indexOf(s);
    expect(at('二、发现的主要问题')).toBeGreaterThan(0);
    expect(at('（一）党的领导弱化方面（1个）')).toBeGreaterThan(at('二、发现的主要问题'));
    expect(at('1.重大事项未经“四议两公开”')).toBeGreaterThan(at('（一）党的领导弱化方面（1个）'));
    expect(p).toContain('城关镇西山村：村道硬化工程未经村民代表会议决定（涉及金额42.00万元）。');
    expect(p).toContain('城关镇东湖村：鱼塘承包费收入未纳入村集体账户（涉及金额8.65万元，已列入立行立改）。');
    expect(p).toContain('城关镇东湖村：2026年上半年仅召开支部党员大会1次。');
    expect(at('（三）全面从严治党不力方面（1个）')).toBeGreaterThan(at('（二）党的建设缺失方面（1个）'));
    expect(p).toContain('三、问题线索情况');
    expect(p).toContain('巡察发现问题线索2件，拟移交县纪委监委1件，拟移交县委组织部1件。具体情况另行专题报告。');
    expect(at('四、意见建议')).toBeGreaterThan(at('三、问题线索情况'));
    expect(p.slice(-2)).toEqual(['县委第一巡察组', '2026年11月28日']);
  });
});

describe('反馈意见', () => {
  it('feeds back to the town with the problems, requirements, the two-month deadline and a problem list per village', async () => {
    const d = readDocx(
      await feedbackOpinionDocx({
        team: '县委第一巡察组',
        round: '2026年第二轮巡察',
        to: '中共城关镇委员会',
        unit: '城关镇',
        from: '2026-10-20',
        until: '2026-11-20',
        findings,
        problemLists: [
          { village: '东湖村', findings: findings.slice(0, 2) },
          { village: '西山村', findings: findings.slice(2) },
        ],
        date: '2026-12-05',
        copyTo: ['县纪委监委', '县委组织部'],
      }),
    );
    const p = d.paragraphs;
    expect(p.slice(0, 2)).toEqual(['县委第一巡察组关于巡察城关镇党组织的', '反馈意见']);
    expect(p).toContain('中共城关镇委员会：');
    expect(p).toContain('一、总体评价');
    expect(d.text).toContain('巡察共发现问题4个，涉及金额50.65万元，其中立行立改问题1个，主要是：');
    expect(p).toContain('三、整改意见和要求');
    expect(d.text).toContain('请于收到本反馈意见之日起2个月内，将整改情况报告报送县委巡察办，各村（社区）问题清单的整改情况一并报送。');
    expect(p).toContain('附件：1. 东湖村问题清单');
    expect(p).toContain('2. 西山村问题清单');
    expect(p).toContain('附件1');
    expect(p).toContain('附件2');
    const lists = d.tables.slice(-2);
    expect(lists[0]![0]).toEqual(['序号', '问题类别', '问题名称', '具体表现', '涉及金额（元）', '责任人员', '整改要求']);
    expect(lists[0]![1]).toEqual(['1', '全面从严治党不力（集体“三资”管理）', '村集体资金坐收坐支（立行立改）', '鱼塘承包费收入未纳入村集体账户。', '86,500.00', '张建国（村党支部书记）', '限期整改到位']);
    expect(lists[1]!.map((r) => r[2])).toEqual(['问题名称', '重大事项未经“四议两公开”', '档案管理混乱']);
    expect(p).toContain('抄送：县纪委监委，县委组织部。');
  });
});

describe('村问题清单', () => {
  it('is a table of one village’s problems with its count, money and deadline', async () => {
    const d = readDocx(await villageProblemListDocx({ team: '县委第一巡察组', round: '2026年第二轮巡察', town: '城关镇', village: '东湖村', findings: findings.slice(0, 2), deadline: '2027-02-05', date: '2026-12-05' }));
    expect(d.paragraphs[0]).toBe('城关镇东湖村巡察反馈问题清单');
    expect(d.text).toContain('发现问题如下（共2个问题，涉及金额8.65万元，其中立行立改1个）。请于2027年2月5日前整改到位。');
    expect(d.tables[0]).toHaveLength(3);
    expect(d.tables[0]![2]).toEqual(['2', '党的建设缺失', '“三会一课”落实不到位', '2026年上半年仅召开支部党员大会1次', '—', '—', '限期整改到位']);
    // small type in the table: 小四
    expect(d.document).toMatch(/<w:sz w:val="24"\/>[\s\S]{0,200}序号/);
    // unsealed: the issuer 右空二字, the date (6.5 characters wide) starting two characters to the right of the issuer's first
    expect(d.document).toMatch(/<w:ind w:right="640"\/><w:jc w:val="right"\/><\/w:pPr><w:r>(?:(?!<\/w:p>)[^])*?>县委第一巡察组</);
    expect(d.document).toMatch(/<w:ind w:right="160"\/><w:jc w:val="right"\/><\/w:pPr><w:r>(?:(?!<\/w:p>)[^])*?>2026年12月5日</);
  });

  it('an empty list says so', async () => {
    const d = readDocx(await villageProblemListDocx({ team: '县委第一巡察组', round: '2026年第二轮巡察', town: '城关镇', village: '南岭村', findings: [], date: '2026-12-05' }));
    expect(d.text).toContain('（共0个问题）');
    expect(d.tables[0]![1]).toEqual(['（无）']);
  });
});

describe('巡察建议书', () => {
  it('hands a systemic problem to a department with suggestions and a reply deadline', async () => {
    const d = readDocx(
      await suggestionLetterDocx({
        number: '城巡建〔2026〕2号',
        to: '县民政局',
        team: '县委第一巡察组',
        issuer: '县委巡察办',
        round: '2026年第二轮巡察',
        subject: '农村低保动态管理',
        situation: '部分村低保对象未按规定开展动态复核。\n个别已死亡人员仍在领取低保金。',
        examples: [findings[0]!],
        suggestions: ['开展低保对象专项清理', '建立与公安、卫健部门的数据比对机制'],
        replyBy: '2027-01-31',
        date: '2026-12-05',
      }),
    );
    const p = d.paragraphs;
    expect(p[0]).toBe('巡察建议书');
    expect(p).toContain('城巡建〔2026〕2号');
    expect(p).toContain('县民政局：');
    expect(d.text).toContain('农村低保动态管理方面存在一些共性问题');
    expect(p).toContain('个别已死亡人员仍在领取低保金。');
    expect(p).toContain('（1）城关镇东湖村村集体资金坐收坐支：鱼塘承包费收入未纳入村集体账户（涉及金额8.65万元，已列入立行立改）。');
    expect(p).toContain('二、具体建议');
    expect(p).toContain('1.开展低保对象专项清理');
    expect(p).toContain('2.建立与公安、卫健部门的数据比对机制');
    expect(d.text).toContain('请你单位认真研究，于2027年1月31日前将采纳和办理情况书面反馈县委巡察办。');
    expect(p.slice(-2)).toEqual(['县委巡察办', '2026年12月5日']);
  });
});
