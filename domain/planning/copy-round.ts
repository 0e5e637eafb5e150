/**
 * A new round started from a previous one. What was decided carries over — targets with their mode,
 * importance and minimum days, the policy, the steps, optionally the teams — and everything that
 * records progress or is valid for one round only starts again:
 *  - the phase goes back to 准备 and every target to 未开始;
 *  - the leaders' authorisations are dropped (一次一授权: each round needs its own document);
 *  - the members' 回避 declarations are dropped (filed per round, against this round's targets).
 * A 回头看 round can be made from the round it re-inspects by switching every target's mode.
 */
import { z } from 'zod';
import { isoDateField } from '../shared/calendar';
import { roundDescription, type RoundDescription } from './round-description';

export const copyRoundInput = z
  .object({
    number: z.number().int('应为整数').min(1, '轮次编号从 1 开始').max(999),
    year: z.number().int('应为整数').min(2000, '年度不早于 2000 年').max(2100, '年度不晚于 2100 年'),
    theme: z.string().trim().max(200).optional(),
    startDate: isoDateField,
    endDate: isoDateField,
    /** keep the teams and their members (without authorisations and declarations) */
    keepTeams: z.boolean().default(true),
    /** make every target a 回头看 of the previous round */
    asRevisit: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    if (c.endDate < c.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开始日期' });
  });
export type CopyRoundInput = z.input<typeof copyRoundInput>;

export function copyRound(previous: RoundDescription, input: CopyRoundInput): RoundDescription {
  const c = copyRoundInput.parse(input);
  const copy: RoundDescription = {
    number: c.number,
    year: c.year,
    theme: c.theme ?? previous.theme,
    startDate: c.startDate,
    endDate: c.endDate,
    phase: 'preparation',
    onSitePolicy: { ...previous.onSitePolicy },
    steps: { ...previous.steps },
    teams: c.keepTeams
      ? previous.teams.map((t) => ({
          ...t,
          leaderAuthorisation: null,
          members: t.members.map((m) => ({ ...m, avoidanceDeclared: false })),
        }))
      : [],
    targets: previous.targets
      // a department can only be reached 巡部门带村; it stays so in a 回头看 round
      .map((t) => ({
        ...t,
        villages: t.villages.map((v) => ({ ...v })),
        mode: c.asRevisit && t.kind !== 'department' ? 'revisit' : t.mode,
        teamKey: c.keepTeams ? t.teamKey : null,
        status: 'not_started',
      })),
  };
  // the copy must be a valid round on its own
  return roundDescription.parse(copy);
}
