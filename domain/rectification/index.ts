/**
 * Rectification (整改) — the pure domain, from feedback to sign-off. DOMAIN.md "Rectification — 整改",
 * "The round, phase by phase" (整改, 公开, 评估/回头看) and "Deadline alerts" (三色预警).
 *
 * - item.ts       a rectification item per finding fed back: kinds 立行立改/限期整改/长期坚持, the
 *                 responsible unit (town Party committee by default; village or department), lead and
 *                 cooperating units, the status table with its guard, deadline rules per kind.
 * - plan.ts       the town's 整改方案 per round, jointly reviewed by 巡察办, 纪委监委 and 组织部; the
 *                 整改情况报告 due N months (2) after feedback.
 * - alerts.ts     三色预警: level, recipients and an idempotency key per (item, level, due date).
 * - sign-off.ts   销号 by the required parties (四方联审) against evidence versions, plus the rating rule.
 * - rating.ts     mass representatives' rating, 群众满意率 and the unsatisfied-majority rule.
 * - metrics.ts    整改到位率, 移交事项办结率, 群众满意率 with exact definitions (null when nothing to measure).
 * - evaluation.ts 整改成效评估: the 100-point deduction model (15/15/60/10) and grades 好/较好/一般/差.
 * - look-back.ts  回头看 candidates from the rectification state.
 * - ledger.ts     "三清单一台账": the problem, task and responsibility lists and the ledger as sheets.
 * - disclosure.ts 整改情况公开: what may be published; the five exemption reasons.
 * - inputs.ts     zod schemas of every input the server takes.
 *
 * Nothing here reads a clock: "today" is a China date ('YYYY-MM-DD') passed in (leads/deadline chinaDate).
 */
export * from './alerts';
export * from './disclosure';
export * from './evaluation';
export * from './inputs';
export * from './item';
export * from './ledger';
export * from './look-back';
export * from './metrics';
export * from './plan';
export * from './rating';
export * from './sign-off';
