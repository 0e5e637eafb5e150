/** What the workspace shows about its state: why it is read-only, and the reasons of a refusal. */
import { isApiError } from '../../../api/client';
import { refusalReasons as listedReasons } from '../../../api/errors';
import type { Workspace } from '../../../api/inspections';

/**
 * Why the workspace is read-only for this user now, or null when the user may record work. The
 * server's canWork already folds in the round's phase and the status; this names the cause.
 */
export function readOnlyReason(ws: Pick<Workspace, 'canWork' | 'round' | 'inspection'>, mayWork: boolean): string | null {
  if (ws.canWork) return null;
  if (!mayWork) return '只读：您可以查看本村巡察，但没有开展巡察工作的权限';
  if (!ws.round.onSiteWorkAllowed) return `只读：本轮巡察处于“${ws.round.phaseName}”阶段，只有进驻、了解阶段可以登记巡察工作`;
  if (ws.inspection.status === 'completed') return '只读：本村巡察已完成，记录已锁定；如需补充，请先“重新打开”';
  return '只读：当前不能登记本村巡察工作';
}

/** Every reason a refusal lists (details.reasons), or its message when it lists none. */
export function refusalReasons(error: unknown): string[] {
  if (!isApiError(error)) return [];
  const reasons = listedReasons(error);
  return reasons.length ? reasons : [error.message];
}
