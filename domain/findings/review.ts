/**
 * The three-step review of a working paper (author → 副组长 → 组长) as a table and one guard.
 *
 *   draft ──submit──▶ submitted ──approve (副组长)──▶ deputy_approved ──approve (组长)──▶ approved
 *   returned ─submit─▶ submitted     │ return (副组长, comment)            │ return (组长, comment)
 *                                   ▼                                    ▼
 *                                returned ◀───────────── reopen (组长, reason) ── approved
 *
 * The author writes and submits; reviewers never review their own paper. Approved is final: only the
 * leader may reopen it, with a reason, which sends it back to the author as returned.
 *
 * Two teams' shapes would otherwise leave a paper stuck (docs/decisions/0007-review-without-deputy.md):
 * - the team has no 副组长 account other than the author: the 组长 reviews it at the first step and
 *   that review is final (submitted ──approve (组长)──▶ approved), so two people still saw it;
 * - the 组长 wrote the paper: the 副组长's approval is final, the author's own 审定 being implied.
 * Editing and deleting are guarded here too: edit draft/returned by the author, delete drafts only.
 */

export const FINDING_STATUSES = {
  draft: '草稿',
  submitted: '待副组长审核',
  deputy_approved: '待组长审定',
  approved: '已审定',
  returned: '退回修改',
} as const;
export type FindingStatus = keyof typeof FINDING_STATUSES;
export const FINDING_STATUS_LIST = Object.keys(FINDING_STATUSES) as FindingStatus[];

export const FINDING_ACTIONS = {
  edit: '修改',
  delete: '删除',
  submit: '提交审核',
  approve: '审核通过',
  return: '退回修改',
  reopen: '重新打开',
} as const;
export type FindingAction = keyof typeof FINDING_ACTIONS;
export const FINDING_ACTION_LIST = Object.keys(FINDING_ACTIONS) as FindingAction[];

/** Steps recorded in finding_reviews. */
export const REVIEW_STEPS = {
  author: '撰写人提交',
  deputy: '副组长审核',
  leader: '组长审定',
  reopen: '组长重新打开',
} as const;
export type ReviewStep = keyof typeof REVIEW_STEPS;

export const REVIEW_DECISIONS = {
  submitted: '提交',
  approved: '通过',
  returned: '退回修改',
  reopened: '重新打开',
} as const;
export type ReviewDecision = keyof typeof REVIEW_DECISIONS;

/** What the guard needs to know about the person acting (permissions from domain/access/roles). */
export interface FindingActor {
  canWrite: boolean;
  canReviewDeputy: boolean;
  canReviewLeader: boolean;
  isAuthor: boolean;
  /** The team has an active 副组长 account other than the paper's author. */
  deputyAvailable: boolean;
  /** The paper's author is the team's 组长. */
  authorIsLeader: boolean;
}

export type FindingMove =
  | { ok: true; to: FindingStatus; step: ReviewStep | null; decision: ReviewDecision | null }
  | { ok: false; reasons: string[] };

const name = (s: FindingStatus) => FINDING_STATUSES[s];
const EDITABLE: readonly FindingStatus[] = ['draft', 'returned'];

/**
 * May `actor` do `action` on a finding in `status`? `comment` is the reviewer's comment (required to
 * return) or the reason to reopen. Refusals list every reason, in Chinese.
 */
export function findingMove(status: FindingStatus, action: FindingAction, actor: FindingActor, comment = ''): FindingMove {
  const reasons: string[] = [];
  const notAuthorOnly = (what: string) => {
    if (!actor.isAuthor) reasons.push(`只有撰写人可以${what}问题底稿`);
  };
  let to: FindingStatus = status;
  let step: ReviewStep | null = null;
  let decision: ReviewDecision | null = null;
  switch (action) {
    case 'edit':
      if (!actor.canWrite) reasons.push('没有撰写问题底稿的权限');
      notAuthorOnly('修改');
      if (status === 'approved') reasons.push('问题底稿已审定，不能修改；如需修改，请组长重新打开');
      else if (!EDITABLE.includes(status)) reasons.push(`问题底稿“${name(status)}”，审核期间不能修改；如需修改，请审核人退回`);
      break;
    case 'delete':
      if (!actor.canWrite) reasons.push('没有撰写问题底稿的权限');
      notAuthorOnly('删除');
      if (status !== 'draft') reasons.push(`只能删除草稿；该问题底稿已“${name(status)}”，编号保留不能删除`);
      break;
    case 'submit':
      if (!actor.canWrite) reasons.push('没有撰写问题底稿的权限');
      notAuthorOnly('提交');
      if (!EDITABLE.includes(status)) reasons.push(`问题底稿“${name(status)}”，不能提交审核`);
      to = 'submitted';
      step = 'author';
      decision = 'submitted';
      break;
    case 'approve':
    case 'return': {
      const verb = action === 'approve' ? '审核通过' : '退回';
      if (status === 'submitted') {
        if (!actor.deputyAvailable) {
          // no other 副组长: the 组长 reviews once, and finally
          if (actor.authorIsLeader) reasons.push('本组没有可审核的副组长，组长本人撰写的问题底稿无法审核；请巡察办为本组增加副组长账号');
          else if (!actor.canReviewLeader) reasons.push('本组没有其他副组长，待审核的问题底稿由组长直接审定');
          step = 'leader';
          to = action === 'approve' ? 'approved' : 'returned';
        } else {
          if (!actor.canReviewDeputy) reasons.push('待副组长审核的问题底稿，只有副组长可以审核');
          step = 'deputy';
          // the 组长's own paper: the 副组长's approval is final
          to = action === 'approve' ? (actor.authorIsLeader ? 'approved' : 'deputy_approved') : 'returned';
        }
      } else if (status === 'deputy_approved') {
        if (!actor.canReviewLeader) reasons.push('待组长审定的问题底稿，只有组长可以审定');
        step = 'leader';
        to = action === 'approve' ? 'approved' : 'returned';
      } else {
        reasons.push(`问题底稿“${name(status)}”，不在审核中，不能${verb}`);
      }
      if (actor.isAuthor) reasons.push('不能审核本人撰写的问题底稿');
      if (action === 'return' && !comment.trim()) reasons.push('退回修改须填写审核意见');
      decision = action === 'approve' ? 'approved' : 'returned';
      break;
    }
    case 'reopen':
      if (!actor.canReviewLeader) reasons.push('只有组长可以重新打开已审定的问题底稿');
      if (status !== 'approved') reasons.push(`问题底稿“${name(status)}”，只有已审定的才需要重新打开`);
      if (!comment.trim()) reasons.push('重新打开须说明原因');
      to = 'returned';
      step = 'reopen';
      decision = 'reopened';
      break;
  }
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, to, step, decision };
}

/** The actions a user may take now (for the buttons; the server checks again). */
export function allowedFindingActions(status: FindingStatus, actor: FindingActor): FindingAction[] {
  return FINDING_ACTION_LIST.filter((a) => findingMove(status, a, actor, 'x').ok);
}

/** Only approved findings go into reports, ledgers of record and feedback. */
export const isReportable = (status: FindingStatus) => status === 'approved';

/** Round phases in which working papers are written and reviewed: 进驻, 了解 and 报告. */
export const FINDING_WRITE_PHASES = ['entry', 'fact_finding', 'report'] as const;
export const phaseAllowsFindings = (phase: string): boolean => (FINDING_WRITE_PHASES as readonly string[]).includes(phase);
