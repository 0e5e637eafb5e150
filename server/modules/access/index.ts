export { accessRoutes } from './access.routes';
export { auditEntryOut, writeAudit, verifyAuditChain, SYSTEM_ACTOR, type AuditEntry, type AuditActor } from './audit.service';
export { rootAdminActor, ensureBootstrapAdmin, hashPassword, randomPassword, login, resolveSession } from './auth.service';
export { createOrganisation, createUser } from './admin.service';
export { listAudit as listAuditEntries } from './audit.repository';
