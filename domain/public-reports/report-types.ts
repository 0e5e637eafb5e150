/**
 * The public's reports (码上巡) in the staff inbox as the API sends them:
 * server/modules/public-reports/inbox.service.ts returns these shapes and web/src/api/public-reports.ts
 * reads them, so the type check proves that both sides agree. Types only (instants are ISO strings,
 * days YYYY-MM-DD: this is the JSON). A named reporter's identity is never here (identityLabel only
 * says 匿名 or sealed; revealing is its own audited call).
 */
import type { ReportLink } from './link-types';
import type { MessageAuthor } from './messages';
import type { ForwardReason, ReportStatus, TriageAction } from './triage';

/** A report in the inbox (GET /api/public-reports/reports). */
export interface ReportSummary {
  id: string;
  number: number;
  roundId: string;
  /** 2026年第1轮 */
  roundLabel: string;
  targetId: string;
  targetName: string;
  villageCode: string;
  teamName: string | null;
  /** who handles it now: the team's name or 巡察办 */
  handler: string;
  categoryName: string;
  /** the first 60 characters of the description */
  excerpt: string;
  anonymous: boolean;
  identityLabel: string;
  status: ReportStatus;
  statusName: string;
  /** YYYY-MM-DD (China) */
  receivedOn: string;
  /** number of messages */
  messages: number;
  /** the reporter wrote last */
  awaitingReply: boolean;
}

/** A file the reporter attached. */
export interface ReportAttachment {
  id: string;
  fileName: string;
  mime: string;
  size: number;
}

/** A message between the reporter and the staff, in order. */
export interface ReportMessage {
  seq: number;
  author: MessageAuthor;
  /** 反映人 / 巡察组（name） / 巡察办（name） */
  authorName: string;
  body: string;
  /** YYYY-MM-DD (China) */
  on: string;
  at: string | null;
}

/**
 * One report with its messages, links and what the caller may do (GET /api/public-reports/reports/:id
 * and the answers of replying, triage, linking and unlinking).
 */
export interface ReportDetail extends Omit<ReportSummary, 'messages'> {
  description: string;
  /** YYYY-MM-DD (China) once finished */
  finishedOn: string | null;
  mergedInto: string | null;
  forwardReason: ForwardReason | null;
  forwardReasonName: string | null;
  forwardBody: string | null;
  attachments: ReportAttachment[];
  messages: ReportMessage[];
  canReply: boolean;
  /** why the caller may not reply now, in Chinese */
  replyRefusal: string | null;
  actions: { action: TriageAction; name: string }[];
  /** the report's findings and leads, live or unlinked */
  links: ReportLink[];
  canUnlink: boolean;
  canReveal: boolean;
}
