/**
 * The demo's 码上巡 and questionnaires (issue 6 item 7), through the same services the routes call so
 * every rule holds: the office sets up the identity key with a demo passphrase and generates the poster
 * codes of both rounds; villagers report through the intake (anonymous and named, some with a photo),
 * keep their receipts and answer the teams' questions by receipt; the teams and the office triage the
 * reports into every status (one reopened by the office); a 民主测评 with printed one-time access codes
 * and an open one answered by device on this year's villages, and a 满意度调查 on last year's village in
 * 整改, answered with plausible spreads.
 *
 * Dates: this year's reports arrive while the teams are on site (the round entered five weeks ago), so
 * they land in the teams' inboxes; last year's round is in 整改, so what arrives for it now is the
 * office's. Every step runs on its own day's clock, in date order, never after today.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { FastifyBaseLogger } from 'fastify';
import { parseCode } from '../../../domain/public-reports/codes';
import { OTHER_CATEGORY } from '../../../domain/public-reports/report';
import { hashCode } from '../../../domain/public-reports/secrets';
import { REPORT_STATUS_LIST, REPORT_STATUSES, type ForwardReason, type ReportStatus } from '../../../domain/public-reports/triage';
import { questionsOf, type AnswerSet, type Question } from '../../../domain/public-reports/questionnaires';
import { addDays, daysBetween } from '../../../domain/shared/calendar';
import { idNumberCheckChar } from '../../../domain/shared/id-number';
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, AppContext } from '../../http/context';
import { pepperOf } from '../../http/pepper';
import { chinaDate } from '../planning';
import { generateCodes, reply, setUpKey, triage } from '../public-reports/inbox.service';
import { linkCandidates, linkReport } from '../public-reports/links.service';
import { saveNotice } from '../public-reports/notices.service';
import { postByReceipt, submit, upload, type SubmitInput } from '../public-reports/intake.service';
import { publicClientKey } from '../public-reports/rate-limiter';
import { aspectsOfTarget, findReportByReceipt } from '../public-reports/public-reports.repository';
import * as questionnaires from '../questionnaires/questionnaires.service';
import type { DemoAccounts } from './demo-work';
import { mulberry32 as rng } from '../../../domain/shared/random';

/** The office's passphrase of the identity key in the demo: shown in the output and the README. */
export const DEMO_KEY_PASSPHRASE = 'Demo-Key@2026';

export interface DemoPublicSummary {
  passphrase: string;
  /** poster codes generated, both rounds */
  codes: number;
  /** 巡察公告 filled in (a team of a round each), both rounds */
  notices: number;
  reports: number;
  named: number;
  withPhoto: number;
  byStatus: Record<ReportStatus, number>;
  messages: number;
  reopened: number;
  /** a reporter's receipt to follow up on /p/receipt (the team's last question awaits an answer) */
  receipt: { code: string; target: string; status: string };
  questionnaires: { title: string; target: string; mode: 'open' | 'code'; answers: number; codes: number; codesUsed: number; link: string }[];
  /** an unused printed access code of the 民主测评 answered with codes, and its page */
  accessCode: { code: string; link: string };
  /** second answers from one device refused by the replay protection */
  refusedRepeats: number;
}

// — small helpers —

/** One of `options` by weight. */
function pick<T extends string | number>(rand: () => number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((n, [, w]) => n + w, 0);
  let r = rand() * total;
  for (const [v, w] of weighted) if ((r -= w) < 0) return v;
  return weighted.at(-1)![0];
}

const noop = () => undefined;
/** The services log ids and counts per request; the demo has no request to log for. */
const quietLog: FastifyBaseLogger = { level: 'silent', fatal: noop, error: noop, warn: noop, info: noop, debug: noop, trace: noop, silent: noop, child: () => quietLog };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A 160×120 PNG a villager might take with a phone: sky, a field, a strip of new road and a notice
 * board on posts (`variant` shifts the colours and the board, so two photos differ).
 */
export function villagePhoto(variant: number): Buffer {
  const w = 160;
  const h = 120;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  const boardX = 30 + ((variant * 37) % 70);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < w; x++) {
      let rgb: [number, number, number];
      if (y < 48) rgb = [150 + Math.floor(y * 1.5), 190 + Math.floor(y / 2), 235]; // sky, lighter to the horizon
      else if (y > 84 && y < 100 + ((x * 3) % 5)) rgb = [128 + (variant % 3) * 12, 126, 122]; // the road
      else rgb = [70 + ((x * 7 + y * 13) % 23), 120 + ((x * 5 + y * 3) % 31) - variant * 6, 52]; // the field
      if (x >= boardX && x < boardX + 44 && y >= 30 && y < 62) rgb = y < 36 ? [180, 40, 36] : (y - 38) % 5 === 0 && x > boardX + 4 && x < boardX + 40 ? [90, 90, 96] : [236, 232, 220];
      if ((x === boardX + 6 || x === boardX + 37) && y >= 62 && y < 84) rgb = [96, 72, 50];
      raw.set(rgb, y * (w * 3 + 1) + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A fake but well-formed identity card number of the demo county (GB 11643 check character). */
function idNumber(county: string, birth: string, seq: number): string {
  const first17 = `${county}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

// — the reports —

type TargetKey = 'T1' | 'K' | 'O' | 'C1' | 'C2' | 'A1' | 'A2' | 'A3';
type Handler = 'team' | 'office';
/** Steps after arrival, `day` days after it (the same day's steps keep their order). */
type Step =
  | { day: number; do: 'accept' | 'link' }
  | { day: number; do: 'ask'; body: string }
  | { day: number; do: 'answer'; body: string }
  | { day: number; do: 'merge'; into: string }
  | { day: number; do: 'forward'; reason: ForwardReason; body: string; reply: string; note?: string }
  | { day: number; do: 'close'; reply: string }
  | { day: number; do: 'reopen'; note: string };

interface ReportPlan {
  key: string;
  target: TargetKey;
  /** through the team's poster (choosing the village) instead of the village's own */
  viaTeamCode?: boolean;
  /** days after the round entered (this year) or before today (last year's, negative) */
  on: number;
  /** a checklist aspect whose name contains this, or 其他 */
  category: string | null;
  text: string;
  identity?: { name: string; phone: string; birth: string | null };
  photo?: boolean;
  steps: Step[];
  /** a finding (by its title's words) or a lead to link once accepted */
  link?: { finding: string } | { lead: string };
}

const REPORTS: ReportPlan[] = [
  {
    key: 'road',
    target: 'K',
    on: 3,
    category: '工程',
    text: '反映村道硬化工程问题：2024 年村里硬化了通往三组、四组的水泥路，没有看到招标公告，直接由村书记的亲戚组织施工队施工。路面才一年多就开裂起壳，有的地方厚度明显不够，村里公示的结算长度比实际修的要长。',
    photo: true,
    steps: [
      { day: 2, do: 'accept' },
      { day: 2, do: 'ask', body: '您好，您反映的情况已收到。请问开裂较严重的路段大致在哪个位置？是否还记得施工的大致时间？' },
      { day: 3, do: 'answer', body: '最严重的是三组到村部那一段，大概 300 多米，2024 年 5 月份开始修的，7 月份就修好了。' },
      { day: 6, do: 'link' },
    ],
    link: { finding: '村道硬化' },
  },
  {
    key: 'subsistence',
    target: 'K',
    on: 5,
    category: '惠农',
    text: '低保评定优亲厚友：村会计的弟媳家在镇上有两套商品房，家里还开着小轿车，去年评上了低保。真正困难的几户老人申请了两次都没有评上，评议会也没有公开开过。',
    identity: { name: '陈桂兰', phone: '13861524870', birth: '1958-04-16' },
    steps: [
      { day: 1, do: 'accept' },
      { day: 2, do: 'ask', body: '陈女士您好，我们已开始核实。请问您说的申请了两次没有评上的老人，是哪个村民小组的？' },
      { day: 2, do: 'answer', body: '是五组的两户，都是七十多岁的独居老人，村里的人都知道。' },
      { day: 8, do: 'link' },
    ],
    link: { finding: '低保' },
  },
  {
    key: 'road-again',
    target: 'K',
    on: 6,
    category: '工程',
    text: '村里修的水泥路没有招标，是村干部亲戚包的，现在已经坏了好几处，群众意见很大，希望巡察组去看一看。',
    steps: [{ day: 1, do: 'merge', into: 'road' }],
  },
  {
    key: 'bribes',
    target: 'O',
    on: 4,
    category: '作风',
    text: '村干部吃拿卡要：去年我们组几户申请宅基地翻建，负责的村干部让先到他指定的饭店请客，不请客材料就一直压着不往镇里报。开证明也要送烟，群众敢怒不敢言。',
    steps: [
      { day: 1, do: 'accept' },
      { day: 2, do: 'ask', body: '您好，感谢您的反映。请问是哪一年的事情？大概涉及几户？您不必留下姓名，知道多少说多少即可。' },
      { day: 4, do: 'answer', body: '是 2025 年春天，我知道的有 3 户，其中一户请了两次客才把材料报上去。' },
      { day: 5, do: 'ask', body: '收到，谢谢。请问这几户是否保留了请客的票据或聊天记录？如方便，可以通过回执页面补充上传。' },
    ],
  },
  {
    key: 'land',
    target: 'O',
    on: 29,
    category: '三资',
    text: '集体土地发包不公开：村里 80 多亩集体土地去年到期后续包，没有开村民代表会议，也没有张贴公告，还是原来的老板接着包，价格和十年前一样，每亩才 300 元，周边都涨到 800 元了。',
    identity: { name: '刘金生', phone: '0519-87263154', birth: null },
    photo: true,
    steps: [],
  },
  {
    key: 'land-again',
    target: 'O',
    viaTeamCode: true,
    on: 30,
    category: '三资',
    text: '村里集体土地续包的事情，没有经过村民代表讨论，群众都不知道就签了合同，请巡察组查一查合同和租金收取情况。',
    steps: [{ day: 1, do: 'merge', into: 'land' }],
  },
  {
    key: 'cleaners',
    target: 'O',
    viaTeamCode: true,
    on: 9,
    category: '工作人员',
    text: '村里聘用的保洁员和护林员，好几个是村干部的亲属，平时基本不上班，工资照拿。真正干活的是临时叫来的人，工钱还经常拖欠。',
    steps: [{ day: 2, do: 'accept' }],
  },
  {
    key: 'lawsuit',
    target: 'C1',
    on: 6,
    category: null,
    text: '我和邻居因为宅基地边界的纠纷，已经打了两年官司，法院判了但是对方一直不执行，希望巡察组帮忙督促执行。',
    steps: [
      {
        day: 2,
        do: 'forward',
        reason: 'litigation',
        body: '溧阳市人民法院',
        reply: '您好，您反映的宅基地纠纷已经人民法院判决，属于涉法涉诉事项，不在本次巡察受理范围。判决未履行的，可向溧阳市人民法院申请强制执行；我们已将您的诉求转告法院执行部门。',
      },
    ],
  },
  {
    key: 'noticeboard',
    target: 'C1',
    on: 8,
    category: '公开',
    text: '村务公开栏大半年没有更新了，上面贴的还是去年的财务收支，村里修桥、买垃圾桶花了多少钱都看不到。',
    identity: { name: '周海燕', phone: '15295813460', birth: '1979-09-03' },
    steps: [
      { day: 1, do: 'accept' },
      {
        day: 9,
        do: 'close',
        reply: '周女士您好，经巡察组实地查看，您反映的村务公开不及时问题属实。村委会已于本周更新公开栏，补公开了上半年财务收支和修桥、环境整治等项目支出明细，并建立每季度公开制度。感谢您对巡察工作的支持。',
      },
    ],
  },
  {
    key: 'tender',
    target: 'C2',
    on: 10,
    category: '工程',
    text: '工程项目未招标：2025 年村委会办公楼改造花了 60 多万，没有看到招标公告，是镇上一家装饰公司做的，听说老板和村主任是同学。改造完的办公楼比以前还要气派，群众有议论。',
    steps: [
      { day: 1, do: 'accept' },
      { day: 3, do: 'ask', body: '您好，请问您是否了解改造工程的开工时间和主要改造内容（如装修、加建）？' },
      { day: 3, do: 'answer', body: '2025 年 3 月开工，主要是内部装修，还把院子围墙和大门重新做了，装了电子屏。' },
    ],
  },
  {
    key: 'subsidy',
    target: 'C2',
    on: 12,
    category: '惠农',
    text: '耕地地力保护补贴被村里统一扣了：今年的补贴打到一卡通以后，村里说要抵扣水费，每户扣了 100 到 200 元不等，没有开会商量，也没有给收据。',
    steps: [
      {
        day: 6,
        do: 'close',
        reply: '您好，经核实，村里代扣水费未经村民同意，做法不妥。巡察组已督促村委会停止代扣，并将已扣款项于近期退还到户。如仍有问题，可凭回执码继续留言。',
      },
      { day: 9, do: 'answer', body: '到现在我家的钱还没有退回来，问了村里说要等镇里批，希望再督促一下。' },
      { day: 10, do: 'reopen', note: '反映人留言称扣款仍未退还，重新打开，请巡察组继续核实退款情况' },
      { day: 11, do: 'accept' },
      { day: 11, do: 'ask', body: '您好，我们已重新受理，正在督促村里尽快退款。退款到户后请您留言告知我们。' },
    ],
  },
  {
    key: 'fishpond',
    target: 'T1',
    on: 2,
    category: '三资',
    text: '村集体鱼塘续包价格太低：村里 120 多亩鱼塘 2025 年续包，没有公开招标，还是原来的承包户，价格比周边村低了一半，怀疑里面有人情关系。',
    photo: true,
    steps: [
      { day: 1, do: 'accept' },
      { day: 3, do: 'ask', body: '您好，已受理。请问您反映的鱼塘属于街道哪个村（社区）？是否知道续包合同是哪个月签的？' },
      { day: 4, do: 'answer', body: '是街道东边那个村，鱼塘就在村部后面，合同是去年年底签的，村里没有公示。' },
    ],
  },
  {
    key: 'car',
    target: 'T1',
    on: 31,
    category: '作风',
    text: '村书记经常开村里的公车接送孩子上学、办私事，逢年过节还收承包户送的土特产和购物卡。',
    steps: [],
  },
  {
    key: 'compensation',
    target: 'T1',
    on: 14,
    category: null,
    text: '反映镇里征地补偿标准偏低：去年高速公路连接线征地，我们组每亩补偿比相邻的乡镇少了几千元，找镇里问了几次都说是按文件执行。',
    identity: { name: '张长青', phone: '13706146825', birth: '1964-11-27' },
    steps: [
      { day: 1, do: 'ask', body: '张先生您好，请问征地补偿的文件是哪一级发布的？您是否已向自然资源部门反映过？' },
      { day: 2, do: 'answer', body: '镇里说是市里的文件，我还没有去过自然资源局。' },
      {
        day: 3,
        do: 'forward',
        reason: 'other_department',
        body: '溧阳市自然资源和规划局',
        reply: '张先生您好，征地补偿标准由市政府统一制定，属于自然资源部门的职责范围，不在本次村级巡察受理范围。我们已将您的反映转交溧阳市自然资源和规划局，您也可以直接到该局信访窗口咨询。',
      },
    ],
  },
  // last year's round, in 整改: what arrives now is the office's
  {
    key: 'rectification',
    target: 'A1',
    on: -18,
    category: '整改',
    text: '去年巡察反馈我们这里几个村集体资金坐支、“三资”管理混乱的问题，公示说已经整改到位了，但今年村里的卫生保洁费还是由村干部现金收、现金支，没有进村集体账户，街道农经站审核也只是签个字。',
    identity: { name: '许文斌', phone: '18961207345', birth: '1971-02-09' },
    steps: [
      { day: 1, do: 'accept' },
      { day: 2, do: 'ask', body: '许先生您好，我们已受理。请问现金收取保洁费的情况是从什么时候开始的？每户收多少？' },
      { day: 2, do: 'answer', body: '从今年 3 月开始，每户每年 60 元，由村里的网格员上门收现金。' },
      { day: 3, do: 'link' },
    ],
    link: { lead: '三资' },
  },
  {
    key: 'duty',
    target: 'A2',
    on: -15,
    category: '作风',
    text: '村便民服务中心工作日还是经常没有人，上周二、周四上午去办医保都找不到人，打电话说在外面忙。去年巡察就提过这个问题，整改以后没几个月又回到老样子。',
    steps: [
      { day: 1, do: 'accept' },
      { day: 2, do: 'link' },
      { day: 2, do: 'ask', body: '您好，您反映的情况已受理，并已转交正在办理的有关问题一并核查。请问您去办事的具体日期还记得吗？' },
    ],
    link: { lead: '坐班' },
  },
  {
    key: 'lights',
    target: 'A3',
    on: -12,
    category: '整改',
    text: '去年巡察组指出村里路灯工程结算不实的问题，整改说已经追回多付的工程款，但是坏了的路灯到现在还没有修，晚上走路很不安全。',
    steps: [
      {
        day: 4,
        do: 'close',
        reply: '您好，经巡察办会同街道纪工委核实，多付工程款已于今年追回入账；损坏的 12 盏路灯已列入整改事项，施工单位于本周完成维修。感谢您对整改工作的监督。',
      },
    ],
  },
  {
    key: 'boundary',
    target: 'A3',
    on: -6,
    category: null,
    text: '我家承包地和邻村的地界一直有争议，邻村的人把我们的田埂挖了，村里协调了几次都没有结果。',
    steps: [
      {
        day: 1,
        do: 'forward',
        reason: 'other_department',
        body: '溧阳市农业农村局（农村土地承包仲裁委员会）',
        reply: '您好，承包地界址争议属于农村土地承包纠纷，可由镇人民政府调解，或向农村土地承包仲裁委员会申请仲裁。我们已将您的反映转交溧阳市农业农村局，请留意后续联系。',
      },
    ],
  },
];

// — the questionnaires' respondents —

const GRADE_SPREADS = {
  /** a village the team found problems in: more 一般 and some 差 on money and openness */
  troubled: { default: [['good', 38], ['fairly_good', 34], ['average', 21], ['poor', 7]], touchy: [['good', 22], ['fairly_good', 30], ['average', 31], ['poor', 17]] },
  /** an ordinary village */
  ordinary: { default: [['good', 55], ['fairly_good', 31], ['average', 11], ['poor', 3]], touchy: [['good', 44], ['fairly_good', 33], ['average', 17], ['poor', 6]] },
} as const;
const TOUCHY = new Set(['decisions', 'openness', 'integrity']);
const ISSUE_WEIGHTS: Record<string, Record<string, number>> = {
  troubled: { assets: 30, subsidies: 26, projects: 34, favouritism: 22, style: 12, disclosure: 24, none: 14 },
  ordinary: { assets: 12, subsidies: 10, projects: 8, favouritism: 9, style: 14, disclosure: 16, none: 45 },
};
const ADVICE = [
  '希望村里的工程项目都公开招标，结算情况张贴公示。',
  '低保、补贴评定要开会公开评议，不能村干部说了算。',
  '村务公开栏要按时更新，账目写清楚。',
  '村干部要多到组里走走，听听老百姓的意见。',
  '集体资产发包要公开竞价，租金收入要公开。',
  '班子总体不错，希望继续把路和水利设施修好。',
  '办事效率可以再高一点，开证明不要让群众来回跑。',
];
const UNSOLVED = ['村里的路灯还有几盏没有修好。', '整改公示贴了，但是具体怎么改的群众还不太清楚。', '集体鱼塘的租金还没有按新合同收上来。', '希望整改情况每季度公开一次。'];

function democraticAnswers(rand: () => number, questions: Question[], spread: 'troubled' | 'ordinary'): AnswerSet {
  const out: AnswerSet = {};
  const mood = rand(); // one respondent's overall leaning: answers hang together
  for (const q of questions) {
    if (q.type === 'single') {
      const base = GRADE_SPREADS[spread][TOUCHY.has(q.id) ? 'touchy' : 'default'];
      const shifted = base.map(([id, w]) => [id, id === 'good' ? w * (0.4 + mood * 1.2) : id === 'poor' ? w * (1.6 - mood * 1.2) : w] as const);
      out[q.id] = pick(rand, shifted);
    } else if (q.type === 'multiple') {
      const weights = ISSUE_WEIGHTS[spread]!;
      if (rand() < weights.none! / 100 + mood * 0.2) out[q.id] = ['none'];
      else {
        const chosen = q.options.filter((o) => o.id !== 'none' && rand() < weights[o.id]! / 100);
        if (chosen.length > 0) out[q.id] = chosen.slice(0, q.max ?? 3).map((o) => o.id);
      }
    } else if (q.type === 'text' && rand() < 0.3) out[q.id] = ADVICE[Math.floor(rand() * ADVICE.length)]!;
  }
  return out;
}

function satisfactionAnswers(rand: () => number, questions: Question[]): AnswerSet {
  const out: AnswerSet = {};
  const solved = pick(rand, [['solved', 52], ['partly', 28], ['unsolved', 8], ['unknown', 12]] as const);
  for (const q of questions) {
    if (q.id === 'solved') out[q.id] = solved;
    else if (q.type === 'rating') {
      const lean = solved === 'solved' ? 1 : solved === 'partly' ? 0 : solved === 'unsolved' ? -2 : -0.5;
      out[q.id] = Math.max(1, Math.min(q.scale, Math.round(3.8 + lean * 0.7 + (rand() - 0.5) * 2.2)));
    } else if (q.type === 'single') out[q.id] = pick(rand, solved === 'unsolved' ? ([['some', 30], ['same', 60], ['worse', 10]] as const) : ([['better', 45], ['some', 45], ['same', 10]] as const));
    else if (q.type === 'text' && solved !== 'solved' && rand() < 0.45) out[q.id] = UNSOLVED[Math.floor(rand() * UNSOLVED.length)]!;
  }
  return out;
}

/** A browser's device token as the questionnaire page keeps it. */
const deviceToken = () => randomBytes(18).toString('base64url');

// — building —

export interface DemoPublicDeps {
  accounts: DemoAccounts;
  actorOf: (userId: string) => Promise<Actor>;
  /** the server's address for links in the output */
  origin: string;
}

export async function buildDemoPublic(baseCtx: AppContext, county: string, deps: DemoPublicDeps): Promise<DemoPublicSummary> {
  const now = baseCtx.now();
  const today = chinaDate(now);
  // a step on `date` runs on that day's clock (10:00 in China, never later than now)
  const at = (date: string, hour = 10): AppContext => {
    const t = new Date(`${date}T${String(hour - 8).padStart(2, '0')}:00:00Z`);
    return { ...baseCtx, now: () => (t < now ? t : now) };
  };
  const { accounts } = deps;
  const office = await deps.actorOf(accounts.officeUserId);
  const leaders = await Promise.all(accounts.teams.map((t) => deps.actorOf(t.userId)));
  const deputies = await Promise.all(accounts.teams.map((t) => deps.actorOf(t.deputyUserId)));
  const teamIndexOf = (orgId: string | null) => accounts.teams.findIndex((t) => t.orgId === orgId);

  const rounds = await baseCtx.db.selectFrom('rounds').select(['id', 'year', 'number', 'start_date', 'end_date']).where('scope_code', '=', county).where('number', '=', 1).orderBy('year').execute();
  const year = Number(today.slice(0, 4));
  const roundA = rounds.find((r) => r.year === year - 1)!;
  const roundB = rounds.find((r) => r.year === year)!;
  const entry = String(roundB.start_date);

  // the office's identity key and the poster codes of both rounds
  await setUpKey(at(addDays(entry, -3)), office, { passphrase: DEMO_KEY_PASSPHRASE, confirm: DEMO_KEY_PASSPHRASE });
  const codesB = await generateCodes(at(addDays(entry, -3)), office, roundB.id, deps.origin);
  const codesA = await generateCodes(at(addDays(today, -30)), office, roundA.id, deps.origin);
  // the 巡察公告 of each team: phone, mailbox, reception, on-site period and the 信访 cut-off (last
  // year's filled in before that round, this year's before this one)
  let notices = 0;
  for (const round of [roundA, roundB]) {
    const start = String(round.start_date);
    const end = String(round.end_date);
    const teams = await baseCtx.db.selectFrom('teams').select(['id', 'org_id', 'name']).where('round_id', '=', round.id).orderBy('sort').execute();
    for (const t of teams) {
      const n = teamIndexOf(t.org_id) + 1;
      await saveNotice(at(addDays(start, -5)), office, round.id, t.id, {
        phone: `0519-8726${String(round.year % 100).padStart(2, '0')}${n}${n}`,
        mailbox: `溧阳市${round.year}-${n}号信箱（邮编 213300）`,
        email: null,
        receptionPlace: `${t.name}驻地（市委党校${n}号楼）`,
        receptionHours: '工作日 8:30—11:30，14:00—17:00',
        onSiteFrom: start,
        onSiteTo: end,
        petitionCutoff: addDays(end, -10),
      });
      notices++;
    }
  }

  // the targets by role in the demo: this year's town (team 1), key and ordinary village (team 2), the
  // two cross-inspected villages (team 3); last year's villages of team 2 (the key one first)
  const targetsOf = (roundId: string) =>
    baseCtx.db
      .selectFrom('round_targets as t')
      .innerJoin('teams as tm', 'tm.id', 't.team_id')
      .select(['t.id', 't.name', 't.kind', 't.importance', 't.team_id', 'tm.org_id'])
      .where('t.round_id', '=', roundId)
      .orderBy('t.sort')
      .orderBy('t.code')
      .execute();
  const tb = await targetsOf(roundB.id);
  const ta = await targetsOf(roundA.id);
  const ofTeam = (list: typeof tb, team: number) => list.filter((t) => teamIndexOf(t.org_id) === team);
  const villagesA = ofTeam(ta, 1);
  const targets: Record<TargetKey, (typeof tb)[number]> = {
    T1: ofTeam(tb, 0)[0]!,
    K: ofTeam(tb, 1).find((t) => t.importance === 'key')!,
    O: ofTeam(tb, 1).find((t) => t.importance !== 'key')!,
    C1: ofTeam(tb, 2)[0]!,
    C2: ofTeam(tb, 2)[1]!,
    A1: ofTeam(ta, 0)[0]!,
    A2: villagesA.find((t) => t.importance === 'key')!,
    A3: villagesA.find((t) => t.importance !== 'key')!,
  };
  const codeOf = (key: TargetKey, viaTeam: boolean) => {
    const list = key.startsWith('A') ? codesA.items : codesB.items;
    const t = targets[key];
    const c = viaTeam ? list.find((x) => x.scope === 'team' && x.name === accounts.teams[teamIndexOf(t.org_id)]!.name) : list.find((x) => x.scope === 'target' && x.name === t.name);
    if (!c) throw new Error(`demo: no poster code for ${t.name}`);
    return c.code;
  };
  const aspects = new Map<string, { id: string; name: string }[]>();
  const categoryOf = async (key: TargetKey, words: string | null) => {
    if (words === null) return OTHER_CATEGORY;
    const id = targets[key].id;
    if (!aspects.has(id)) aspects.set(id, await aspectsOfTarget(baseCtx.db, id));
    return aspects.get(id)!.find((a) => a.name.includes(words))?.id ?? OTHER_CATEGORY;
  };

  const pepper = pepperOf(baseCtx);
  const summary: DemoPublicSummary = {
    passphrase: DEMO_KEY_PASSPHRASE,
    codes: codesA.created + codesB.created,
    notices,
    reports: 0,
    named: 0,
    withPhoto: 0,
    byStatus: Object.fromEntries(REPORT_STATUS_LIST.map((s) => [s, 0])) as Record<ReportStatus, number>,
    messages: 0,
    reopened: 0,
    receipt: { code: '', target: '', status: '' },
    questionnaires: [],
    accessCode: { code: '', link: '' },
    refusedRepeats: 0,
  };

  const filed = new Map<string, { id: string; receipt: string; clientKey: string }>();
  const steps: { on: string; run: () => Promise<unknown> }[] = [];
  const dateOf = (p: ReportPlan, day = 0) => {
    const d = addDays(p.on >= 0 ? entry : today, p.on + day);
    return d > today ? today : d;
  };
  for (const [i, p] of REPORTS.entries()) {
    const key = p.target;
    const team = teamIndexOf(targets[key].org_id);
    const handler: Handler = key.startsWith('A') ? 'office' : 'team';
    // the 组长 handles, the 副组长 asks and answers (both may)
    const staff = (kind: 'lead' | 'ask') => (handler === 'office' ? office : kind === 'lead' ? leaders[team]! : deputies[team]!);
    steps.push({
      on: dateOf(p),
      run: async () => {
        const ctx = at(dateOf(p), 8 + (i % 12));
        // a villager's phone: its own (documentation-range) address, so the per-client limits apply to each
        const clientKey = publicClientKey(ctx, `198.51.100.${10 + i}`);
        const attachments = [];
        if (p.photo) {
          const u = await upload(ctx, { buffer: villagePhoto(i), fileName: `IMG_${dateOf(p).replaceAll('-', '')}_0${(i % 9) + 1}2233.png` });
          attachments.push({ uploadId: u.uploadId, fileName: u.fileName, mime: u.mime as 'image/png', size: u.size });
          summary.withPhoto++;
        }
        const input: SubmitInput = {
          targetId: p.viaTeamCode ? targets[key].id : undefined,
          report: {
            submissionId: randomUUID(),
            anonymous: !p.identity,
            identity: p.identity ? { name: p.identity.name, phone: p.identity.phone, idNumber: p.identity.birth ? idNumber(county, p.identity.birth, 100 + i * 7) : null } : null,
            category: await categoryOf(key, p.category),
            description: p.text,
            attachments,
          },
        };
        const out = await submit(ctx, quietLog, clientKey, codeOf(key, p.viaTeamCode ?? false), input);
        const parsed = parseCode('receipt', out.receipt);
        if (!parsed.ok) throw new Error(`demo: receipt ${out.receipt} does not parse`);
        const row = await findReportByReceipt(baseCtx.db, hashCode(pepper, 'receipt', parsed.value));
        filed.set(p.key, { id: row!.id, receipt: out.receipt, clientKey });
        summary.reports++;
        if (p.identity) summary.named++;
      },
    });
    for (const s of p.steps) {
      const on = dateOf(p, s.day);
      steps.push({
        on,
        run: async () => {
          const ctx = at(on, 9 + (i % 8));
          const r = filed.get(p.key)!;
          switch (s.do) {
            case 'accept':
              return triage(ctx, staff('lead'), r.id, { action: 'accept' });
            case 'ask':
              summary.messages++;
              return reply(ctx, staff('ask'), r.id, { body: s.body, attachments: [] });
            case 'answer':
              summary.messages++;
              return postByReceipt(at(on, 20), quietLog, r.clientKey, r.receipt, { body: s.body, attachments: [] });
            case 'merge':
              return triage(ctx, staff('lead'), r.id, { action: 'merge', intoId: filed.get(s.into)!.id, note: '与此前来件反映同一问题，合并办理' });
            case 'forward':
              summary.messages++;
              return triage(ctx, staff('lead'), r.id, { action: 'forward', reason: s.reason, body: s.body, reply: s.reply, note: s.note });
            case 'close':
              summary.messages++;
              return triage(ctx, staff('lead'), r.id, { action: 'close', reply: s.reply });
            case 'reopen':
              summary.reopened++;
              return triage(ctx, office, r.id, { action: 'reopen', note: s.note });
            case 'link': {
              // as the inbox's picker does: the round's findings and leads of the village, searched by words
              const words = p.link && 'finding' in p.link ? p.link.finding : p.link!.lead;
              const found = await linkCandidates(ctx, staff('lead'), r.id, { q: words });
              const choice = p.link && 'finding' in p.link ? { findingIds: found.findings.slice(0, 1).map((f) => f.id), leadIds: [] } : { findingIds: [], leadIds: found.leads.slice(0, 1).map((l) => l.id) };
              if (choice.findingIds.length + choice.leadIds.length === 0) throw new Error(`demo: nothing to link for “${words}” at ${targets[key].name}`);
              return linkReport(ctx, staff('lead'), r.id, choice);
            }
          }
        },
      });
    }
  }
  for (const s of [...steps].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))) await s.run();

  const statuses = await baseCtx.db.selectFrom('public_reports').select(['status']).where('round_id', 'in', [roundA.id, roundB.id]).execute();
  for (const s of statuses) summary.byStatus[s.status as ReportStatus]++;
  // the receipt to follow up: the team's last question awaits the villager's answer
  const followUp = REPORTS.find((p) => p.key === 'bribes')!;
  const row = (await baseCtx.db.selectFrom('public_reports').select('status').where('id', '=', filed.get(followUp.key)!.id).executeTakeFirstOrThrow()).status as ReportStatus;
  summary.receipt = { code: filed.get(followUp.key)!.receipt, target: targets[followUp.target].name, status: REPORT_STATUSES[row] };

  await buildQuestionnaires(baseCtx, at, { today, entry, roundA: roundA.id, roundB: roundB.id, targets, office, leaders, teamOfTarget: (k) => teamIndexOf(targets[k].org_id), origin: deps.origin }, summary);
  return summary;
}

async function buildQuestionnaires(
  baseCtx: AppContext,
  at: (date: string, hour?: number) => AppContext,
  w: {
    today: string;
    entry: string;
    roundA: string;
    roundB: string;
    targets: Record<TargetKey, { id: string; name: string }>;
    office: Actor;
    leaders: Actor[];
    teamOfTarget: (k: TargetKey) => number;
    origin: string;
  },
  summary: DemoPublicSummary,
) {
  const rand = rng(20261203);
  // each respondent answers from their own phone: its own (documentation-range) address and client key
  let respondent = 0;
  const answer = (ctx: AppContext, slug: string, input: questionnaires.AnswerInput) =>
    questionnaires.submitAnswers(ctx, quietLog, publicClientKey(ctx, `203.0.113.${respondent++ % 250}`), slug, input);
  const slugOf = (link: string | null) => link!.split('/').at(-1)!;
  const record = (q: questionnaires.QuestionnaireOut, target: string) =>
    summary.questionnaires.push({ title: q.title, target, mode: q.accessMode, answers: q.answers, codes: q.codes, codesUsed: q.codesUsed, link: `${w.origin}${q.link}` });
  const closesB = addDays(w.entry, 70);

  // 1. 民主测评 of the key village at the 动员会: paper forms with one-time codes for 党员 and 村民代表
  {
    const leader = w.leaders[w.teamOfTarget('K')]!;
    const opens = addDays(w.entry, 1);
    const ctx = at(addDays(w.entry, -1));
    const q = await questionnaires.create(ctx, leader, { kind: 'democratic_evaluation', from: 'default', roundId: w.roundB, targetId: w.targets.K.id, accessMode: 'code', opensOn: opens, closesOn: closesB });
    const published = await questionnaires.publish(ctx, leader, q.id, w.origin);
    const printed = await questionnaires.generateCodes(ctx, leader, q.id, { count: 50 });
    const questions = questionsOf(published.definition);
    const used = 41;
    for (let n = 0; n < used; n++) {
      const day = addDays(opens, n < 34 ? 0 : 1 + (n % 3)); // most at the meeting, the rest handed in later
      await answer(at(day, 10 + (n % 6)), slugOf(published.questionnaire.link), { answers: democraticAnswers(rand, questions, 'troubled'), accessCode: printed.codes[n]! });
    }
    // a used code is refused the second time: the replay protection of the paper forms
    await expectRefused(answer(at(addDays(opens, 2)), slugOf(published.questionnaire.link), { answers: democraticAnswers(rand, questions, 'troubled'), accessCode: printed.codes[0]! }), summary);
    summary.accessCode = { code: printed.codes[used]!, link: `${w.origin}${published.questionnaire.link}` };
    record((await questionnaires.get(baseCtx, leader, q.id, w.origin)).questionnaire, w.targets.K.name);
  }

  // 2. 民主测评 of a cross-inspected village, open to everyone by the poster's QR code (one answer per phone)
  {
    const leader = w.leaders[w.teamOfTarget('C1')]!;
    const opens = addDays(w.entry, 8);
    const ctx = at(addDays(w.entry, 7));
    const q = await questionnaires.create(ctx, leader, { kind: 'democratic_evaluation', from: 'default', roundId: w.roundB, targetId: w.targets.C1.id, accessMode: 'open', opensOn: opens, closesOn: closesB });
    const published = await questionnaires.publish(ctx, leader, q.id, w.origin);
    const questions = questionsOf(published.definition);
    const span = Math.max(1, daysBetween(opens, w.today));
    let again = '';
    for (let n = 0; n < 27; n++) {
      const token = deviceToken();
      if (n === 5) again = token;
      await answer(at(addDays(opens, Math.floor((n * span) / 27)), 9 + (n % 10)), slugOf(published.questionnaire.link), { answers: democraticAnswers(rand, questions, 'ordinary'), deviceToken: token });
    }
    await expectRefused(answer(at(w.today, 9), slugOf(published.questionnaire.link), { answers: democraticAnswers(rand, questions, 'ordinary'), deviceToken: again }), summary);
    record((await questionnaires.get(baseCtx, leader, q.id, w.origin)).questionnaire, w.targets.C1.name);
  }

  // 3. 满意度调查 of last year's key village, in 整改: the office asks how the rectification went
  {
    const opens = addDays(w.today, -14);
    const ctx = at(addDays(opens, -1));
    const q = await questionnaires.create(ctx, w.office, { kind: 'satisfaction', from: 'default', roundId: w.roundA, targetId: w.targets.A2.id, accessMode: 'open', opensOn: opens, closesOn: addDays(w.today, 16) });
    const published = await questionnaires.publish(ctx, w.office, q.id, w.origin);
    const questions = questionsOf(published.definition);
    for (let n = 0; n < 34; n++) {
      await answer(at(addDays(opens, Math.floor((n * 14) / 34)), 8 + (n % 12)), slugOf(published.questionnaire.link), { answers: satisfactionAnswers(rand, questions), deviceToken: deviceToken() });
    }
    record((await questionnaires.get(baseCtx, w.office, q.id, w.origin)).questionnaire, w.targets.A2.name);
  }
}

async function expectRefused(p: Promise<unknown>, summary: DemoPublicSummary) {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError && e.code === 'QUESTIONNAIRE_ALREADY_ANSWERED') {
      summary.refusedRepeats++;
      return;
    }
    throw e;
  }
  throw new Error('demo: a second answer from one device or code was accepted');
}

/** The lines `xuncha demo` prints about 码上巡 and questionnaires. */
export function demoPublicLines(s: DemoPublicSummary): string[] {
  const n = (k: ReportStatus) => `${REPORT_STATUSES[k]} ${s.byStatus[k]}`;
  return [
    `码上巡：扫码编号 ${s.codes} 个，巡察公告 ${s.notices} 份；群众来件 ${s.reports} 件（实名 ${s.named} 件，带照片 ${s.withPhoto} 件）：${REPORT_STATUS_LIST.map(n).join('，')}；其中重新打开 ${s.reopened} 件；往来留言 ${s.messages} 条`,
    `身份信息加密密钥的演示口令：${s.passphrase}（巡察办查看实名反映人身份时输入）`,
    `演示回执码：${s.receipt.code}（${s.receipt.target}，${s.receipt.status}，巡察组的提问待答复），在 /p/receipt 查看并留言`,
    `问卷：${s.questionnaires.map((q) => `${q.title}（${q.target}，${q.mode === 'code' ? `验证码 ${q.codesUsed}/${q.codes} 已用` : '扫码作答'}，答卷 ${q.answers} 份）`).join('；')}`,
    `未使用的纸质问卷验证码：${s.accessCode.code}，在 ${s.accessCode.link} 作答`,
  ];
}
