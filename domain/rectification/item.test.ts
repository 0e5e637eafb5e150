import { describe, expect, it } from 'vitest';
import {
  allowedItemActions,
  DEFAULT_ITEM_DEADLINE_SETTINGS,
  isOverdue,
  itemDeadlineProblems,
  itemDeadlineSettingsInput,
  itemMove,
  nextDueOn,
  ITEM_ACTION_LIST,
  ITEM_STATUS_LIST,
  type ItemAction,
  type ItemActor,
  type ItemFacts,
  type ItemKind,
  type ItemStatus,
} from './item';

const none: ItemActor = { canReport: false, ofResponsibleUnit: false, canReview: false, signingParty: null, canManage: false };
const ACTORS: Record<string, ItemActor> = {
  reporter: { ...none, canReport: true, ofResponsibleUnit: true },
  other_town: { ...none, canReport: true, ofResponsibleUnit: false },
  team: { ...none, canReview: true },
  office: { ...none, canReview: true, canManage: true, signingParty: 'office' },
  discipline: { ...none, signingParty: 'discipline' },
  department: { ...none, signingParty: 'department' },
  system: { ...none, isSystem: true },
  nobody: none,
};
const FACTS: ItemFacts = { kind: 'limited', measures: '建立制度', deadline: '2026-06-30', evidenceCount: 1, comment: '意见', newDeadline: '2026-12-31', closureBlockers: [] };

/** The whole table, by hand: (status, action, actor) → new status. Everything else is refused. */
const ALLOWED = new Map<string, ItemStatus>();
const allow = (statuses: ItemStatus[], action: ItemAction, actors: string[], to: ItemStatus | 'same') => {
  for (const s of statuses) for (const a of actors) ALLOWED.set(`${s}|${action}|${a}`, to === 'same' ? s : to);
};
allow(['drafting', 'in_progress', 'returned'], 'edit_measures', ['reporter'], 'same');
allow(['drafting'], 'start', ['reporter'], 'in_progress');
allow(['in_progress', 'returned'], 'report_progress', ['reporter'], 'same');
allow(['in_progress', 'returned', 'submitted', 'signing'], 'add_evidence', ['reporter'], 'same');
allow(['in_progress', 'returned'], 'submit', ['reporter'], 'submitted');
allow(['submitted'], 'accept', ['team', 'office'], 'signing');
allow(['signing'], 'approve', ['office', 'discipline', 'department'], 'same');
allow(['submitted'], 'return', ['team', 'office'], 'returned');
allow(['signing'], 'return', ['office', 'discipline', 'department'], 'returned');
allow(['signing'], 'close', ['system'], 'closed');
allow(['drafting', 'in_progress', 'submitted', 'signing', 'returned'], 'extend', ['office'], 'same');
allow(['closed'], 'reopen', ['office'], 'returned');

describe('rectification item table: every (status, action, actor)', () => {
  const cases = ITEM_STATUS_LIST.flatMap((s) => ITEM_ACTION_LIST.flatMap((a) => Object.keys(ACTORS).map((who) => [s, a, who] as const)));
  it('covers 6 statuses × 11 actions × 8 actors', () => expect(cases).toHaveLength(528));
  it.each(cases)('%s · %s · %s', (status, action, who) => {
    const move = itemMove(status, action, ACTORS[who]!, FACTS);
    const expected = ALLOWED.get(`${status}|${action}|${who}`);
    if (expected) {
      expect(move).toEqual({ ok: true, to: expected });
    } else {
      expect(move.ok).toBe(false);
      if (!move.ok) {
        expect(move.reasons.length).toBeGreaterThan(0);
        for (const r of move.reasons) expect(r).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
  });
});

describe('rectification item facts', () => {
  const reporter = ACTORS.reporter!;
  it('starting needs measures and the deadline its kind requires', () => {
    expect(itemMove('drafting', 'start', reporter, { ...FACTS, measures: '  ', deadline: null })).toEqual({
      ok: false,
      reasons: ['请先填写整改措施', '限期整改事项须确定整改期限'],
    });
    expect(itemMove('drafting', 'start', reporter, { ...FACTS, kind: 'long_term', deadline: '2026-06-30' })).toEqual({ ok: false, reasons: ['长期坚持类整改事项不设最终期限，实行定期报告'] });
    expect(itemMove('drafting', 'start', reporter, { ...FACTS, kind: 'long_term', deadline: null })).toEqual({ ok: true, to: 'in_progress' });
    expect(itemMove('drafting', 'start', reporter, { ...FACTS, kind: 'immediate', deadline: null })).toEqual({ ok: false, reasons: ['立行立改事项须确定整改期限'] });
  });

  it('applying for closure needs evidence; progress needs text', () => {
    expect(itemMove('in_progress', 'submit', reporter, { ...FACTS, evidenceCount: 0 })).toEqual({ ok: false, reasons: ['申请销号须上传整改佐证材料'] });
    expect(itemMove('returned', 'report_progress', reporter, { ...FACTS, comment: ' ' })).toEqual({ ok: false, reasons: ['请填写整改进展情况'] });
  });

  it('evidence can be added once work has started and until closure', () => {
    expect(itemMove('drafting', 'add_evidence', reporter, FACTS)).toEqual({ ok: false, reasons: ['请先确定整改措施并开始整改，再上传佐证材料'] });
    expect(itemMove('closed', 'add_evidence', reporter, FACTS)).toEqual({ ok: false, reasons: ['整改事项已销号，不能再补充佐证材料'] });
  });

  it('returning and reopening need a reason', () => {
    expect(itemMove('submitted', 'return', ACTORS.team!, { ...FACTS, comment: '' })).toEqual({ ok: false, reasons: ['退回须说明理由'] });
    expect(itemMove('signing', 'return', ACTORS.discipline!, { ...FACTS, comment: undefined })).toEqual({ ok: false, reasons: ['退回须说明理由'] });
    expect(itemMove('closed', 'reopen', ACTORS.office!, { ...FACTS, comment: '' })).toEqual({ ok: false, reasons: ['重新打开须说明理由'] });
  });

  it('closing is the system step after sign-off and lists what still blocks it', () => {
    const blockers = ['尚待纪委监委审核通过第 2 版材料'];
    expect(itemMove('signing', 'close', ACTORS.system!, { ...FACTS, closureBlockers: blockers })).toEqual({ ok: false, reasons: blockers });
    expect(itemMove('signing', 'close', ACTORS.office!, FACTS)).toEqual({ ok: false, reasons: ['销号由系统在各方审核通过后自动完成，不能手工操作'] });
  });

  it('extending needs a later date and a reason, and never applies to 长期坚持', () => {
    const office = ACTORS.office!;
    expect(itemMove('in_progress', 'extend', office, { ...FACTS, newDeadline: '2026-06-30' })).toEqual({ ok: false, reasons: ['新的整改期限应晚于原期限（2026-06-30）'] });
    expect(itemMove('in_progress', 'extend', office, { ...FACTS, newDeadline: null, comment: '' })).toEqual({ ok: false, reasons: ['请填写新的整改期限', '延期须说明理由'] });
    expect(itemMove('in_progress', 'extend', office, { ...FACTS, kind: 'long_term', deadline: null })).toEqual({ ok: false, reasons: ['长期坚持类整改事项没有最终期限，无需延期'] });
    expect(itemMove('closed', 'extend', office, FACTS)).toEqual({ ok: false, reasons: ['整改事项已销号，不能延长期限'] });
  });

  it('lists every reason at once', () => {
    expect(itemMove('closed', 'submit', ACTORS.other_town!, { ...FACTS, evidenceCount: 0 })).toEqual({
      ok: false,
      reasons: ['只有责任单位可以申请销号', '整改事项“已销号”，不能申请销号', '申请销号须上传整改佐证材料'],
    });
    expect(itemMove('drafting', 'approve', ACTORS.team!, FACTS)).toEqual({ ok: false, reasons: ['只有销号审核单位可以审核销号', '整改事项“待制定措施”，不在销号审核中'] });
  });

  it('offers the buttons the table allows', () => {
    expect(allowedItemActions('drafting', ACTORS.reporter!, FACTS)).toEqual(['edit_measures', 'start']);
    expect(allowedItemActions('returned', ACTORS.reporter!, FACTS)).toEqual(['edit_measures', 'report_progress', 'add_evidence', 'submit']);
    expect(allowedItemActions('signing', ACTORS.reporter!, FACTS)).toEqual(['add_evidence']);
    expect(allowedItemActions('signing', ACTORS.office!, FACTS)).toEqual(['approve', 'return', 'extend']);
    expect(allowedItemActions('signing', ACTORS.discipline!, FACTS)).toEqual(['approve', 'return']);
    expect(allowedItemActions('closed', ACTORS.office!, FACTS)).toEqual(['reopen']);
    expect(allowedItemActions('closed', ACTORS.reporter!, FACTS)).toEqual([]);
  });
});

describe('deadlines by kind', () => {
  const cases: [ItemKind, string | null, string[]][] = [
    ['immediate', '2026-03-31', []], // 30 days after 03-01
    ['immediate', '2026-04-01', ['立行立改事项应在 30 天内完成，期限最迟为 2026-03-31；需要更长时间的请改为限期整改']],
    ['immediate', '2026-03-01', []], // the same day
    ['immediate', '2026-02-28', ['整改期限（2026-02-28）不能早于开始整改日期（2026-03-01）']],
    ['immediate', null, ['立行立改事项须确定整改期限']],
    ['limited', '2027-03-01', []], // exactly 12 months
    ['limited', '2027-03-02', ['限期整改期限原则上不超过 12 个月（最迟 2027-03-01）；确需长期推进的请改为长期坚持']],
    ['limited', '2026-02-30', ['整改期限应为有效日期']],
    ['limited', null, ['限期整改事项须确定整改期限']],
    ['long_term', null, []],
    ['long_term', '2026-12-31', ['长期坚持类整改事项不设最终期限，实行定期报告']],
  ];
  it.each(cases)('%s · %s', (kind, deadline, expected) => expect(itemDeadlineProblems(kind, deadline, '2026-03-01')).toEqual(expected));

  it('uses the office settings', () => {
    const s = { ...DEFAULT_ITEM_DEADLINE_SETTINGS, immediateMaxDays: 7, limitedMaxMonths: 6 };
    expect(itemDeadlineProblems('immediate', '2026-03-09', '2026-03-01', s)).toHaveLength(1);
    expect(itemDeadlineProblems('immediate', '2026-03-08', '2026-03-01', s)).toEqual([]);
    expect(itemDeadlineProblems('limited', '2026-09-01', '2026-03-01', s)).toEqual([]);
    expect(itemDeadlineProblems('limited', '2026-09-02', '2026-03-01', s)).toHaveLength(1);
  });

  it('settings default and refuse nonsense in Chinese', () => {
    expect(itemDeadlineSettingsInput.parse(undefined)).toEqual(DEFAULT_ITEM_DEADLINE_SETTINGS);
    expect(itemDeadlineSettingsInput.parse({})).toEqual(DEFAULT_ITEM_DEADLINE_SETTINGS);
    const bad = itemDeadlineSettingsInput.safeParse({ immediateMaxDays: 0, limitedMaxMonths: 1.5, longTermReportMonths: 13 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual(['立行立改期限至少 1 天', '限期整改期限应为整数月', '报告周期最长 12 个月']);
  });
});

describe('next due date', () => {
  it('is the final deadline for 立行立改 and 限期整改', () => {
    expect(nextDueOn({ kind: 'limited', deadline: '2026-06-30', startedOn: '2026-01-01' })).toBe('2026-06-30');
    expect(nextDueOn({ kind: 'immediate', deadline: null, startedOn: null })).toBeNull();
  });
  const longTerm: [string | null, string | null, string | null][] = [
    [null, null, null], // not started
    ['2026-01-31', null, '2026-04-30'], // first quarter, month-end clamped
    ['2026-01-31', '2026-01-31', '2026-04-30'], // a report on the start day answers nothing yet
    ['2026-01-31', '2026-03-15', '2026-07-31'], // answered period 1 → period 2 due
    ['2026-01-31', '2026-04-30', '2026-07-31'], // on the due day still period 1
    ['2026-01-31', '2026-05-01', '2026-10-31'], // period 2 answered
    ['2026-11-30', '2027-01-10', '2027-05-30'], // 11-30 + 3 = 02-28, next 05-30
  ];
  it.each(longTerm)('长期坚持 started %s, last report %s → %s', (startedOn, lastReportOn, expected) =>
    expect(nextDueOn({ kind: 'long_term', deadline: null, startedOn, lastReportOn })).toBe(expected),
  );

  it('overdue is after the due day, and only while open', () => {
    expect(isOverdue({ status: 'in_progress', dueOn: '2026-06-30' }, '2026-06-30')).toBe(false);
    expect(isOverdue({ status: 'in_progress', dueOn: '2026-06-30' }, '2026-07-01')).toBe(true);
    expect(isOverdue({ status: 'signing', dueOn: '2026-06-30' }, '2026-07-01')).toBe(true);
    expect(isOverdue({ status: 'closed', dueOn: '2026-06-30' }, '2026-07-01')).toBe(false);
    expect(isOverdue({ status: 'in_progress', dueOn: null }, '2026-07-01')).toBe(false);
  });
});
