/** Organisation kinds, roles and permissions: shared by the server (enforcement) and the web (menus). */

export const ORG_KINDS = {
  office: '巡察办',
  leading_group: '巡察工作领导小组',
  team: '巡察组',
  town: '镇（街道）党（工）委',
  village: '村（社区）党组织',
  discipline: '纪委监委',
  organization: '组织部',
  department: '职能部门',
  auditor: '审计/中介机构',
} as const;
export type OrgKind = keyof typeof ORG_KINDS;
export const ORG_KIND_LIST = Object.keys(ORG_KINDS) as OrgKind[];

export const ROLES = {
  admin: '系统管理员',
  office: '巡察办工作人员',
  leading_group: '领导小组成员',
  team_leader: '巡察组组长',
  team_deputy: '巡察组副组长',
  team_member: '巡察组组员',
  town: '镇（街道）工作人员',
  village: '村（社区）工作人员',
  discipline: '纪检监察人员',
  organization: '组织部门人员',
  department: '职能部门人员',
  auditor: '审计人员',
} as const;
export type Role = keyof typeof ROLES;
export const ROLE_LIST = Object.keys(ROLES) as Role[];

/** Which roles a user of an organisation kind may hold. */
export const ROLES_BY_ORG_KIND: Record<OrgKind, Role[]> = {
  office: ['admin', 'office'],
  leading_group: ['leading_group'],
  team: ['team_leader', 'team_deputy', 'team_member'],
  town: ['town'],
  village: ['village'],
  discipline: ['discipline'],
  organization: ['organization'],
  department: ['department'],
  auditor: ['auditor'],
};

export const PERMISSIONS = {
  'registry.read': '查看村情底数',
  'registry.write': '维护村情档案和村干部信息',
  'registry.import': '导入行政区划',
  'access.manage': '管理组织和用户',
  'audit.read': '查看审计日志',
  'planning.read': '查看巡察规划和轮次',
  'planning.write': '制定巡察规划、轮次、巡察组和人员',
  'planning.schedule': '查看本辖区村（社区）的巡察安排',
  'calendar.write': '维护法定节假日和调休',
  'checklists.read': '查看监督清单',
  'checklists.write': '维护监督清单',
  'inspections.read': '查看村级巡察工作',
  'inspections.work': '开展村级巡察工作（本组对象）',
  'inspections.override': '特批完成村级巡察',
  'findings.read': '查看问题底稿',
  'findings.write': '撰写问题底稿',
  'findings.review_deputy': '审核问题底稿（副组长）',
  'findings.review_leader': '审定问题底稿（组长）',
  'leads.read': '查看问题线索',
  'leads.write': '登记和移交问题线索',
  'leads.dispose': '接收问题线索并登记处置结果',
  'reports.read': '查看巡察报告和反馈',
  'reports.write': '起草巡察报告、登记反馈和移交事项',
  'reports.approve': '审定巡察报告',
  'statistics.read': '查看巡察统计',
  'archive.read': '查看和导出巡察档案（立卷归档）',
  'rectification.read': '查看整改事项和整改台账',
  'rectification.report': '制定整改措施、报告整改进展（责任单位）',
  'rectification.review': '核查整改情况',
  'rectification.manage': '生成整改事项、确定责任单位和整改期限',
  'public_reports.read': '查看群众反映（码上巡）',
  'public_reports.handle': '办理群众反映、答复反映人',
  'public_reports.reveal': '查看实名反映人身份（须说明理由，留痕）',
  'questionnaires.manage': '制作和发布问卷、查看问卷结果',
  'analytics.read': '查看大数据比对疑点',
  'analytics.manage': '导入比对数据、管理比对模型、运行比对',
  'analytics.verify': '核查比对疑点（本组村）',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const OFFICE_WORK: Permission[] = [
  'planning.read',
  'planning.write',
  'planning.schedule',
  'calendar.write',
  'checklists.read',
  'checklists.write',
  'inspections.read',
  'inspections.work',
  'inspections.override',
  'findings.read',
  'leads.read',
  'leads.write',
  'reports.read',
  'reports.write',
  'reports.approve',
  'statistics.read',
  'archive.read',
  'rectification.read',
  'rectification.review',
  'rectification.manage',
  'public_reports.read',
  'public_reports.handle',
  'questionnaires.manage',
  'analytics.read',
  'analytics.manage',
];
const TEAM_WORK: Permission[] = [
  'planning.read',
  'checklists.read',
  'inspections.read',
  'inspections.work',
  'findings.read',
  'findings.write',
  'leads.read',
  'leads.write',
  'reports.read',
  'reports.write',
  'archive.read',
  'rectification.read',
  'rectification.review',
  'public_reports.read',
  'public_reports.handle',
  'questionnaires.manage',
  'analytics.read',
  'analytics.verify',
];

/**
 * Reading planning or inspections does not by itself mean seeing everything: team users see only the
 * rounds and targets of their own team (server/modules/planning/team-scope), towns only the schedule.
 */
const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  admin: ['access.manage', 'audit.read', 'registry.read', 'registry.write', 'registry.import', ...OFFICE_WORK],
  // only the office may reveal who reported, never the system administrator (decision 0009)
  office: ['audit.read', 'registry.read', 'registry.write', 'registry.import', ...OFFICE_WORK, 'public_reports.reveal'],
  leading_group: ['registry.read', 'planning.read', 'planning.schedule', 'checklists.read', 'inspections.read', 'findings.read', 'leads.read', 'reports.read', 'statistics.read', 'archive.read', 'rectification.read'],
  team_leader: ['registry.read', ...TEAM_WORK, 'findings.review_leader'],
  team_deputy: ['registry.read', ...TEAM_WORK, 'findings.review_deputy'],
  team_member: ['registry.read', ...TEAM_WORK],
  // The town is the first keeper of its villages' records: it maintains profiles and rosters.
  town: ['registry.read', 'registry.write', 'planning.schedule', 'rectification.read', 'rectification.report'],
  village: ['registry.read', 'planning.schedule', 'rectification.read', 'rectification.report'],
  // Discipline and organisation see only the leads transferred to them (server/modules/leads).
  discipline: ['registry.read', 'planning.schedule', 'checklists.read', 'leads.read', 'leads.dispose', 'rectification.read'],
  organization: ['registry.read', 'planning.schedule', 'checklists.read', 'leads.read', 'leads.dispose', 'rectification.read'],
  // The competent department (主管部门) signs off rectification items of its field.
  department: ['registry.read', 'rectification.read'],
  auditor: ['registry.read'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []));
}

export const isRole = (r: string): r is Role => r in ROLES;
export const isOrgKind = (k: string): k is OrgKind => k in ORG_KINDS;

/**
 * Scope codes are prefixes of the national division codes: a city office '3204' sees every county
 * under it, a county office '320481' its county, a town '320481100' its town, a village its 12 digits.
 */
export function scopeCovers(scope: string, code: string): boolean {
  return code.startsWith(scope);
}

/** The level an organisation's scope code stands for. */
export function scopeLevel(scope: string): 'province' | 'city' | 'county' | 'town' | 'village' {
  switch (scope.length) {
    case 2:
      return 'province';
    case 4:
      return 'city';
    case 6:
      return 'county';
    case 9:
      return 'town';
    case 12:
      return 'village';
    default:
      throw new Error(`invalid scope code ${scope}`);
  }
}
