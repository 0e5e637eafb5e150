/**
 * 巡察公告: the facts a team's notice carries per round (举报电话, 邮政信箱, 电子邮箱, 接待地点和时间, the
 * on-site period and the 信访受理截止日期) with their checks, and the poster's text built from them —
 * one text for the .docx, the print page and the public report page.
 *
 * Pure and browser-safe: no clock (dates are passed in as China 'YYYY-MM-DD'), no node built-ins.
 */
import { z } from 'zod';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day 'YYYY-MM-DD'. */
export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

// — the phone —

/**
 * Full-width digits, spaces and dashes folded; the area code's separator — a dash of any kind, a space
 * (full-width too) or brackets — becomes one '-' ('0519 87654321' and '（0519）87654321' → '0519-87654321');
 * any other spaces and brackets dropped ('139 1234 5678' → '13912345678').
 */
export function normalizePhone(input: string): string {
  return input
    .normalize('NFKC')
    .trim()
    .replace(/[‐‑‒–—―－_]/g, '-')
    .replace(/^\(\s*(0\d{2,3})\s*\)\s*-?\s*/, '$1-')
    .replace(/^(0\d{2,3})(?:\s*-\s*|\s+)(?=\d)/, '$1-')
    .replace(/[\s()]/g, '');
}

const MOBILE = /^1[3-9]\d{9}$/;
/** 0531-86123456, 0519-8765432, with an optional extension -123; also an area code before a short hotline (0519-12388). */
const LANDLINE = /^0\d{2,3}-?(?:[2-9]\d{6,7}(?:-\d{1,6})?|1\d{4})$/;
/** Short public hotlines: 12388 (纪检监察举报), 12345, 12317 … */
const SHORT = /^1\d{4}$/;

/** Why `input` is not a phone number people can dial, or null. */
export function phoneProblem(input: string): string | null {
  const p = normalizePhone(input);
  if (p === '') return '请填写举报电话';
  if (MOBILE.test(p) || LANDLINE.test(p) || SHORT.test(p)) return null;
  if (/^\d{7,8}$/.test(p)) return '固定电话请加区号，如 0519-87654321';
  return '举报电话格式不正确：手机号为 11 位，固定电话写作“区号-号码”（如 0531-86123456），也可填写 12388 等 5 位短号';
}

// — the mailbox and e-mail —

/** Full-width letters, digits and spaces to half-width; Chinese punctuation such as （） stays. */
export const foldWidth = (s: string): string => s.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

export const MAILBOX_MAX = 80;

/** Why `input` is not a postal mailbox a letter can reach, or null. */
export function mailboxProblem(input: string): string | null {
  const m = foldWidth(input).trim();
  if (m === '') return '请填写邮政信箱';
  if ([...m].length > MAILBOX_MAX) return `邮政信箱不超过 ${MAILBOX_MAX} 字`;
  if (!m.includes('信箱')) return '邮政信箱请写明信箱，如“溧阳市2026号信箱”';
  if (!/(?<!\d)\d{6}(?!\d)/.test(m)) return '邮政信箱请写明 6 位邮政编码，如“溧阳市2026号信箱（邮编 213300）”';
  return null;
}

const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

// — the notice —

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}不超过 ${max} 字`)
    .nullish()
    .transform((v) => (v ? v : null));

const dateField = (message: string) => z.string({ message }).trim().refine(isIsoDate, message);

/** What the office fills in per round × team. Field checks here; the checks across fields in `noticeProblems`. */
export const noticeInput = z.object({
  phone: z
    .string({ message: '请填写举报电话' })
    .max(40, '举报电话过长')
    .superRefine((v, c) => {
      const p = phoneProblem(v);
      if (p) c.addIssue({ code: 'custom', message: p });
    })
    .transform(normalizePhone),
  mailbox: z
    .string({ message: '请填写邮政信箱' })
    .superRefine((v, c) => {
      const p = mailboxProblem(v);
      if (p) c.addIssue({ code: 'custom', message: p });
    })
    .transform((v) => foldWidth(v).trim()),
  email: z
    .string()
    .trim()
    .max(100, '电子邮箱过长')
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || EMAIL.test(v), '电子邮箱格式不正确，如 xuncha1@163.com'),
  receptionPlace: optionalText(60, '接待地点'),
  receptionHours: optionalText(60, '接待时间'),
  onSiteFrom: dateField('请选择进驻日期'),
  onSiteTo: dateField('请选择巡察结束日期'),
  petitionCutoff: dateField('请选择信访受理截止日期'),
  /** the version the editor read; a stale one is refused */
  version: z.number().int().min(1).optional(),
});
export type NoticeInput = z.output<typeof noticeInput>;

export interface NoticeFacts {
  phone: string;
  mailbox: string;
  email: string | null;
  receptionPlace: string | null;
  receptionHours: string | null;
  onSiteFrom: string;
  onSiteTo: string;
  petitionCutoff: string;
}

/** Checks across fields, against the round's dates; every problem at once, each with its field. */
export function noticeProblems(n: Pick<NoticeFacts, 'onSiteFrom' | 'onSiteTo' | 'petitionCutoff'>, round: { startDate: string; endDate: string }): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (n.onSiteFrom < round.startDate) out.push({ path: 'onSiteFrom', message: `进驻日期不能早于本轮巡察开始日期（${chinaDateText(round.startDate)}）` });
  if (n.onSiteTo > round.endDate) out.push({ path: 'onSiteTo', message: `巡察结束日期不能晚于本轮巡察结束日期（${chinaDateText(round.endDate)}）` });
  if (n.onSiteTo < n.onSiteFrom) out.push({ path: 'onSiteTo', message: '巡察结束日期不能早于进驻日期' });
  if (n.petitionCutoff < n.onSiteFrom) out.push({ path: 'petitionCutoff', message: '信访受理截止日期不能早于进驻日期' });
  else if (n.petitionCutoff > n.onSiteTo) out.push({ path: 'petitionCutoff', message: '信访受理截止日期不能晚于巡察结束日期' });
  return out;
}

/** Defaults of a notice nobody has filled in yet: the round's period, the cut-off on its last day. */
export function defaultNoticeDates(round: { startDate: string; endDate: string }): Pick<NoticeFacts, 'onSiteFrom' | 'onSiteTo' | 'petitionCutoff'> {
  return { onSiteFrom: round.startDate, onSiteTo: round.endDate, petitionCutoff: round.endDate };
}

// — the text —

/** 2026-09-01 → 2026年9月1日. */
export function chinaDateText(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A period as the notice writes it: the second year left out when it is the same. */
export function periodText(from: string, to: string): string {
  const a = chinaDateText(from);
  const b = chinaDateText(to);
  return from.slice(0, 4) === to.slice(0, 4) ? `${a}至${b.slice(b.indexOf('年') + 1)}` : `${a}至${b}`;
}

/** 溧阳市 → 中共溧阳市委 and 市委; ××县 → 中共××县委 and 县委. */
export function committeeOf(countyName: string): { full: string; short: string } {
  const name = countyName.trim();
  const last = name.slice(-1);
  const short = ['县', '市', '区', '旗'].includes(last) ? `${last}委` : '县委';
  return { full: `中共${name}委`, short };
}

export interface PosterFacts {
  countyName: string;
  teamName: string;
  /** the target as the notice names it: a village's short name (××村, ××社区) or a town's name */
  targetName: string;
  targetKind: 'village' | 'town';
  notice: NoticeFacts;
  /** the page a person types when they cannot scan */
  url: string;
}

export interface PosterText {
  title: string;
  issuer: string;
  /** 成文日期: the day the team enters */
  date: string;
  paragraphs: string[];
  /** label, value */
  contacts: [string, string][];
  scanLines: string[];
}

/** The issuing body: the team under the county committee, unless the team's name already says so. */
export function issuerOf(countyName: string, teamName: string): string {
  const team = teamName.trim();
  return team.startsWith('中共') ? team : `${committeeOf(countyName).full}${team}`;
}

/** The 巡察公告 text for one target. */
export function posterText(f: PosterFacts): PosterText {
  const c = committeeOf(f.countyName);
  const issuer = issuerOf(f.countyName, f.teamName);
  const team = f.teamName.trim().startsWith('中共') ? f.teamName.trim() : `${c.short}${f.teamName.trim()}`;
  const organ = f.targetKind === 'town' ? `${f.targetName}党委` : `${f.targetName}党组织`;
  const whom = f.targetKind === 'town' ? `${f.targetName}党委领导班子及其成员、所辖村（社区）“两委”班子及其成员` : `${f.targetName}“两委”班子及其成员`;
  const n = f.notice;
  const contacts: [string, string][] = [
    ['举报电话', n.phone],
    ['邮政信箱', n.mailbox],
  ];
  if (n.email) contacts.push(['电子邮箱', n.email]);
  if (n.receptionPlace && n.receptionHours) contacts.push(['接待地点和时间', `${n.receptionPlace}，${n.receptionHours}`]);
  else if (n.receptionPlace) contacts.push(['接待地点', n.receptionPlace]);
  else if (n.receptionHours) contacts.push(['接待时间', n.receptionHours]);
  contacts.push(['信访受理截止日期', chinaDateText(n.petitionCutoff)]);
  return {
    // one line of 2号 type holds 19 characters; longer names break before 巡察公告
    title: [...issuer].length + 4 <= 19 ? `${issuer}巡察公告` : `${issuer}\n巡察公告`,
    issuer,
    date: n.onSiteFrom,
    paragraphs: [
      `按照${c.short}统一部署，${team}于${periodText(n.onSiteFrom, n.onSiteTo)}对${organ}开展巡察。`,
      `巡察期间，巡察组主要受理反映${whom}违反政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律，以及侵害群众利益等方面问题的来信来电来访。其他不属于巡察受理范围的问题，按规定由有关部门处理。`,
      '欢迎广大党员群众通过以下方式如实反映问题：',
    ],
    contacts,
    // the short code itself stands under the QR code, on one line of its own
    scanLines: [`扫码反映：微信扫描右侧二维码或用手机浏览器打开 ${f.url} ，可匿名反映，凭回执码查询办理情况。`, '不能扫码的，打开上述网址后输入二维码下方的扫码编号。'],
  };
}
