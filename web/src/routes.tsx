/**
 * The staff app's pages: path, title, the permission (access key) a user needs, and where the page
 * sits in the side menu. The menu and the route guard both read this table.
 */
import {
  AlertOutlined,
  QrcodeOutlined,
  AuditOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  FileSearchOutlined,
  ScheduleOutlined,
  ShareAltOutlined,
  ApartmentOutlined,
  CloudUploadOutlined,
  DatabaseOutlined,
  HomeOutlined,
  TagsOutlined,
  TeamOutlined,
  ToolOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Permission } from '../../domain/access/roles';

export interface MenuGroup {
  key: string;
  label: string;
  icon: ReactNode;
}

export const MENU_GROUPS: MenuGroup[] = [
  { key: 'planning', label: '巡察规划', icon: <ScheduleOutlined /> },
  { key: 'inspections', label: '村级巡察', icon: <FileSearchOutlined /> },
  { key: 'findings', label: '问题线索', icon: <AlertOutlined /> },
  { key: 'rectification', label: '整改落实', icon: <ToolOutlined /> },
  { key: 'public', label: '群众参与', icon: <QrcodeOutlined /> },
  { key: 'analytics', label: '大数据比对', icon: <BarChartOutlined /> },
  { key: 'statistics', label: '统计分析', icon: <BarChartOutlined /> },
  { key: 'checklists', label: '监督清单', icon: <CheckSquareOutlined /> },
  { key: 'registry', label: '村情底数', icon: <UnorderedListOutlined /> },
  { key: 'access', label: '系统管理', icon: <ApartmentOutlined /> },
];

export interface AppRoute {
  /** path below '/', '' for the home page */
  path: string;
  title: string;
  permission?: Permission;
  component: LazyExoticComponent<ComponentType>;
  menu?: { group?: string; icon: ReactNode };
}

const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

export const APP_ROUTES: AppRoute[] = [
  {
    path: '',
    title: '首页',
    component: page(() => import('./pages/home/home/home.page'), 'HomePage'),
    menu: { icon: <HomeOutlined /> },
  },
  // — planning pages (巡察规划、轮次、人员) —
  {
    path: 'planning/term-plans',
    title: '巡察规划',
    permission: 'planning.read',
    component: page(() => import('./pages/planning/term-plans/term-plans.page'), 'TermPlansPage'),
    menu: { group: 'planning', icon: <ScheduleOutlined /> },
  },
  {
    path: 'planning/term-plans/:id',
    title: '巡察规划进度',
    permission: 'planning.read',
    component: page(() => import('./pages/planning/term-plan/term-plan.page'), 'TermPlanPage'),
  },
  {
    path: 'planning/rounds',
    title: '巡察轮次',
    permission: 'planning.read',
    component: page(() => import('./pages/planning/rounds/rounds.page'), 'RoundsPage'),
    menu: { group: 'planning', icon: <UnorderedListOutlined /> },
  },
  {
    path: 'planning/rounds/:id',
    title: '巡察轮次详情',
    permission: 'planning.read',
    component: page(() => import('./pages/planning/round/round.page'), 'RoundPage'),
  },
  {
    path: 'planning/people',
    title: '人员库',
    permission: 'planning.read',
    component: page(() => import('./pages/planning/people/people.page'), 'PeoplePage'),
    menu: { group: 'planning', icon: <TeamOutlined /> },
  },
  {
    path: 'planning/calendar',
    title: '节假日与调休',
    permission: 'planning.read',
    component: page(() => import('./pages/planning/calendar/calendar.page'), 'CalendarPage'),
    menu: { group: 'planning', icon: <ScheduleOutlined /> },
  },
  {
    path: 'planning/schedule',
    title: '巡察安排',
    permission: 'planning.schedule',
    component: page(() => import('./pages/planning/schedule/schedule.page'), 'SchedulePage'),
    menu: { group: 'planning', icon: <ScheduleOutlined /> },
  },
  // — end planning pages —
  // — inspections pages (村级巡察工作台) —
  {
    path: 'inspections',
    title: '村级巡察',
    permission: 'inspections.read',
    component: page(() => import('./pages/inspections/inspections/inspections.page'), 'InspectionsPage'),
    menu: { group: 'inspections', icon: <FileSearchOutlined /> },
  },
  {
    path: 'inspections/:id',
    title: '村级巡察工作台',
    permission: 'inspections.read',
    component: page(() => import('./pages/inspections/inspection/inspection.page'), 'InspectionPage'),
  },
  // — end inspections pages —
  // — findings pages (问题底稿) —
  {
    path: 'findings',
    title: '问题底稿',
    permission: 'findings.read',
    component: page(() => import('./pages/findings/findings/findings.page'), 'FindingsPage'),
    menu: { group: 'findings', icon: <AlertOutlined /> },
  },
  {
    path: 'findings/:id',
    title: '问题底稿详情',
    permission: 'findings.read',
    component: page(() => import('./pages/findings/finding/finding.page'), 'FindingPage'),
  },
  // — end findings pages —
  // — leads pages (问题线索) —
  {
    path: 'leads',
    title: '问题线索',
    permission: 'leads.read',
    component: page(() => import('./pages/leads/leads/leads.page'), 'LeadsPage'),
    menu: { group: 'findings', icon: <AlertOutlined /> },
  },
  {
    path: 'leads/new',
    title: '登记问题线索',
    permission: 'leads.write',
    component: page(() => import('./pages/leads/lead-new/lead-new.page'), 'LeadNewPage'),
  },
  {
    path: 'leads/:id',
    title: '问题线索详情',
    permission: 'leads.read',
    component: page(() => import('./pages/leads/lead/lead.page'), 'LeadPage'),
  },
  // — end leads pages —
  // — reports pages (报告与反馈) —
  {
    path: 'reports/rounds/:roundId',
    title: '报告与反馈',
    permission: 'reports.read',
    component: page(() => import('./pages/reports/round-reports.page'), 'RoundReportsPage'),
  },
  // — end reports pages —
  // — statistics pages (巡察统计) —
  {
    path: 'statistics',
    title: '巡察统计',
    permission: 'statistics.read',
    component: page(() => import('./pages/statistics/statistics.page'), 'StatisticsPage'),
    menu: { group: 'statistics', icon: <BarChartOutlined /> },
  },
  // — end statistics pages —
  // — archive pages (立卷归档) —
  {
    path: 'archive/rounds/:roundId',
    title: '立卷归档',
    permission: 'archive.read',
    component: page(() => import('./pages/archive/round-archive.page'), 'RoundArchivePage'),
  },
  // — end archive pages —
  // — rectification pages (整改) —
  {
    path: 'rectification/items',
    title: '整改台账',
    permission: 'rectification.read',
    component: page(() => import('./pages/rectification/items/items.page'), 'RectificationItemsPage'),
    menu: { group: 'rectification', icon: <ToolOutlined /> },
  },
  {
    path: 'rectification/items/:id',
    title: '整改事项',
    permission: 'rectification.read',
    component: page(() => import('./pages/rectification/item/item.page'), 'RectificationItemPage'),
  },
  // — end rectification pages —
  // — rectification plans pages (整改方案与报告) —
  {
    path: 'rectification/plans',
    title: '整改方案与报告',
    permission: 'rectification.read',
    component: page(() => import('./pages/rectification-plans/plans.page'), 'RectificationPlansPage'),
    menu: { group: 'rectification', icon: <ToolOutlined /> },
  },
  // — end rectification plans pages —
  // — rectification alerts pages (三色预警与待办) —
  {
    path: 'rectification/todos',
    title: '我的待办',
    permission: 'rectification.read',
    component: page(() => import('./pages/rectification-alerts/todos.page'), 'TodosPage'),
    menu: { group: 'rectification', icon: <ScheduleOutlined /> },
  },
  {
    path: 'rectification/alerts',
    title: '三色预警',
    permission: 'rectification.read',
    component: page(() => import('./pages/rectification-alerts/board.page'), 'AlertBoardPage'),
    menu: { group: 'rectification', icon: <AlertOutlined /> },
  },
  // — end rectification alerts pages —
  // — rectification ratings pages (群众评议) —
  {
    path: 'rectification/ratings',
    title: '群众评议',
    permission: 'rectification.read',
    component: page(() => import('./pages/rectification-ratings/ratings.page'), 'RectificationRatingsPage'),
    menu: { group: 'rectification', icon: <ToolOutlined /> },
  },
  // — end rectification ratings pages —
  // — rectification look-back pages (回头看) —
  {
    path: 'rectification/look-back',
    title: '回头看',
    permission: 'rectification.read',
    component: page(() => import('./pages/rectification-look-back/look-back.page'), 'RectificationLookBackPage'),
    menu: { group: 'rectification', icon: <FileSearchOutlined /> },
  },
  // — end rectification look-back pages —
  // — rectification metrics pages (整改成效) —
  {
    path: 'rectification/metrics',
    title: '整改成效',
    permission: 'rectification.read',
    component: page(() => import('./pages/rectification-metrics/metrics.page'), 'RectificationMetricsPage'),
    menu: { group: 'rectification', icon: <BarChartOutlined /> },
  },
  // — end rectification metrics pages —
  // — rectification disclosure pages (整改公开) —
  {
    path: 'rectification/disclosure',
    title: '整改公开',
    permission: 'rectification.read',
    component: page(() => import('./pages/rectification-disclosure/disclosure.page'), 'RectificationDisclosurePage'),
    menu: { group: 'rectification', icon: <ToolOutlined /> },
  },
  // — end rectification disclosure pages —
  // — public reports pages (码上巡) —
  {
    path: 'public/reports/posters',
    title: '巡察公告打印',
    permission: 'public_reports.read',
    component: page(() => import('./pages/public-reports/posters-print.page'), 'PosterPrintPage'),
  },
  {
    path: 'public/reports',
    title: '码上巡',
    permission: 'public_reports.read',
    component: page(() => import('./pages/public-reports/public-reports.page'), 'PublicReportsPage'),
    menu: { group: 'public', icon: <QrcodeOutlined /> },
  },
  // — end public reports pages —
  // — questionnaires pages (问卷) —
  {
    path: 'public/questionnaires',
    title: '问卷',
    permission: 'questionnaires.manage',
    component: page(() => import('./pages/questionnaires/questionnaires.page'), 'QuestionnairesPage'),
    menu: { group: 'public', icon: <UnorderedListOutlined /> },
  },
  // — end questionnaires pages —
  // — analytics pages (大数据比对) —
  {
    path: 'analytics/datasets',
    title: '数据集',
    permission: 'analytics.manage',
    component: page(() => import('./pages/analytics/datasets/datasets.page'), 'DatasetsPage'),
    menu: { group: 'analytics', icon: <DatabaseOutlined /> },
  },
  {
    path: 'analytics/datasets/import',
    title: '导入数据',
    permission: 'analytics.manage',
    component: page(() => import('./pages/analytics/datasets/import.page'), 'DatasetImportPage'),
  },
  {
    path: 'analytics/datasets/:id',
    title: '数据集详情',
    permission: 'analytics.manage',
    component: page(() => import('./pages/analytics/datasets/dataset.page'), 'DatasetPage'),
  },
  {
    path: 'analytics/runs',
    title: '运行比对',
    permission: 'analytics.manage',
    component: page(() => import('./pages/analytics/runs/runs.page'), 'RunsPage'),
    menu: { group: 'analytics', icon: <ScheduleOutlined /> },
  },
  {
    path: 'analytics/hits',
    title: '疑点',
    permission: 'analytics.read',
    component: page(() => import('./pages/analytics/hits/hits.page'), 'HitsPage'),
    menu: { group: 'analytics', icon: <AlertOutlined /> },
  },
  {
    path: 'analytics/models',
    title: '模型库',
    permission: 'analytics.read',
    component: page(() => import('./pages/analytics/models/models.page'), 'ModelsPage'),
    menu: { group: 'analytics', icon: <ApartmentOutlined /> },
  },
  // analytics graph
  {
    path: 'analytics/graph',
    title: '关系图谱',
    permission: 'analytics.read',
    component: page(() => import('./pages/analytics/graph/graph.page'), 'GraphPage'),
    menu: { group: 'analytics', icon: <ShareAltOutlined /> },
  },
  // — end analytics pages —
  // — checklists pages (监督清单) —
  {
    path: 'checklists/catalogues',
    title: '监督清单',
    permission: 'checklists.read',
    component: page(() => import('./pages/checklists/catalogues/catalogues.page'), 'CataloguesPage'),
    menu: { group: 'checklists', icon: <CheckSquareOutlined /> },
  },
  {
    path: 'checklists/catalogues/:id',
    title: '监督清单详情',
    permission: 'checklists.read',
    component: page(() => import('./pages/checklists/catalogue/catalogue.page'), 'CataloguePage'),
  },
  // — end checklists pages —
  {
    path: 'registry/villages',
    title: '村（社区）名录',
    permission: 'registry.read',
    component: page(() => import('./pages/registry/villages/villages.page'), 'VillagesPage'),
    menu: { group: 'registry', icon: <UnorderedListOutlined /> },
  },
  {
    path: 'registry/villages/:code',
    title: '村（社区）档案',
    permission: 'registry.read',
    component: page(() => import('./pages/registry/village/village.page'), 'VillagePage'),
  },
  {
    path: 'registry/cadres/import',
    title: '干部名册导入',
    permission: 'registry.write',
    component: page(() => import('./pages/registry/cadre-import/cadre-import.page'), 'CadreImportPage'),
    menu: { group: 'registry', icon: <CloudUploadOutlined /> },
  },
  {
    path: 'registry/tags',
    title: '分类标签',
    permission: 'registry.import',
    component: page(() => import('./pages/registry/tags/tags.page'), 'TagsPage'),
    menu: { group: 'registry', icon: <TagsOutlined /> },
  },
  {
    path: 'access/organisations',
    title: '组织机构',
    permission: 'access.manage',
    component: page(() => import('./pages/access/organisations/organisations.page'), 'OrganisationsPage'),
    menu: { group: 'access', icon: <ApartmentOutlined /> },
  },
  {
    path: 'access/users',
    title: '用户账户',
    permission: 'access.manage',
    component: page(() => import('./pages/access/users/users.page'), 'UsersPage'),
    menu: { group: 'access', icon: <TeamOutlined /> },
  },
  {
    path: 'access/audit',
    title: '审计日志',
    permission: 'audit.read',
    component: page(() => import('./pages/access/audit/audit.page'), 'AuditPage'),
    menu: { group: 'access', icon: <AuditOutlined /> },
  },
  // the office's view of long work (imports, model runs); each user sees only the jobs it may (server/jobs)
  {
    path: 'jobs',
    title: '任务',
    permission: 'audit.read',
    component: page(() => import('./pages/jobs/jobs/jobs.page'), 'JobsPage'),
    menu: { group: 'access', icon: <UnorderedListOutlined /> },
  },
  {
    path: 'account',
    title: '账户设置',
    component: page(() => import('./pages/auth/account/account.page'), 'AccountPage'),
  },
];
