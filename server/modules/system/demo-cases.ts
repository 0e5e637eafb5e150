/**
 * The demo's casework, built through the findings, leads and reports services (so numbering, review
 * history, audit rows and every rule are real): working papers reviewed author → 副组长 → 组长, leads
 * at every stage of their disposal, 巡察报告 heard and approved, feedback in order, a 专题报告,
 * 巡察建议书 and 移交事项. demo-work.ts calls these at the right phase of each round, on the clock of
 * the day the work is dated.
 */
import { findingCreateInput, findingUpdateInput, materialInput, type FindingCategory, type FindingSource, type MaterialKind } from '../../../domain/findings/finding';
import type { LeadDisposition, OutcomeKind } from '../../../domain/leads/lead';
import { feedbackInput, suggestionInput, transferItemInput } from '../../../domain/reports/inputs';
import { addDays, addWorkingDays, isWorkingDay, type Overrides } from '../../../domain/shared/calendar';
import type { Actor, AppContext } from '../../http/context';
import { addMaterial, createFinding, reviewFinding, submitFinding, updateFinding, type FindingDetail } from '../findings';
import { addOutcome, createLead, disposeLead, receiveLead, reportLead, returnLead, transferLead } from '../leads';
import {
  approveReport,
  assembleReport,
  completeTransferItem,
  createSpecialReport,
  createSuggestion,
  createTransferItem,
  hearReport,
  recordFeedback,
  replySuggestion,
  sendSuggestion,
} from '../reports';

/** A clock set to a day (17:00 in China). */
export type At = (date: string) => AppContext;

export interface TeamCast {
  author: Actor;
  deputy: Actor;
  leader: Actor;
}

/** A village worked in a round, with the days it was worked and its checklist items marked 发现问题. */
export interface WorkedVillage {
  inspectionId: string;
  villageCode: string;
  name: string;
  team: number;
  dates: string[];
  problems: { id: string; aspect: string }[];
}

interface Template {
  key: string;
  category: FindingCategory;
  aspect: string;
  title: string;
  description: (village: string) => string;
  amount: string | null;
  source: FindingSource;
  /** positions of the village's cadres held responsible, looked up in the registry */
  positions: string[];
  materials: { title: string; kind: MaterialKind; description: string }[];
  /** 立行立改: what was done on the spot */
  immediateFix?: string;
}

/** Working papers as a team writes them: the 三大问题, money, sources, responsible cadres, materials. */
const TEMPLATES: Template[] = [
  {
    key: 'decision',
    category: 'leadership',
    aspect: '“三重一大”事项决策',
    title: '村级重大事项未履行“四议两公开”程序',
    description: (v) =>
      `${v}上一年度村集体厂房出租、村道修缮、光伏项目合作等 3 项重大事项，未经村党组织提议、“两委”商议和村民代表会议决议，由村党组织书记个人决定后实施，涉及金额 18.6 万元。`,
    amount: '186000',
    source: 'record_review',
    positions: ['书记'],
    materials: [
      { title: '村“两委”会议记录（复印件）', kind: 'document', description: '上一年度会议记录共 12 次，未见上述事项的讨论记录。' },
      { title: '厂房租赁合同', kind: 'document', description: '合同由村党组织书记签字，无村民代表会议决议附件。' },
      { title: '对村会计的谈话笔录', kind: 'talk_record', description: '证实上述事项未提交村民代表会议。' },
    ],
  },
  {
    key: 'fishpond',
    category: 'strict_governance',
    aspect: '集体“三资”管理',
    title: '集体鱼塘未经公开招标低价续包',
    description: (v) =>
      `${v}集体鱼塘 56 亩到期续包时未进入农村产权交易平台公开招标，由原承包人按每亩 300 元续包 5 年，低于周边同类鱼塘平均价格 45%，村集体少收入约 4.2 万元。群众对此反映强烈。`,
    amount: '42000',
    source: 'petition',
    positions: ['书记', '主任'],
    materials: [
      { title: '鱼塘承包合同', kind: 'document', description: '续包合同 1 份，未见招投标或公示材料。' },
      { title: '周边鱼塘承包价格情况说明', kind: 'statement', description: '镇农经站出具的周边 6 个村鱼塘承包价格。' },
    ],
  },
  {
    key: 'subsistence',
    category: 'strict_governance',
    aspect: '惠民富民政策落实',
    title: '不符合条件人员违规享受低保',
    description: (v) => `${v}有 2 户家庭因子女购置商品房和小汽车已不符合低保条件，村里未及时上报调整，仍继续享受低保，累计多领低保金 15840 元。`,
    amount: '15840',
    source: 'household_visit',
    positions: ['委员'],
    materials: [
      { title: '低保对象入户走访记录', kind: 'document', description: '走访 2 户，核实家庭财产情况。' },
      { title: '不动产和车辆信息比对结果', kind: 'statement', description: '数据比对发现的房产和车辆登记信息。' },
    ],
    immediateFix: '村委会已向镇民政办提出停发申请，2 户家庭自下月起停发低保，多领的 15840 元已全部退回。',
  },
  {
    key: 'three_meetings',
    category: 'party_building',
    aspect: '党内组织生活',
    title: '“三会一课”制度落实不到位',
    description: (v) => `${v}党组织上一年度仅召开党员大会 2 次，党小组会记录缺失，党课未按规定由书记讲授，部分会议记录系事后补记。`,
    amount: null,
    source: 'record_review',
    positions: ['书记'],
    materials: [{ title: '党员大会和支委会会议记录本', kind: 'document', description: '记录本 1 册，部分记录笔迹、墨迹一致，系集中补记。' }],
  },
  {
    key: 'hospitality',
    category: 'strict_governance',
    aspect: '财务管理',
    title: '公务接待费用报销不规范',
    description: (v) => `${v}上一年度报销招待费 31 笔，合计 23650 元，均无公务接待清单和审批手续，其中 8 笔在村干部亲属开办的饭店消费。`,
    amount: '23650',
    source: 'record_review',
    positions: ['报账员', '书记'],
    materials: [
      { title: '招待费报销凭证（复印件）', kind: 'account', description: '31 笔凭证，均无接待清单。' },
      { title: '饭店工商登记信息', kind: 'statement', description: '经营者为村干部亲属。' },
    ],
  },
  {
    key: 'membership',
    category: 'party_building',
    aspect: '发展党员',
    title: '发展党员程序不规范',
    description: (v) => `${v}党组织 2 名发展对象培养考察期不满一年即被确定为预备党员，政治审查材料不全，支部大会表决时到会有表决权的党员不足半数。`,
    amount: null,
    source: 'record_review',
    positions: ['书记', '副书记'],
    materials: [{ title: '发展党员档案', kind: 'document', description: '2 名预备党员的入党材料。' }],
  },
  {
    key: 'project',
    category: 'strict_governance',
    aspect: '工程项目管理',
    title: '村道硬化工程未按规定招投标，工程量虚报',
    description: (v) => `${v}村道硬化工程合同价 38.6 万元，未按规定公开招投标，直接指定施工方；实地丈量发现路面长度比结算少 86 米，多结算工程款 2.1 万元。`,
    amount: '386000',
    source: 'site_survey',
    positions: ['主任'],
    materials: [
      { title: '工程结算书', kind: 'account', description: '结算长度 1260 米。' },
      { title: '现场丈量照片', kind: 'photo', description: '实测长度 1174 米。' },
    ],
  },
  {
    key: 'publicity',
    category: 'strict_governance',
    aspect: '村务公开',
    title: '村务、财务公开不及时不完整',
    description: (v) => `${v}村务公开栏财务公开停留在半年前，集体资产资源发包、惠农补贴发放等事项未按季度公开。`,
    amount: null,
    source: 'household_visit',
    positions: ['主任'],
    materials: [{ title: '村务公开栏照片', kind: 'photo', description: '公开内容截至半年前。' }],
    immediateFix: '村委会已补充公开近两个季度的财务收支和惠农补贴发放情况，并建立按月更新台账。',
  },
  {
    key: 'ideology',
    category: 'leadership',
    aspect: '意识形态工作',
    title: '落实意识形态工作责任制不到位',
    description: (v) => `${v}党组织未专题研究意识形态工作，对村内宗教场所和网络舆情掌握不清，村级微信群无专人管理。`,
    amount: null,
    source: 'talk',
    positions: ['书记'],
    materials: [{ title: '个别谈话记录', kind: 'talk_record', description: '与 6 名党员、群众的谈话记录。' }],
  },
  {
    key: 'duty',
    category: 'party_building',
    aspect: '村干部队伍建设',
    title: '村干部坐班值班制度落实不到位',
    description: (v) => `${v}便民服务中心工作日多次无人值守，群众办事“找不到人”；个别村干部长期在外经营，兼职不兼薪规定执行不严。`,
    amount: null,
    source: 'talk',
    positions: ['副书记'],
    materials: [{ title: '值班记录和考勤表', kind: 'document', description: '近三个月考勤记录。' }],
  },
];

const TOWN_TEMPLATE = {
  category: 'leadership' as const,
  aspect: '镇党委主体责任',
  title: '镇党委对村级“三资”监管不到位',
  description: (town: string) =>
    `${town}党委对村级集体资产资源发包、村级工程项目监管流于形式，镇农经站对村集体资金支出审核“只签字不把关”，巡察发现的村级“三资”问题在多个村普遍存在。`,
  responsible: [{ name: '钱立新', position: '镇党委委员、副镇长（分管农经）' }],
};

async function cadresOf(ctx: AppContext, village: string) {
  const rows = await ctx.db.selectFrom('cadres').select(['id', 'name', 'positions']).where('village_code', '=', village).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, positions: (Array.isArray(r.positions) ? r.positions : JSON.parse(String(r.positions))) as string[] }));
}

/** The cadres holding these positions (a 一肩挑 secretary-director counts once). */
async function responsibleFor(ctx: AppContext, village: string, positions: string[]) {
  const cadres = await cadresOf(ctx, village);
  const out: { cadreId: string; name: string; position: string }[] = [];
  for (const p of positions) {
    const c = cadres.find((x) => x.positions.includes(p));
    if (c && !out.some((o) => o.cadreId === c.id)) out.push({ cadreId: c.id, name: c.name, position: c.positions.join('、') });
  }
  return out;
}

export type FindingPlan = 'draft' | 'submitted' | 'deputy_approved' | 'approved' | 'returned_once' | 'returned';

export interface WrittenFinding {
  id: string;
  key: string;
  villageCode: string | null;
  team: number;
  status: string;
  persons: string[];
}

/**
 * One working paper taken as far as `plan` says: written and its materials listed by the author on
 * `on`, submitted, reviewed by the 副组长 the next working day and by the 组长 the day after.
 * 'returned_once': the 副组长 returns it, the author revises and resubmits, then it is approved.
 */
async function writeFinding(
  at: At,
  cast: TeamCast,
  place: { inspectionId: string | null; targetId: string | null; villageCode: string | null; villageName: string },
  t: Template | null,
  opts: { on: string; plan: FindingPlan; overrides: Overrides; checklistItemId: string | null; noticeNo: string | null; place: string; immediate: boolean },
): Promise<FindingDetail> {
  const { on, overrides } = opts;
  const ctx = at(on);
  const responsible = t && place.villageCode ? await responsibleFor(ctx, place.villageCode, t.positions) : TOWN_TEMPLATE.responsible;
  const immediate = Boolean(t?.immediateFix) && opts.immediate;
  // the n-th working day after `on` (addWorkingDays counts `on` itself as the first)
  const after = (n: number) => addWorkingDays(on, n + 1, overrides);
  const fixedOn = after(1);
  const fields = {
    inspectionId: place.inspectionId,
    targetId: place.targetId,
    checklistItemId: opts.checklistItemId,
    category: t?.category ?? TOWN_TEMPLATE.category,
    aspect: t?.aspect ?? TOWN_TEMPLATE.aspect,
    title: t?.title ?? TOWN_TEMPLATE.title,
    description: t ? t.description(place.villageName) : TOWN_TEMPLATE.description(place.villageName),
    amount: t?.amount ?? null,
    responsible,
    source: t?.source ?? 'record_review',
    foundOn: on,
    place: opts.place,
    immediate,
    immediateNoticeNo: immediate ? opts.noticeNo : null,
    // the fix is recorded the next working day: written first without it, then completed on revision
    immediateFix: '',
    immediateFixedOn: null,
  };
  let f = await createFinding(ctx, cast.author, findingCreateInput.parse(fields));
  for (const m of t?.materials ?? [{ title: '镇农经站审核台账', kind: 'document' as const, description: '近两年村级支出审核记录。' }]) f = await addMaterial(ctx, cast.author, f.id, materialInput.parse(m));
  const day1 = after(1);
  const day2 = after(2);
  const day3 = after(3);
  if (immediate) {
    f = await updateFinding(at(fixedOn), cast.author, f.id, findingUpdateInput.parse({ ...fields, immediateFix: t!.immediateFix, immediateFixedOn: fixedOn, version: f.version }));
  }
  if (opts.plan === 'draft') return f;
  const submitOn = immediate ? fixedOn : on;
  f = await submitFinding(at(submitOn), cast.author, f.id);
  if (opts.plan === 'submitted') return f;
  if (opts.plan === 'returned' || opts.plan === 'returned_once') {
    f = await reviewFinding(at(day1), cast.deputy, f.id, { decision: 'return', comment: '问题定性依据不足，请补充相关会议记录和当事人谈话笔录，并核实涉及金额。' });
    if (opts.plan === 'returned') return f;
    f = await addMaterial(at(day2), cast.author, f.id, materialInput.parse({ title: '补充谈话笔录', kind: 'talk_record', description: '按审核意见补充的当事人谈话笔录。' }));
    f = await updateFinding(at(day2), cast.author, f.id, findingUpdateInput.parse({ ...fields, immediateFix: immediate ? t!.immediateFix : '', immediateFixedOn: immediate ? fixedOn : null, description: `${fields.description}经补充核实，当事人对上述事实无异议。`, version: f.version }));
    f = await submitFinding(at(day2), cast.author, f.id, '已按审核意见补充材料');
  }
  const deputyOn = opts.plan === 'returned_once' ? day3 : day1;
  f = await reviewFinding(at(deputyOn), cast.deputy, f.id, { decision: 'approve', comment: '事实清楚，证据充分，同意。' });
  if (opts.plan === 'deputy_approved') return f;
  f = await reviewFinding(at(addWorkingDays(deputyOn, 2, overrides)), cast.leader, f.id, { decision: 'approve', comment: '同意，列入巡察报告。' });
  return f;
}

const written = (f: FindingDetail, key: string, team: number): WrittenFinding => ({
  id: f.id,
  key,
  villageCode: f.villageCode,
  team,
  status: f.status,
  persons: f.responsible.map((r) => r.name),
});

/**
 * Last year's working papers: two per village (templates in turn), the first linked to a checklist
 * item marked 发现问题, one returned once and resubmitted, 立行立改 items with their fix; and one
 * town-level paper on each town target. All approved by the end of fieldwork.
 */
export async function writeFinishedRoundFindings(
  at: At,
  cast: TeamCast[],
  villages: WorkedVillage[],
  townTargets: { targetId: string; name: string; team: number; on: string }[],
  opts: { year: number; overrides: Overrides },
): Promise<WrittenFinding[]> {
  const out: WrittenFinding[] = [];
  let notice = 0;
  for (const [i, v] of villages.entries()) {
    for (const k of [0, 1]) {
      const t = TEMPLATES[(2 * i + k) % TEMPLATES.length]!;
      const on = v.dates[Math.min(v.dates.length - 1, 1 + k)]!;
      const immediate = Boolean(t.immediateFix);
      const f = await writeFinding(at, cast[v.team]!, { inspectionId: v.inspectionId, targetId: null, villageCode: v.villageCode, villageName: v.name }, t, {
        on,
        plan: i === 0 && k === 0 ? 'returned_once' : 'approved',
        overrides: opts.overrides,
        checklistItemId: k === 0 ? (v.problems[0]?.id ?? null) : null,
        noticeNo: immediate ? `溧巡立改〔${opts.year}〕${++notice}号` : null,
        place: `${v.name}`,
        immediate,
      });
      out.push(written(f, t.key, v.team));
    }
  }
  for (const t of townTargets) {
    const f = await writeFinding(at, cast[t.team]!, { inspectionId: null, targetId: t.targetId, villageCode: null, villageName: t.name }, null, {
      on: t.on,
      plan: 'approved',
      overrides: opts.overrides,
      checklistItemId: null,
      noticeNo: null,
      place: `${t.name}党委`,
      immediate: false,
    });
    out.push(written(f, 'town', t.team));
  }
  return out;
}

/** This year's papers in the middle of review: a draft, submitted, passed by the 副组长, returned, approved. */
export async function writeRoundInProgressFindings(
  at: At,
  cast: TeamCast[],
  villages: { village: WorkedVillage; plans: { key: string; plan: FindingPlan }[] }[],
  opts: { year: number; overrides: Overrides; today: string },
): Promise<WrittenFinding[]> {
  const out: WrittenFinding[] = [];
  let notice = 0;
  for (const { village: v, plans } of villages) {
    for (const [k, p] of plans.entries()) {
      const t = TEMPLATES.find((x) => x.key === p.key)!;
      // the papers of the last days, moved back so that their review steps (up to four working days later) lie in the past
      const on = v.dates[Math.max(0, v.dates.length - 1 - k)]!;
      let start = on;
      while (addWorkingDays(start, 5, opts.overrides) > opts.today) start = addDays(start, -1);
      const immediate = Boolean(t.immediateFix);
      const f = await writeFinding(at, cast[v.team]!, { inspectionId: v.inspectionId, targetId: null, villageCode: v.villageCode, villageName: v.name }, t, {
        on: start,
        plan: p.plan,
        overrides: opts.overrides,
        checklistItemId: v.problems[k]?.id ?? null,
        noticeNo: immediate ? `溧巡立改〔${opts.year}〕${++notice}号` : null,
        place: v.name,
        immediate,
      });
      out.push(written(f, t.key, v.team));
    }
  }
  return out;
}

// — reports, feedback, 专题报告, 建议书, 移交事项 —

export interface RoundTarget {
  id: string;
  kind: string;
  name: string;
  team: number;
  villages: { code: string; name: string }[];
}

/** 巡察报告 for each target, assembled by its 组长 from the approved papers, heard and approved (报告 phase). */
export async function reportOnTargets(at: At, office: Actor, cast: TeamCast[], roundId: string, targets: RoundTarget[], dates: { assembled: string; heard: string; approved: string }) {
  for (const t of targets) await assembleReport(at(dates.assembled), cast[t.team]!.leader, roundId, t.id);
  for (const t of targets)
    await hearReport(at(dates.heard), office, roundId, t.id, { heardOn: dates.heard, note: '市委巡察工作领导小组听取巡察组汇报，同意巡察报告反映的问题，要求按规定反馈、移交。' });
  for (const t of targets) await approveReport(at(dates.approved), office, roundId, t.id, dates.approved);
  await createSpecialReport(at(dates.approved), office, roundId, {
    title: '关于村级集体“三资”管理共性问题的专题报告',
    body: [
      { heading: '一、基本情况', paragraphs: ['本轮巡察发现，被巡察村普遍存在集体资产资源发包不规范、工程项目未按规定招投标、财务报销审核不严等问题。'] },
      { heading: '二、主要问题', paragraphs: ['集体资源发包未进入产权交易平台，价格明显偏低；村级工程直接指定施工方，工程量核减不到位；招待费报销无清单、无审批。'] },
      { heading: '三、原因分析', paragraphs: ['镇级监管流于形式，“村账镇代管”审核只签字不把关；村干部规矩意识淡薄，民主决策程序走过场。'] },
      { heading: '四、意见建议', paragraphs: ['建议市农业农村局牵头开展村级“三资”专项整治，完善农村产权交易平台进场交易目录；市财政局、审计局加强村级工程项目结算审计。'] },
    ],
  });
}

/** Feedback in order: each target first, then the villages of a town target, a day later each pair. */
export async function feedBack(at: At, cast: TeamCast[], roundId: string, targets: RoundTarget[], on: string, overrides: Overrides): Promise<number> {
  let n = 0;
  const opinion = (unit: string) =>
    `巡察组向${unit}反馈了巡察发现的问题，指出在落实党的领导、党的建设和全面从严治党方面存在的不足，提出整改意见：压实整改主体责任，建立问题、任务、责任清单，整改情况于两个月内书面报告。`;
  for (const t of targets) {
    await recordFeedback(at(on), cast[t.team]!.leader, roundId, t.id, feedbackInput.parse({ fedBackOn: on, opinion: opinion(t.kind === 'town' ? `${t.name}党委` : t.name), attendees: '巡察组全体成员、镇党委书记、镇纪委书记、村“两委”班子成员' }));
    n++;
    for (const [i, v] of t.villages.entries()) {
      const day = addWorkingDays(on, 2 + Math.floor(i / 2), overrides);
      await recordFeedback(at(day), cast[t.team]!.leader, roundId, t.id, feedbackInput.parse({ villageCode: v.code, fedBackOn: day, opinion: opinion(v.name), attendees: '巡察组组长、镇党委副书记、村“两委”班子成员、村务监督委员会成员' }));
      n++;
    }
  }
  return n;
}

/** 巡察建议书 (one replied, one past its reply date) and 移交事项 (one done, one open) after feedback; returns the later replies. */
export async function trackRound(
  at: At,
  office: Actor,
  roundId: string,
  departments: string[],
  findings: WrittenFinding[],
  dates: { sent: string; replied: string; completed: string },
  year: number,
): Promise<Later> {
  const later: Later = [];
  const [agri, civil] = departments;
  const s1 = await createSuggestion(at(dates.sent), office, roundId, suggestionInput.parse({
    departmentOrgId: agri,
    title: '关于加强村级集体资产资源发包监管的建议',
    content: '本轮巡察发现，部分村集体鱼塘、厂房等资产资源未经公开招标低价发包，村集体收入流失。',
    measures: ['将村集体资产资源发包纳入农村产权交易平台进场交易目录', '开展村级集体资产资源发包合同清理', '加强对镇农经站的业务指导和考核'],
  }));
  await sendSuggestion(at(dates.sent), office, s1.id, { sentOn: dates.sent });
  later.push({ on: dates.replied, run: () => replySuggestion(at(dates.replied), office, s1.id, { reply: '我局已部署开展村级集体资产资源合同专项清理，修订进场交易目录，并将镇农经站监管情况纳入年度考核。', repliedOn: dates.replied }) });
  const s2 = await createSuggestion(at(dates.sent), office, roundId, suggestionInput.parse({
    departmentOrgId: civil,
    title: '关于加强低保对象动态管理的建议',
    content: '本轮巡察发现，个别不符合条件的家庭仍在享受低保，动态调整不及时。',
    measures: ['建立低保对象财产信息定期比对机制', '落实低保对象年度复核'],
  }));
  await sendSuggestion(at(dates.sent), office, s2.id, { sentOn: dates.sent });

  const bySubsistence = findings.find((f) => f.key === 'subsistence');
  const byFishpond = findings.find((f) => f.key === 'fishpond');
  const t1 = await createTransferItem(at(dates.sent), office, roundId, transferItemInput.parse({
    departmentOrgId: civil,
    findingId: bySubsistence?.id ?? null,
    title: '不符合条件人员违规享受低保问题',
    content: '请对巡察发现的违规享受低保问题进行核查，追回多发资金，并举一反三开展排查。',
    sentOn: dates.sent,
    dueOn: addDays(dates.sent, 60),
  }));
  later.push({ on: dates.completed, run: () => completeTransferItem(at(dates.completed), office, t1.id, { result: '已停发 2 户低保，追回资金 15840 元；全市排查发现类似问题 11 户，均已整改。', completedOn: dates.completed }) });
  await createTransferItem(at(dates.sent), office, roundId, transferItemInput.parse({
    departmentOrgId: agri,
    findingId: byFishpond?.id ?? null,
    title: '集体鱼塘低价续包问题',
    content: '请指导镇村依法依规处理鱼塘续包合同，挽回集体损失。',
    sentOn: dates.sent,
    dueOn: `${year + 1}-03-31`,
  }));
  return later;
}

// — leads —

interface LeadPlan {
  key: string;
  to: 'discipline' | 'organization';
  /** how far the receiver takes it */
  stage: 'draft' | 'returned' | 'transferred' | 'received' | 'disposed' | 'closed';
  disposition?: LeadDisposition;
  caseOpened?: boolean;
  outcomes?: { kind: OutcomeKind; measure: string }[];
  report?: string;
}

/** A lead at every stage; the receiving organisations' users act on their side. */
const LEAD_PLANS: LeadPlan[] = [
  {
    key: 'decision',
    to: 'discipline',
    stage: 'closed',
    disposition: 'preliminary_verification',
    caseOpened: true,
    outcomes: [
      { kind: 'party_sanction', measure: 'serious_warning' },
      { kind: 'government_sanction', measure: 'demerit' },
    ],
    report: '经初步核实后立案审查，查明村党组织书记违反民主决策程序擅自决定重大事项，给予党内严重警告处分，同时给予政务记过处分。',
  },
  {
    key: 'project',
    to: 'discipline',
    stage: 'closed',
    disposition: 'preliminary_verification',
    caseOpened: true,
    outcomes: [
      { kind: 'party_sanction', measure: 'warning' },
      { kind: 'organisational', measure: 'self_examination' },
    ],
    report: '经立案审查，村道硬化工程多结算的 2.1 万元已全部追回；对村委会主任给予党内警告处分，并责令作出书面检查。',
  },
  {
    key: 'fishpond',
    to: 'discipline',
    stage: 'closed',
    disposition: 'talk_inquiry',
    outcomes: [{ kind: 'organisational', measure: 'criticism_education' }],
    report: '经谈话函询，当事人如实说明了鱼塘续包经过，对其批评教育；续包合同已按程序重新公开招标。',
  },
  { key: 'publicity', to: 'discipline', stage: 'closed', disposition: 'close', report: '经了解，村务公开问题已在巡察期间立行立改到位，不涉及违纪违法，予以了结。' },
  { key: 'subsistence', to: 'discipline', stage: 'disposed', disposition: 'talk_inquiry' },
  { key: 'hospitality', to: 'discipline', stage: 'disposed', disposition: 'hold' },
  {
    key: 'membership',
    to: 'organization',
    stage: 'closed',
    disposition: 'talk_inquiry',
    outcomes: [{ kind: 'organisational', measure: 'admonition' }],
    report: '经谈话函询，对村党组织书记进行诫勉谈话；2 名预备党员的发展程序已按规定重新履行。',
  },
  { key: 'three_meetings', to: 'organization', stage: 'received' },
  { key: 'ideology', to: 'discipline', stage: 'transferred' },
  { key: 'duty', to: 'discipline', stage: 'returned' },
];

export interface LeadsSummary {
  leads: number;
  byStatus: Record<string, number>;
  outcomes: number;
}

/** Work dated later than now, run in date order once the round has moved on. */
export type Later = { on: string; run: () => Promise<unknown> }[];

export async function runInDateOrder(steps: Later) {
  // stable: the steps of one lead keep their order on the same day
  for (const s of [...steps].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))) await s.run();
}

/**
 * Leads from last year's approved papers, registered by the team members on `createdOn` and
 * transferred by the 组长 (移交函 numbered) on `transferOn`. Returned: the work dated later — the
 * 纪委监委 and 组织部 sign, dispose (初步核实 then 立案), record outcomes and report; one lead returned
 * by the 纪委监委; two leads transferred lately (one signed for) whose deadlines still run; and a
 * town-level lead registered after the round left 移交 (a draft).
 */
export async function transferLeads(
  at: At,
  cast: TeamCast[],
  receivers: { discipline: Actor; organization: Actor },
  findings: WrittenFinding[],
  dates: { createdOn: string; transferOn: string; afterOn: string },
  opts: { overrides: Overrides; today: string },
): Promise<{ later: Later; summary: LeadsSummary }> {
  const summary: LeadsSummary = { leads: 0, byStatus: {}, outcomes: 0 };
  const count = (status: string) => {
    summary.byStatus[status] = (summary.byStatus[status] ?? 0) + 1;
  };
  const later: Later = [];
  const letters = new Map<string, number>(); // 移交函 numbered per year
  const letterNo = (on: string) => {
    const y = on.slice(0, 4);
    letters.set(y, (letters.get(y) ?? 0) + 1);
    return `溧巡移〔${y}〕${letters.get(y)}号`;
  };
  const wd = (from: string, n: number) => addWorkingDays(from, n, opts.overrides);
  const evidence = '问题底稿及所附佐证材料（会议记录、合同凭证、谈话笔录）';
  for (const [i, plan] of LEAD_PLANS.entries()) {
    const f = findings.find((x) => x.key === plan.key && x.status === 'approved');
    if (!f) continue;
    const team = cast[f.team]!;
    const receiver = plan.to === 'discipline' ? receivers.discipline : receivers.organization;
    summary.leads++;
    if (plan.stage === 'transferred' || plan.stage === 'received') {
      // registered during 整改 and transferred lately, so their deadlines run now: one due soon, one in time
      let transferOn = addDays(opts.today, plan.stage === 'received' ? -80 : -6);
      while (!isWorkingDay(transferOn, opts.overrides)) transferOn = addDays(transferOn, -1);
      const receivedOn = wd(transferOn, 2);
      later.push({
        on: transferOn,
        run: async () => {
          const lead = await createLead(at(transferOn), team.author, { findingId: f.id, authority: plan.to, evidence });
          await transferLead(at(transferOn), team.leader, lead.id, { authority: plan.to, receivingOrgId: receiver.orgId, letterNo: letterNo(transferOn), transferredOn: transferOn });
          if (plan.stage === 'received') await receiveLead(at(receivedOn), receiver, lead.id, { receivedOn, receivedByName: plan.to === 'discipline' ? '吴海燕' : '沈国强' });
        },
      });
      count(plan.stage);
      continue;
    }
    const lead = await createLead(at(dates.createdOn), team.author, { findingId: f.id, authority: plan.to, evidence });
    if (plan.stage === 'draft') {
      count('draft');
      continue;
    }
    await transferLead(at(dates.transferOn), team.leader, lead.id, { authority: plan.to, receivingOrgId: receiver.orgId, letterNo: letterNo(dates.transferOn), transferredOn: dates.transferOn });
    if (plan.stage === 'returned') {
      const on = dates.afterOn;
      later.push({ on, run: () => returnLead(at(on), receiver, lead.id, { reason: '所反映问题属村干部作风和履职问题，不涉及违纪违法，建议按干部管理权限移交组织部门处理。' }) });
      count('draft');
      continue;
    }
    const receivedOn = wd(dates.transferOn, 2 + (i % 3));
    later.push({ on: receivedOn, run: () => receiveLead(at(receivedOn), receiver, lead.id, { receivedOn, receivedByName: plan.to === 'discipline' ? '吴海燕' : '沈国强' }) });
    const dispositionOn = wd(receivedOn, 10);
    later.push({ on: dispositionOn, run: () => disposeLead(at(dispositionOn), receiver, lead.id, { disposition: plan.disposition!, dispositionOn, caseOpenedOn: null }) });
    if (plan.caseOpened) {
      // 初步核实 first, 立案 when the verification bears the suspicion out (the disposition corrected)
      const caseOn = wd(dispositionOn, 15);
      later.push({ on: caseOn, run: () => disposeLead(at(caseOn), receiver, lead.id, { disposition: plan.disposition!, dispositionOn, caseOpenedOn: caseOn }) });
    }
    for (const [k, o] of (plan.outcomes ?? []).entries()) {
      const person = f.persons[Math.min(k, f.persons.length - 1)];
      if (!person) continue;
      const decidedOn = wd(dispositionOn, 40 + k);
      later.push({ on: decidedOn, run: () => addOutcome(at(decidedOn), receiver, lead.id, { personName: person, kind: o.kind, measure: o.measure, decidedOn, note: '' }) });
      summary.outcomes++;
    }
    if (plan.stage === 'disposed') {
      count('disposed');
      continue;
    }
    const reportedOn = wd(dispositionOn, 50);
    later.push({ on: reportedOn, run: () => reportLead(at(reportedOn), receiver, lead.id, { handlingReport: plan.report!, reportedOn }) });
    count('closed');
  }
  const town = findings.find((f) => f.key === 'town');
  if (town) {
    const on = dates.afterOn;
    later.push({ on, run: () => createLead(at(on), cast[town.team]!.author, { findingId: town.id, authority: 'organization', evidence: '镇农经站审核台账' }) });
    summary.leads++;
    count('draft');
  }
  return { later, summary };
}
