/**
 * 大数据比对 suspicion points (疑点) as the API sends them: server/modules/analytics/hits.service.ts
 * returns these shapes and web/src/api/analytics-runs.ts reads them, so the type check proves that
 * both sides agree. Types only (every instant is an ISO string: this is the JSON, not the row).
 */

export type HitStatus = 'pending' | 'confirmed' | 'dismissed';
export type DismissReason = 'data_error' | 'already_handled' | 'eligible' | 'other';

/** A hit in the list (GET /api/analytics/hits). */
export interface Hit {
  id: string;
  modelKey: string;
  modelName: string;
  villageCode: string | null;
  villageName: string | null;
  townName: string | null;
  roundId: string | null;
  teamId: string | null;
  teamName: string | null;
  amountFen: number | null;
  severity: number | null;
  explanation: string;
  status: HitStatus;
  statusName: string;
  dismissReason: DismissReason | null;
  dismissReasonName: string | null;
  dismissText: string | null;
  verifiedAt: string | null;
  findingId: string | null;
  leadId: string | null;
  seenCount: number;
  firstRunId: string;
  lastRunId: string;
  createdAt: string;
}

/** The row a model returned for the hit, with Chinese column labels and display texts. */
export interface HitEvidence {
  columns: { key: string; label: string; display: string }[];
  row: Record<string, unknown>;
  datasets: { id: string; name: string }[];
}

/** One hit with its evidence and what the caller may do (GET /api/analytics/hits/:id and the verifications). */
export interface HitDetail extends Hit {
  modelDescription: string | null;
  evidence: HitEvidence;
  canVerify: boolean;
  /** what the caller may confirm the hit into: a finding needs findings.write (teams), a lead leads.write */
  confirmAs: ('finding' | 'lead')[];
  /** who confirms the hit into a finding, in Chinese (the team of its village, or why nobody can yet) */
  findingBy: string;
  canReopen: boolean;
  /** the office may assign this hit without a team (ad hoc) to a round in which its village is a target */
  canAssign: boolean;
}

/** A round an ad-hoc hit may be assigned to, with the team inspecting its village (GET /api/analytics/hits/:id/rounds). */
export interface AssignableRound {
  roundId: string;
  roundName: string;
  phase: string;
  phaseName: string;
  teamId: string;
  teamName: string;
}

/** Counts per village under the list's filters (GET /api/analytics/hits/by-village). */
export interface VillageGroup {
  villageCode: string | null;
  villageName: string | null;
  townName: string | null;
  teamName: string | null;
  total: number;
  pending: number;
  confirmed: number;
  dismissed: number;
  amountFen: number;
}
