import { describe, expect, it } from 'vitest';
import { immediateNoticeDocx, REVIEW_STEP_LABELS, transferLetterDocx, workingPaperDocx, type WorkingPaperInput } from './index';
import { readDocx } from './test-read';

const paper: WorkingPaperInput = {
  team: '县委第一巡察组',
  round: '2026年第二轮巡察',
  number: '一组底稿〔2026〕第12号',
  title: '村集体资金坐收坐支',
  foundOn: '2026-11-05',
  town: '城关镇',
  village: '东湖村',
  source: '查阅资料',
  category: '全面从严治党不力',
  aspect: '集体“三资”管理',
  checklistItem: '村集体收入是否及时足额入账',
  place: '东湖村村委会',
  description: '2025年3月至2026年6月，该村将鱼塘承包费收入直接用于支付村务开支，未纳入村集体账户。\n涉及收据12张。',
  amount: 86500,
  responsible: [
    { name: '张建国', position: '村党支部书记', responsibility: '主要领导责任' },
    { name: '李秀英', position: '村报账员', responsibility: '直接责任' },
  ],
  immediate: { noticeNumber: '一组立改〔2026〕3号', fix: '已将86500元足额缴入村集体账户', fixedOn: '2026-11-12' },
  materials: [
    { title: '鱼塘承包合同复印件', kind: '复印件', description: '2025年签订', files: 2 },
    { title: '张建国谈话记录', kind: '谈话记录', files: 1 },
  ],
  author: '王晓明',
  reviews: [{ step: REVIEW_STEP_LABELS.deputy, reviewer: '赵副组长', decision: '同意', comment: '事实清楚，证据充分', at: '2026-11-06T09:00:00Z' }],
};

describe('问题底稿', () => {
  it('is a form with the facts, responsible people, materials and the review record', async () => {
    const d = readDocx(await workingPaperDocx(paper));
    expect(d.paragraphs[0]).toBe('巡察问题底稿');
    expect(d.text).toContain('巡察组：县委第一巡察组　　巡察轮次：2026年第二轮巡察');
    const form = d.tables[0]!;
    const row = (label: string) => form.find((r) => r[0] === label);
    expect(row('问题名称')).toEqual(['问题名称', '村集体资金坐收坐支']);
    expect(row('底稿编号')).toEqual(['底稿编号', '一组底稿〔2026〕第12号', '形成日期', '2026年11月5日']);
    expect(row('被巡察单位')).toEqual(['被巡察单位', '城关镇东湖村', '问题来源', '查阅资料']);
    expect(row('问题类别')).toEqual(['问题类别', '全面从严治党不力（集体“三资”管理）', '对应检查事项', '村集体收入是否及时足额入账']);
    expect(row('发现地点')).toEqual(['发现地点', '东湖村村委会', '涉及金额', '86,500.00元']);
    expect(row('问题描述')?.[1]).toBe('2025年3月至2026年6月，该村将鱼塘承包费收入直接用于支付村务开支，未纳入村集体账户。\n涉及收据12张。');
    expect(row('责任人员')?.[1]).toBe('张建国（村党支部书记，主要领导责任）；李秀英（村报账员，直接责任）');
    expect(row('立行立改')?.[1]).toBe('立行立改，通知书编号：一组立改〔2026〕3号\n整改情况：已将86500元足额缴入村集体账户\n整改完成日期：2026年11月12日');
    expect(row('佐证材料')?.[1]).toBe('1. 鱼塘承包合同复印件（复印件）\n2. 张建国谈话记录（谈话记录）');
    expect(row('撰写人（签字）')).toEqual(['撰写人（签字）', '王晓明', '日期', '2026年11月5日']);
    expect(row('副组长审核意见')?.[1]).toBe('同意：事实清楚，证据充分\n签字：赵副组长　　2026年11月6日');
    // the leader has not decided yet: an empty place to sign
    expect(row('组长审定意见')?.[1]).toBe('\n签字：　　　　　　年　　月　　日');
    // the materials list
    expect(d.paragraphs).toContain('佐证材料清单');
    expect(d.tables[1]).toEqual([
      ['序号', '材料名称', '材料类型', '说明', '附件数'],
      ['1', '鱼塘承包合同复印件', '复印件', '2025年签订', '2'],
      ['2', '张建国谈话记录', '谈话记录', '', '1'],
    ]);
    // a form: no 署名 and 成文日期 under it
    expect(d.paragraphs.filter((p) => p === '县委第一巡察组')).toHaveLength(0);
    expect(d.document).toContain('<w:pgSz w:w="11906" w:h="16838"');
  });

  it('shows dashes for absent facts and 无 without materials', async () => {
    const d = readDocx(await workingPaperDocx({ ...paper, village: null, amount: null, checklistItem: null, place: '', immediate: null, materials: [], responsible: [], reviews: [] }));
    const form = d.tables[0]!;
    expect(form.find((r) => r[0] === '被巡察单位')?.[1]).toBe('城关镇');
    expect(form.find((r) => r[0] === '发现地点')).toEqual(['发现地点', '—', '涉及金额', '—']);
    expect(form.find((r) => r[0] === '问题类别')?.[3]).toBe('—');
    expect(form.find((r) => r[0] === '责任人员')?.[1]).toBe('无');
    expect(form.find((r) => r[0] === '佐证材料')?.[1]).toBe('无');
    expect(form.some((r) => r[0] === '立行立改')).toBe(false);
    expect(form.filter((r) => r[0]?.endsWith('意见'))).toHaveLength(2);
    expect(d.tables[1]).toEqual([['序号', '材料名称', '材料类型', '说明', '附件数'], ['（无）']]);
  });
});

describe('立行立改通知书', () => {
  it('names the village, the problems, the deadline, the team and the number, with a receipt', async () => {
    const d = readDocx(
      await immediateNoticeDocx({
        number: '一组立改〔2026〕3号',
        team: '县委第一巡察组',
        to: '中共东湖村支部委员会',
        town: '城关镇',
        village: '东湖村',
        since: '2026-10-20',
        problems: [
          { title: '村集体资金坐收坐支', description: '鱼塘承包费收入未纳入村集体账户。', amount: 86500, responsible: [{ name: '张建国', position: '村党支部书记' }] },
          { title: '村务公开不及时', description: '2026年第二季度财务未公开。', requirement: '立即补充公开并拍照留存。' },
        ],
        deadline: '2026-11-30',
        date: '2026-11-08',
        copyTo: ['中共城关镇委员会'],
        contact: { name: '王晓明', phone: '0510-1234567' },
      }),
    );
    const p = d.paragraphs;
    expect(p[0]).toBe('立行立改通知书');
    expect(p).toContain('一组立改〔2026〕3号');
    expect(p).toContain('中共东湖村支部委员会：');
    expect(d.text).toContain('根据县委巡察工作统一部署，县委第一巡察组于2026年10月20日起对城关镇东湖村党组织开展巡察。');
    expect(p).toContain('一、需立行立改的问题');
    expect(p).toContain('（一）村集体资金坐收坐支');
    expect(p).toContain('涉及金额8.65万元；责任人员：张建国（村党支部书记）。');
    expect(p).toContain('（二）村务公开不及时');
    expect(p).toContain('整改要求：立即补充公开并拍照留存。');
    expect(p).toContain('二、整改要求');
    expect(d.text).toContain('于2026年11月30日前整改到位，并将整改情况及相关佐证材料书面报送县委第一巡察组。');
    expect(p).toContain('联系人：王晓明，联系电话：0510-1234567。');
    const issuer = p.indexOf('县委第一巡察组');
    expect(p[issuer + 1]).toBe('2026年11月8日');
    // the receipt after the signature
    const receipt = d.tables.at(-1)!;
    expect(receipt[0]).toEqual(['送达人（签字）：\n年　　月　　日', '签收人（签字）：\n年　　月　　日']);
    expect(p.indexOf('抄送：中共城关镇委员会。')).toBeGreaterThan(issuer);
  });
});

describe('问题线索移交函', () => {
  it('names the receiving body, the lead, the persons, the summary, the evidence and the hand-over lines', async () => {
    const d = readDocx(
      await transferLetterDocx({
        number: '城巡移〔2026〕5号',
        leadNumber: '2026-02-007',
        to: '县纪委监委',
        issuer: '县委巡察办',
        team: '县委第一巡察组',
        town: '城关镇',
        village: '东湖村',
        round: '2026年第二轮巡察',
        persons: [{ name: '张建国', position: '村党支部书记' }, { name: '刘强', unit: '城关镇农经站', position: '站长' }],
        source: '信访举报',
        summary: '反映张建国在2024年村道硬化工程中指定施工方。\n施工方负责人系其亲属。',
        evidence: [{ title: '信访件复印件', kind: '复印件', count: 3 }, { title: '谈话记录摘录', kind: '谈话记录' }],
        date: '2026-11-20',
        handover: { transferredBy: '王晓明', receivedBy: '陈静', on: '2026-11-21' },
      }),
    );
    const p = d.paragraphs;
    expect(p[0]).toBe('问题线索移交函');
    expect(p).toContain('城巡移〔2026〕5号');
    expect(p).toContain('县纪委监委：');
    expect(d.text).toContain('县委第一巡察组在2026年第二轮巡察中对城关镇东湖村党组织开展巡察，发现涉及村党支部书记张建国、城关镇农经站站长刘强的问题线索。');
    expect(d.tables[0]).toEqual([
      ['线索编号', '2026-02-007'],
      ['涉及单位', '城关镇东湖村'],
      ['涉及人员', '张建国，村党支部书记\n刘强，城关镇农经站，站长'],
      ['线索来源', '信访举报'],
    ]);
    expect(p).toContain('二、主要问题');
    expect(p).toContain('反映张建国在2024年村道硬化工程中指定施工方。');
    expect(p).toContain('施工方负责人系其亲属。');
    expect(d.tables[1]).toEqual([
      ['序号', '材料名称', '材料类型', '数量'],
      ['1', '信访件复印件', '复印件', '3'],
      ['2', '谈话记录摘录', '谈话记录', ''],
    ]);
    expect(d.text).toContain('自收到本函之日起3个月内将办理情况书面反馈县委巡察办。');
    expect(d.tables[2]![0]).toEqual(['移交人（签字）：王晓明\n2026年11月21日', '接收人（签字）：陈静\n2026年11月21日']);
    expect(p).toContain('2026年11月20日');
  });

  it('asks for a reply by a given date and says 无 without evidence', async () => {
    const d = readDocx(
      await transferLetterDocx({ number: 'X', leadNumber: '1', to: '县委组织部', issuer: '县委巡察办', team: '县委第二巡察组', town: '城关镇', persons: [], summary: '某事', evidence: [], replyBy: '2027-02-20', date: '2026-11-20' }),
    );
    expect(d.text).toContain('于2027年2月20日前将办理情况书面反馈县委巡察办。');
    expect(d.text).toContain('涉及（未列明）的问题线索');
    expect(d.paragraphs).toContain('无。');
    expect(d.tables.at(-1)![0]).toEqual(['移交人（签字）：\n年　　月　　日', '接收人（签字）：\n年　　月　　日']);
  });
});
