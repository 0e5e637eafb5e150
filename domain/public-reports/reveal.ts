/**
 * Revealing a named reporter's identity (decision 0009): only the office's inspection staff, never a
 * system administrator (the "curious admin" of the threat model), never a team, town or village; each
 * reveal needs the office passphrase and a stated reason, and leaves an audit row naming who, when,
 * which report and why — never the identity itself.
 */
import { z } from 'zod';
import type { Role } from '../access/roles';

/** Roles that may reveal. `admin` is left out on purpose: running the system is not reading reporters. */
export const REVEAL_ROLES: readonly Role[] = ['office'];

export const REVEAL_REASON_MIN = 10;

export const revealInput = z.object({
  reason: z
    .string({ message: '请说明查看反映人身份的理由' })
    .trim()
    .refine((s) => [...s].length >= REVEAL_REASON_MIN, `请具体说明查看反映人身份的理由（至少 ${REVEAL_REASON_MIN} 个字），理由将记入审计日志`)
    .refine((s) => [...s].length <= 500, '理由不超过 500 字'),
  passphrase: z.string({ message: '请输入身份信息密钥口令' }).min(1, '请输入身份信息密钥口令'),
});
export type RevealInput = z.input<typeof revealInput>;

/** Why the caller may not reveal this report's reporter, or null. */
export function revealRefusal(f: { roles: readonly Role[]; anonymous: boolean; sealed: boolean }): string | null {
  if (!f.roles.some((r) => REVEAL_ROLES.includes(r))) return '只有巡察办工作人员可以查看反映人身份；系统管理员和巡察组不能查看';
  if (f.anonymous || !f.sealed) return '该来件为匿名反映，没有可查看的身份信息';
  return null;
}

/** What the audit row of a reveal records: everything but the identity (and never the passphrase). */
export function revealAuditFields(e: { reportId: string; userId: string; reason: string; keyId: string }): { action: 'public_report.reveal_identity'; reportId: string; userId: string; reason: string; keyId: string } {
  return { action: 'public_report.reveal_identity', reportId: e.reportId, userId: e.userId, reason: e.reason.trim(), keyId: e.keyId };
}
