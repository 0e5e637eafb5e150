/**
 * The rectification plans world: the reports world (town A with a town target reaching two villages
 * and a village target; village B's town with one village target) plus the joint reviewers of the
 * discipline commission and the organisation department, and a user of village B's town.
 */
import { townUser } from '../../test/fixtures';
import { COUNTY, orgUser } from '../../test/world';
import { createReportsWorld, type ReportsWorld } from '../reports/test-setup';

export { PNG } from '../inspections/test-setup';

export interface PlansWorld extends ReportsWorld {
  discipline: string;
  organization: string;
  townB: string;
  /** the user of town B */
  townBUser: string;
}

export async function createPlansWorld(): Promise<PlansWorld> {
  const w = await createReportsWorld();
  const discipline = (await orgUser(w.t, w.admin, 'discipline', COUNTY, 'jiwei', ['discipline'])).cookie;
  const organization = (await orgUser(w.t, w.admin, 'organization', COUNTY, 'zuzhibu', ['organization'])).cookie;
  const townB = (await w.t.ctx.db.selectFrom('divisions').select('parent_code').where('code', '=', w.villageB).executeTakeFirstOrThrow()).parent_code!;
  const townBUser = (await townUser(w.t, w.admin, townB, 'townb')).cookie;
  return { ...w, discipline, organization, townB, townBUser };
}

/** Records the team's feedback to a town directly (the reports module's rules are tested there). */
export async function setTownFeedback(w: PlansWorld, on: string) {
  await w.t.ctx.db.updateTable('round_targets').set({ feedback_on: on }).where('id', '=', w.townTarget).execute();
}
