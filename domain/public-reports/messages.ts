/**
 * Two-way messages on a report between its handler (the team or the office) and the reporter, who
 * reaches the thread only with the receipt.
 *
 * - Either side may write while the report is open, and for FOLLOW_UP_DAYS after it was finished
 *   (办结/转交/合并): long enough to ask about a reply, short enough that an old receipt is not a
 *   channel for ever. A new matter after that is a new report.
 * - Staff write only where they may triage (triage.ts handlerOf): the team while it handles its inbox,
 *   then the office.
 * - The reporter writes at most REPORTER_DAILY_LIMIT messages a day (a receipt can be shared or leaked).
 * - Order is the server's per-report sequence number, never a clock: the reporter's messages keep only
 *   the date (as the report does), so times cannot order them.
 */
import { z } from 'zod';
import { daysBetween } from '../shared/calendar';
import { attachmentListInput, chinaDay } from './report';
import { handlerOf, isFinished, type Inbox, type IntakeActor, type ReportStatus } from './triage';
import type { RoundPhase } from '../planning/round';

export const MESSAGE_AUTHORS = { reporter: '反映人', team: '巡察组', office: '巡察办' } as const;
export type MessageAuthor = keyof typeof MESSAGE_AUTHORS;

export const FOLLOW_UP_DAYS = 30;
export const REPORTER_DAILY_LIMIT = 10;
export const MESSAGE_MAX = 2000;

export const messageInput = z
  .object({
    body: z
      .string()
      .default('')
      .transform((s) => s.replace(/\r\n?/g, '\n').trim())
      .refine((s) => [...s].length <= MESSAGE_MAX, `留言不超过 ${MESSAGE_MAX} 字`),
    attachments: attachmentListInput,
  })
  .refine((m) => m.body !== '' || m.attachments.length > 0, { message: '请填写留言内容或添加附件', path: ['body'] });
export type MessageInput = z.input<typeof messageInput>;
export type ParsedMessage = z.output<typeof messageInput>;

export interface ThreadFacts {
  status: ReportStatus;
  /** China date the report was finished (办结/转交/合并), null while open */
  finishedOn: string | null;
  today: string;
}

function windowRefusal(f: ThreadFacts): string | null {
  if (!isFinished(f.status) || f.finishedOn === null) return null;
  if (daysBetween(f.finishedOn, f.today) > FOLLOW_UP_DAYS) return `该事项办结已超过 ${FOLLOW_UP_DAYS} 天，不能再留言；如有新的问题，请重新反映`;
  return null;
}

/** Why the reporter (holding the receipt) may not post now, or null. */
export function reporterMessageRefusal(f: ThreadFacts & { reporterMessagesToday: number }): string | null {
  return windowRefusal(f) ?? (f.reporterMessagesToday >= REPORTER_DAILY_LIMIT ? `今天的留言已达 ${REPORTER_DAILY_LIMIT} 条，请明天再留言` : null);
}

/** Why a staff actor may not post on a report in `inbox` now, or null. */
export function staffMessageRefusal(f: ThreadFacts & { actor: IntakeActor; inbox: Inbox; phase: RoundPhase }): string | null {
  if (f.actor.kind === 'other') return '只有负责处理该来件的巡察组或巡察办可以答复反映人';
  const handler = handlerOf(f.inbox, f.phase);
  if (f.actor.kind !== handler.kind || (f.actor.kind === 'team' && handler.kind === 'team' && f.actor.teamId !== handler.teamId)) {
    return handler.kind === 'team' ? '巡察期间由负责该村（社区）的巡察组答复反映人' : '该来件现由巡察办处理，由巡察办答复反映人';
  }
  return windowRefusal(f);
}

export interface ThreadMessage {
  seq: number;
  author: MessageAuthor;
  body: string;
  /** China date; staff messages may also carry `at` for staff views */
  on: string;
  at?: Date | null;
  attachments: number;
}

/** The sequence number for the next message of a thread. */
export const nextSeq = (messages: readonly { seq: number }[]): number => messages.reduce((m, x) => Math.max(m, x.seq), 0) + 1;

export const orderMessages = <T extends { seq: number }>(messages: readonly T[]): T[] => [...messages].sort((a, b) => a.seq - b.seq);

/** The stored fields of a new message: a reporter's keeps only the date. */
export function storedMessageFields(author: MessageAuthor, m: ParsedMessage, at: Date, seq: number): { seq: number; author: MessageAuthor; body: string; on: string; at: Date | null } {
  return { seq, author, body: m.body, on: chinaDay(at), at: author === 'reporter' ? null : at };
}

/** What the reporter sees: sides, not staff names; dates, not times. */
export function publicThread(messages: readonly ThreadMessage[]): { author: string; body: string; on: string; attachments: number }[] {
  return orderMessages(messages).map((m) => ({ author: MESSAGE_AUTHORS[m.author], body: m.body, on: m.on, attachments: m.attachments }));
}

/** True when the reporter wrote last: the handler owes an answer (inbox badge). */
export const awaitingStaffReply = (messages: readonly { seq: number; author: MessageAuthor }[]): boolean => {
  const last = orderMessages(messages).at(-1);
  return last !== undefined && last.author === 'reporter';
};
