/** Chinese labels for codes the API returns (audit entities and actions, organisation levels, fields). */
import { PROFILE_LABELS } from '../../../domain/registry/village';

export const ENTITY_LABELS: Record<string, string> = {
  'registry.division': '行政区划',
  'registry.village_profile': '村情档案',
  'registry.cadre': '村干部',
  'registry.tag': '分类标签',
  'access.organisation': '组织',
  'access.user': '用户',
};

export const ACTION_LABELS: Record<string, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  import_create: '导入新增',
  import_update: '导入更新',
  change_password: '修改密码',
  reset_password: '重置密码',
  enable_totp: '启用动态验证码',
  disable_totp: '停用动态验证码',
  login: '登录',
  logout: '退出登录',
  restore: '恢复备份',
};

export const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  import_create: 'green',
  update: 'blue',
  import_update: 'blue',
  delete: 'red',
  reset_password: 'orange',
  change_password: 'purple',
  enable_totp: 'cyan',
  disable_totp: 'orange',
};

export const LEVEL_LABELS: Record<string, string> = {
  root: '本部署',
  province: '省级',
  city: '市级',
  county: '县级',
  town: '乡镇（街道）级',
  village: '村（社区）级',
};

export const entityLabel = (e: string) => ENTITY_LABELS[e] ?? e;
export const actionLabel = (a: string) => ACTION_LABELS[a] ?? a;

const COMMON_FIELDS: Record<string, string> = {
  ...PROFILE_LABELS,
  code: '代码',
  name: '名称',
  short_name: '简称',
  kind: '类型',
  level: '层级',
  parent_code: '上级代码',
  county_code: '区县代码',
  initials: '拼音首字母',
  source: '来源',
  version: '版本',
  village_code: '村（社区）代码',
  villageCode: '村（社区）代码',
  gender: '性别',
  id_number: '身份证号码',
  idNumber: '身份证号码',
  birthDate: '出生日期',
  positions: '职务',
  oneShoulder: '一肩挑',
  term_start: '任职时间',
  termStart: '任职时间',
  term_end: '任期届满',
  termEnd: '任期届满',
  phone: '联系电话',
  relatives: '亲属',
  relation: '与本人关系',
  category: '类别',
  description: '说明',
  builtin: '内置',
  sort: '排序',
  username: '用户名',
  displayName: '姓名',
  display_name: '姓名',
  orgId: '所属组织',
  org_id: '所属组织',
  roles: '角色',
  disabled: '已停用',
  scope_code: '管辖范围',
  scopeCode: '管辖范围',
  parent_id: '上级组织',
  parentId: '上级组织',
  created_at: '创建时间',
  createdAt: '创建时间',
  updated_at: '更新时间',
  updatedAt: '更新时间',
  id: '编号',
  batchId: '导入批次',
  demo: '演示数据',
};

/** The label of a field in an audit record of the given entity. */
export function fieldLabel(entity: string, key: string): string {
  if ((entity === 'registry.cadre' || entity === 'access.user') && key === 'name') return '姓名';
  return COMMON_FIELDS[key] ?? key;
}
