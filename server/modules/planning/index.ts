/**
 * Planning: term plans and coverage, the official calendar, rounds with targets and phases, people and
 * teams with 回避, and the towns' schedule. Other modules and the demo builder use it through here.
 */
export { planningRoutes } from './planning.routes';
export { loadCalendarOverrides, calendarYear, workingDaysReport, setCalendarOverride, removeCalendarOverride } from './calendar.service';
export { createTermPlan, updateTermPlan, listTermPlans, getTermPlan, termPlanCoverage, chinaDate } from './term-plans.service';
export { createRound, updateRound, getRound, listRounds, copyRound, transitionRound, recordMilestones, roundFacts, townSchedule, roundOut } from './rounds.service';
export { addTarget, updateTarget, removeTarget, assignTeam, recordFeedback } from './targets.service';
export { createTeam, updateTeam, deleteTeam, addTeamMember, removeTeamMember } from './teams.service';
export { createPerson, updatePerson, deletePerson, listPeople, getPerson } from './people.service';
export { roundLabel } from '../../../domain/planning/requests';
