/**
 * 巡察公告 posters per target: the team's notice facts (notices.service), the target's poster code and
 * its QR code, as a .docx (one target, or every target of a round on one page each) and as data for
 * the print page of the web app. Read access as the codes: the round's scope, team users their own
 * targets only; a target whose team has no notice or which has no code yet is refused with what is
 * missing, so no poster is printed without a phone, mailbox or cut-off.
 */
import QRCode from 'qrcode';
import { formatCode, posterPath } from '../../../domain/public-reports/codes';
import { posterText, type NoticeFacts, type PosterText } from '../../../domain/public-reports/notice';
import { DomainError, type ErrorCode } from '../../../domain/shared/errors';
import type { Actor, AppContext } from '../../http/context';
import * as repo from './notices.repository';
import { readableRound, roundLabel, teamIdsOf } from './notices.service';
import { postersDocx } from './posters.docx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const targetNotFound = () => new DomainError('NOT_FOUND', '巡察对象不存在或无权查看');

export interface PosterOut {
  targetId: string;
  targetName: string;
  teamName: string;
  code: string;
  codeShown: string;
  url: string;
  /** the QR code as a PNG data URL (the print page shows it as is) */
  qrCode: string;
  text: PosterText;
}

interface Built extends PosterOut {
  qrPng: Buffer;
}

const qrOptions = { errorCorrectionLevel: 'M', margin: 1, width: 480 } as const;

async function build(ctx: AppContext, actor: Actor, roundId: string, targetId: string | undefined, origin: string): Promise<{ round: { year: number; number: number }; posters: Built[] }> {
  const round = await readableRound(ctx.db, actor, roundId);
  const teamIds = await teamIdsOf(ctx.db, actor);
  const targets = (await repo.posterTargets(ctx.db, round.id, targetId)).filter((t) => teamIds === null || (t.team_id !== null && teamIds.includes(t.team_id)));
  if (targetId && targets.length === 0) throw targetNotFound();
  if (targets.length === 0) throw new DomainError('VALIDATION_FAILED', '本轮还没有巡察对象');
  const notices = new Map((await repo.noticesOfRound(ctx.db, round.id)).map((n) => [n.team_id, n]));
  const countyName = (await repo.divisionName(ctx.db, round.scope_code)) ?? '';

  // every missing fact at once, so the office fixes them in one go: per target in the details, grouped in the message
  const problems: { path: string; message: string; code: ErrorCode }[] = [];
  const byTeam = new Map<string, string[]>();
  const unassigned: string[] = [];
  const noCode: string[] = [];
  for (const t of targets) {
    if (!t.team_id) {
      unassigned.push(t.name);
      problems.push({ path: t.id, message: `${t.name}：尚未分配巡察组`, code: 'PUBLIC_NOTICE_MISSING' });
    } else if (!notices.has(t.team_id)) {
      const team = t.team_name ?? '巡察组';
      byTeam.set(team, [...(byTeam.get(team) ?? []), t.name]);
      problems.push({ path: t.id, message: `${t.name}：${team}的巡察公告尚未填写`, code: 'PUBLIC_NOTICE_MISSING' });
    }
    if (!t.code) {
      noCode.push(t.name);
      problems.push({ path: t.id, message: `${t.name}：尚未生成扫码编号`, code: 'POSTER_CODE_MISSING' });
    }
  }
  if (problems.length > 0) {
    const list = (names: string[]) => (names.length > 6 ? `${names.slice(0, 6).join('、')}等 ${names.length} 个` : names.join('、'));
    const parts = [
      ...[...byTeam].map(([team, names]) => `${team}的巡察公告（举报电话、邮政信箱、信访受理截止日期）尚未填写（${list(names)}）`),
      ...(unassigned.length ? [`尚未分配巡察组：${list(unassigned)}`] : []),
      ...(noCode.length ? [`尚未生成扫码编号：${list(noCode)}（请在“扫码编号”中生成）`] : []),
    ];
    throw new DomainError(problems[0]!.code, `不能生成巡察公告：${parts.join('；')}`, problems.map(({ path, message }) => ({ path, message })));
  }

  const posters = await Promise.all(
    targets.map(async (t): Promise<Built> => {
      const n = notices.get(t.team_id!)!;
      const notice: NoticeFacts = {
        phone: n.phone,
        mailbox: n.mailbox,
        email: n.email,
        receptionPlace: n.reception_place,
        receptionHours: n.reception_hours,
        onSiteFrom: n.on_site_from,
        onSiteTo: n.on_site_to,
        petitionCutoff: n.petition_cutoff,
      };
      const url = `${origin}${posterPath(`r/${t.code!}`)}`;
      const codeShown = formatCode('short', t.code!);
      const targetName = t.kind === 'village' ? t.short_name || t.name : t.name;
      const qrPng = await QRCode.toBuffer(url, { ...qrOptions, type: 'png' });
      return {
        targetId: t.id,
        targetName,
        teamName: t.team_name ?? '',
        code: t.code!,
        codeShown,
        url,
        qrCode: `data:image/png;base64,${qrPng.toString('base64')}`,
        qrPng,
        text: posterText({ countyName, teamName: t.team_name ?? '', targetName, targetKind: t.kind === 'town' ? 'town' : 'village', notice, url }),
      };
    }),
  );
  return { round, posters };
}

/** The posters of a round (or of one of its targets) for the print page. */
export async function listPosters(ctx: AppContext, actor: Actor, roundId: string, targetId: string | undefined, origin: string): Promise<{ roundLabel: string; items: PosterOut[]; total: number }> {
  if (targetId !== undefined && !UUID.test(targetId)) throw targetNotFound();
  const { round, posters } = await build(ctx, actor, roundId, targetId, origin);
  const items = posters.map(({ qrPng: _png, ...p }) => p);
  return { roundLabel: roundLabel(round), items, total: items.length };
}

export interface PosterFile {
  fileName: string;
  buffer: Buffer;
}

/** One target's poster. */
export async function targetPosterDocx(ctx: AppContext, actor: Actor, targetId: string, origin: string): Promise<PosterFile> {
  if (!UUID.test(targetId)) throw targetNotFound();
  const target = await ctx.db.selectFrom('round_targets').select('round_id').where('id', '=', targetId).executeTakeFirst();
  if (!target) throw targetNotFound();
  const { round, posters } = await build(ctx, actor, target.round_id, targetId, origin).catch((e: unknown) => {
    // a round out of scope must not tell that the target exists
    if (e instanceof DomainError && e.code === 'NOT_FOUND') throw targetNotFound();
    throw e;
  });
  const p = posters[0]!;
  return { fileName: `${roundLabel(round)}巡察公告-${p.targetName}.docx`, buffer: await postersDocx([{ text: p.text, qrPng: p.qrPng, codeShown: p.codeShown }], `${p.targetName}巡察公告`) };
}

/** Every target's poster of a round, one page each. */
export async function roundPostersDocx(ctx: AppContext, actor: Actor, roundId: string, origin: string): Promise<PosterFile> {
  const { round, posters } = await build(ctx, actor, roundId, undefined, origin);
  return {
    fileName: `${roundLabel(round)}巡察公告（${posters.length}份）.docx`,
    buffer: await postersDocx(
      posters.map((p) => ({ text: p.text, qrPng: p.qrPng, codeShown: p.codeShown })),
      `${roundLabel(round)}巡察公告`,
    ),
  };
}
