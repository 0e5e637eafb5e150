/**
 * The kinds of government datasets 大数据比对 compares, and the standard fields each is mapped to on
 * import. A dataset is stored with one column per standard field, named by the field's `key`
 * (snake_case, so model SQL can name it unquoted on DuckDB and PostgreSQL alike).
 *
 * Stored representations by field type (see normalise.ts):
 * - id_number: 18 characters, check character X uppercase (15-digit numbers converted)
 * - credit_code: 18 characters uppercase
 * - village_code: 12 digits (统计用区划代码)
 * - name: the comparison key of a person's or organisation's name (simplified, half-width, no spaces
 *   or stray punctuation, one '·' inside minority names)
 * - amount: integer 分 (fen)
 * - date: ISO date text YYYY-MM-DD; a value known only to the month is stored as the 1st and its
 *   precision ('day' | 'month') kept beside it
 * - area: integer hundredths of the field's unit (`areaUnit`: 亩 for land, 平方米 for buildings)
 * - account, phone: digits only
 * - address, text: half-width, trimmed (address also simplified, without spaces)
 * - int: integer; bool: true/false
 */

export const FIELD_TYPES = [
  'text',
  'id_number',
  'credit_code',
  'village_code',
  'amount',
  'date',
  'area',
  'account',
  'phone',
  'address',
  'name',
  'int',
  'bool',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FIELD_TYPE_LABELS: Readonly<Record<FieldType, string>> = {
  text: '文本',
  id_number: '身份证号码',
  credit_code: '统一社会信用代码',
  village_code: '村级区划代码',
  amount: '金额',
  date: '日期',
  area: '面积',
  account: '银行账号',
  phone: '电话号码',
  address: '地址',
  name: '名称',
  int: '整数',
  bool: '是/否',
};

/** Units an amount or area column can be written in. */
export const AMOUNT_UNITS = ['元', '万元'] as const;
export const AREA_UNITS = ['亩', '平方米', '公顷'] as const;
export type AmountUnit = (typeof AMOUNT_UNITS)[number];
export type AreaUnit = (typeof AREA_UNITS)[number];
export type Unit = AmountUnit | AreaUnit;
/** Units an area is stored in (hundredths of it). */
export type AreaStorageUnit = '亩' | '平方米';

export interface StandardField {
  /** column name in the stored dataset */
  key: string;
  /** shown to users */
  label: string;
  type: FieldType;
  required: boolean;
  description: string;
  /** header texts found in real government spreadsheets, besides the label */
  synonyms: readonly string[];
  /** area fields: the unit stored (hundredths of it) */
  areaUnit?: AreaStorageUnit;
}

export const DATASET_KIND_KEYS = [
  'benefit_payments',
  'public_payroll',
  'deaths',
  'vehicles',
  'real_estate',
  'companies',
  'shareholders',
  'cadres',
  'contracts',
  'village_payments',
  'bids',
  'land_rights',
] as const;
export type DatasetKindKey = (typeof DATASET_KIND_KEYS)[number];

export interface DatasetKind {
  key: DatasetKindKey;
  label: string;
  description: string;
  /** where such data usually comes from, shown as a hint when importing */
  sources: readonly string[];
  /** true when the dataset is built from the registry (cadres and relatives), not imported */
  fromRegistry: boolean;
  fields: readonly StandardField[];
}

// Synonym groups shared by several kinds.
const PERSON_NAME = ['姓名', '户主姓名', '享受人姓名', '领取人', '领取人姓名', '对象姓名', '救助对象', '保障对象姓名', '补贴对象', '补贴对象姓名', '申请人', '申请人姓名', '人员姓名', '户主', '持卡人', '持卡人姓名', '收款人', '收款人姓名'];
const ID_NUMBER = ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '证件号码', '身份证件号码', '证件号', '身份证', '居民身份证号码', '身份号码'];
const VILLAGE = ['所属村', '村(社区)', '村（社区）', '村居', '村名', '村别', '所在村', '所在村(社区)', '村委会', '村(居)委会', '行政村', '村社区', '村组', '社区', '村(社区)名称', '所属村(社区)', '村'];
const VILLAGE_CODE = ['村级区划代码', '区划代码', '行政区划代码', '统计用区划代码', '村代码', '村(社区)代码', '行政区划编码'];
const TOWN = ['乡镇', '乡镇(街道)', '所属乡镇', '镇(街道)', '乡(镇)', '街道', '镇街'];
const CREDIT_CODE = ['统一社会信用代码', '社会信用代码', '信用代码', '统一代码', '统一社会信用代码/注册号'];
const PHONE = ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', '电话号码'];
const ADDRESS = ['地址', '住所', '联系地址', '通讯地址', '住址', '经营场所', '注册地址', '家庭住址'];
const ACCOUNT = ['银行账号', '账号', '卡号', '银行卡号', '一卡通账号', '社保卡号', '存折号', '收款账号', '账户'];

function f(
  key: string,
  label: string,
  type: FieldType,
  required: boolean,
  description: string,
  synonyms: readonly string[] = [],
  areaUnit?: AreaStorageUnit,
): StandardField {
  const field: StandardField = { key, label, type, required, description, synonyms };
  if (areaUnit !== undefined) field.areaUnit = areaUnit;
  return field;
}

const villageField = (required: boolean) => f('village', '所属村（社区）', 'name', required, '村或社区的名称', VILLAGE);
const villageCodeField = () => f('village_code', '村级区划代码', 'village_code', false, '12位统计用区划代码', VILLAGE_CODE);
const townField = () => f('town', '乡镇（街道）', 'name', false, '所属乡镇或街道', TOWN);

export const DATASET_KINDS: readonly DatasetKind[] = [
  {
    key: 'benefit_payments',
    label: '补贴救助发放',
    description: '低保、特困供养、养老金、高龄津贴、残疾人两项补贴、耕地地力保护补贴等惠民惠农资金的发放花名册',
    sources: ['民政局', '人社局', '残联', '农业农村局', '财政局“一卡通”系统'],
    fromRegistry: false,
    fields: [
      f('name', '姓名', 'name', true, '领取人姓名', PERSON_NAME),
      f('id_number', '身份证号码', 'id_number', true, '领取人的公民身份号码', ID_NUMBER),
      villageField(false),
      villageCodeField(),
      townField(),
      f('item', '补贴项目', 'text', false, '低保、特困、养老、高龄、残疾、耕地地力保护等', ['项目', '补贴项目', '补贴类别', '补贴类型', '救助类别', '保障类别', '资金项目', '项目名称', '发放项目', '补贴名称', '类别', '险种']),
      f('amount', '发放金额', 'amount', true, '本次发放金额', ['金额', '发放金额', '补贴金额', '补助金额', '救助金额', '保障金额', '实发金额', '应发金额', '领取金额', '发放标准', '养老金', '月发放金额', '合计金额']),
      f('pay_date', '发放日期', 'date', false, '发放日期或所属年月', ['发放时间', '发放日期', '年月', '发放年月', '所属期', '发放月份', '所属年月', '日期', '拨付日期', '补贴年度', '期间']),
      f('area', '补贴面积', 'area', false, '按面积发放的补贴（如耕地地力保护）的补贴面积', ['面积', '补贴面积', '计补面积', '种植面积', '耕地面积', '申报面积', '补贴面积(亩)'], '亩'),
      f('household_size', '保障人数', 'int', false, '家庭中享受待遇的人数', ['保障人数', '享受人数', '家庭人口', '人数', '户人口数']),
      f('account', '银行账号', 'account', false, '发放到的银行卡或一卡通账号', ACCOUNT),
      f('phone', '联系电话', 'phone', false, '领取人联系电话', PHONE),
    ],
  },
  {
    key: 'public_payroll',
    label: '财政供养人员',
    description: '机关事业单位在编在岗及财政供养的人员名单',
    sources: ['组织部', '人社局', '财政局', '编办'],
    fromRegistry: false,
    fields: [
      f('name', '姓名', 'name', true, '人员姓名', PERSON_NAME),
      f('id_number', '身份证号码', 'id_number', true, '人员的公民身份号码', ID_NUMBER),
      f('employer', '工作单位', 'name', false, '所在单位名称', ['单位', '工作单位', '所在单位', '单位名称', '供职单位', '任职单位', '部门']),
      f('position', '职务', 'text', false, '职务或岗位', ['职务', '岗位', '职级', '现任职务', '职务(岗位)']),
      f('start_date', '入职日期', 'date', false, '开始由财政供养的日期', ['入职日期', '参加工作时间', '参加工作日期', '入编时间', '任职时间', '起始日期', '开始日期']),
      f('end_date', '离职日期', 'date', false, '离职、退休或调出日期，空为仍在职', ['离职日期', '离职时间', '退休日期', '调出日期', '终止日期', '截止日期', '结束日期']),
    ],
  },
  {
    key: 'deaths',
    label: '死亡及户籍注销',
    description: '公安户籍死亡注销、殡葬火化、死亡医学证明等记录',
    sources: ['公安局', '民政局殡葬管理', '卫健委'],
    fromRegistry: false,
    fields: [
      f('name', '姓名', 'name', true, '死亡或注销户籍人员姓名', [...PERSON_NAME, '死者姓名', '逝者姓名']),
      f('id_number', '身份证号码', 'id_number', true, '公民身份号码', ID_NUMBER),
      f('event_date', '死亡/注销日期', 'date', true, '死亡日期或户籍注销日期', ['死亡日期', '死亡时间', '注销日期', '注销时间', '火化日期', '火化时间', '户籍注销日期', '销户日期', '死亡(注销)日期']),
      f('event_kind', '类别', 'text', false, '死亡、户籍注销、火化等', ['类别', '注销原因', '注销类别', '变动原因', '类型', '事件类型']),
      villageField(false),
    ],
  },
  {
    key: 'vehicles',
    label: '车辆登记',
    description: '机动车登记信息',
    sources: ['公安交警'],
    fromRegistry: false,
    fields: [
      f('name', '车主姓名', 'name', true, '机动车所有人', ['车主', '车主姓名', '机动车所有人', '所有人', '所有人姓名', ...PERSON_NAME]),
      f('id_number', '车主身份证号码', 'id_number', true, '所有人的公民身份号码', [...ID_NUMBER, '车主身份证号', '所有人身份证明号码', '身份证明号码']),
      f('plate', '号牌号码', 'text', false, '车牌号', ['号牌号码', '车牌号', '车牌号码', '号牌', '车牌']),
      f('vehicle_type', '车辆类型', 'text', false, '车辆类型', ['车辆类型', '车型', '车辆种类', '使用性质']),
      f('registered_on', '登记日期', 'date', false, '初次登记日期', ['登记日期', '初次登记日期', '注册日期', '初登日期', '登记时间']),
    ],
  },
  {
    key: 'real_estate',
    label: '不动产登记',
    description: '房屋等不动产权属登记信息',
    sources: ['自然资源和规划局（不动产登记中心）', '住建局'],
    fromRegistry: false,
    fields: [
      f('name', '权利人', 'name', true, '不动产权利人姓名', ['权利人', '权利人姓名', '产权人', '房屋所有权人', '所有权人', '业主', ...PERSON_NAME]),
      f('id_number', '权利人身份证号码', 'id_number', true, '权利人的公民身份号码', [...ID_NUMBER, '权利人证件号', '权利人证件号码', '证件编号']),
      f('address', '坐落', 'address', false, '不动产坐落地址', ['坐落', '房屋坐落', '不动产坐落', '房屋地址', ...ADDRESS]),
      f('area', '建筑面积', 'area', false, '建筑面积', ['建筑面积', '面积', '房屋面积', '套内面积', '建筑面积(平方米)'], '平方米'),
      f('usage', '用途', 'text', false, '住宅、商业等', ['用途', '房屋用途', '规划用途', '土地用途']),
      f('registered_on', '登记日期', 'date', false, '登记日期', ['登记日期', '登簿日期', '登记时间', '发证日期']),
    ],
  },
  {
    key: 'companies',
    label: '市场主体登记',
    description: '企业、个体工商户、农民专业合作社的工商登记信息',
    sources: ['市场监督管理局'],
    fromRegistry: false,
    fields: [
      f('company_name', '企业名称', 'name', true, '市场主体名称', ['企业名称', '名称', '单位名称', '公司名称', '主体名称', '市场主体名称', '字号名称']),
      f('credit_code', '统一社会信用代码', 'credit_code', true, '统一社会信用代码', [...CREDIT_CODE, '注册号']),
      f('legal_rep_name', '法定代表人', 'name', false, '法定代表人或负责人、经营者姓名', ['法定代表人', '法定代表人姓名', '法人', '法人代表', '负责人', '经营者', '经营者姓名', '法定代表人(负责人)']),
      f('legal_rep_id_number', '法定代表人身份证号码', 'id_number', false, '法定代表人的公民身份号码', ['法定代表人身份证号码', '法定代表人证件号码', '法人身份证号', '法人证件号码', '负责人证件号码', '经营者身份证号码', ...ID_NUMBER]),
      f('founded_on', '成立日期', 'date', false, '成立日期', ['成立日期', '成立时间', '注册日期', '登记日期', '核准日期', '开业日期']),
      f('address', '住所', 'address', false, '注册地址或经营场所', ADDRESS),
      f('phone', '联系电话', 'phone', false, '登记的联系电话', PHONE),
      f('registered_capital', '注册资本', 'amount', false, '注册资本', ['注册资本', '注册资金', '出资额', '资金数额']),
      f('status', '登记状态', 'text', false, '存续、注销、吊销等', ['登记状态', '经营状态', '企业状态', '状态']),
    ],
  },
  {
    key: 'shareholders',
    label: '企业股东',
    description: '企业股东（发起人）及出资信息',
    sources: ['市场监督管理局'],
    fromRegistry: false,
    fields: [
      f('credit_code', '企业统一社会信用代码', 'credit_code', true, '所投资企业的统一社会信用代码', CREDIT_CODE),
      f('company_name', '企业名称', 'name', false, '所投资企业名称', ['企业名称', '公司名称', '名称']),
      f('shareholder_name', '股东名称', 'name', true, '股东姓名或名称', ['股东', '股东名称', '股东姓名', '发起人', '投资人', '出资人', '投资人姓名']),
      f('shareholder_id_number', '股东身份证号码', 'id_number', false, '自然人股东的公民身份号码', ['股东身份证号码', '股东证件号码', '投资人证件号码', '出资人证件号码', ...ID_NUMBER]),
      f('share', '持股比例', 'text', false, '持股比例，如35%', ['持股比例', '出资比例', '股权比例', '占比']),
      f('subscribed_capital', '认缴出资额', 'amount', false, '认缴出资额', ['认缴出资额', '认缴额', '出资额', '认缴出资', '实缴出资额']),
    ],
  },
  {
    key: 'cadres',
    label: '村干部及亲属',
    description: '村“两委”干部及其近亲属，由村级组织名册生成，不需导入',
    sources: ['本系统村级组织名册'],
    fromRegistry: true,
    fields: [
      f('name', '姓名', 'name', true, '干部或亲属姓名', PERSON_NAME),
      f('id_number', '身份证号码', 'id_number', false, '公民身份号码', ID_NUMBER),
      villageField(true),
      villageCodeField(),
      f('position', '职务', 'text', false, '干部的职务；亲属为空', ['职务', '现任职务']),
      f('relation', '关系', 'text', true, '本人（干部）或与干部的关系：配偶、子女、父母……', ['关系', '与干部关系', '亲属关系', '称谓']),
      f('cadre_name', '干部姓名', 'name', true, '亲属所关联的干部姓名；干部本人即自己', ['干部姓名', '关联干部']),
      f('cadre_id_number', '干部身份证号码', 'id_number', false, '亲属所关联干部的公民身份号码', ['干部身份证号码']),
    ],
  },
  {
    key: 'contracts',
    label: '集体资产资源合同',
    description: '村集体资产、资源的发包、租赁合同',
    sources: ['农经站（农村集体“三资”管理平台）', '乡镇'],
    fromRegistry: false,
    fields: [
      villageField(true),
      villageCodeField(),
      f('contract_no', '合同编号', 'text', false, '合同编号', ['合同编号', '合同号', '编号']),
      f('lessee_name', '承包（承租）方', 'name', true, '承包方或承租方名称', ['承包方', '承租方', '承包人', '承租人', '乙方', '承包方名称', '承租方名称', '承包(租)人', '承包(租)方']),
      f('lessee_id_number', '承包方身份证号码', 'id_number', false, '个人承包方的公民身份号码', ['承包方身份证号码', '承租人身份证号码', '乙方身份证号码', ...ID_NUMBER]),
      f('lessee_credit_code', '承包方统一社会信用代码', 'credit_code', false, '单位承包方的统一社会信用代码', CREDIT_CODE),
      f('object', '标的物', 'text', false, '发包或出租的对象，如某地块、鱼塘、门面房', ['标的物', '合同标的', '资产名称', '资源名称', '发包对象', '租赁物', '名称']),
      f('resource_kind', '资源类别', 'text', false, '耕地、林地、水面、建设用地、房屋等', ['资源类别', '资源类型', '资产类别', '资产类型', '地类', '类别']),
      f('area', '面积', 'area', false, '发包或出租面积', ['面积', '承包面积', '租赁面积', '发包面积', '出租面积'], '亩'),
      f('annual_rent', '年租金', 'amount', true, '每年的承包费或租金', ['年租金', '年承包费', '租金', '承包费', '年租金额', '每年租金', '合同金额(年)']),
      f('start_date', '起始日期', 'date', false, '合同起始日期', ['起始日期', '开始日期', '承包起始日期', '起租日期', '合同起始时间', '起始时间', '起']),
      f('end_date', '终止日期', 'date', false, '合同终止日期', ['终止日期', '结束日期', '到期日期', '承包终止日期', '止租日期', '合同终止时间', '截止日期', '止']),
      f('minutes_ref', '决议记录', 'text', false, '村民（代表）会议决议或“四议两公开”记录的编号或日期', ['决议记录', '会议记录', '决策程序', '会议决议', '民主决策记录', '四议两公开记录', '决议文号']),
    ],
  },
  {
    key: 'village_payments',
    label: '村级支付',
    description: '村级财务支出明细（收款人、账号、金额、用途）',
    sources: ['农经站（农村集体“三资”管理平台）', '村级财务代理记账', '开户银行'],
    fromRegistry: false,
    fields: [
      villageField(true),
      villageCodeField(),
      f('payee_name', '收款方', 'name', true, '收款人或收款单位名称', ['收款方', '收款人', '收款单位', '收款人名称', '收款方名称', '户名', '收款户名', '对方户名', '领款人']),
      f('payee_account', '收款账号', 'account', false, '收款方银行账号', ['收款账号', '收款人账号', '对方账号', '收款方账号', ...ACCOUNT]),
      f('payee_id_number', '收款人身份证号码', 'id_number', false, '个人收款人的公民身份号码', ['收款人身份证号码', '领款人身份证号码', ...ID_NUMBER]),
      f('payee_credit_code', '收款单位统一社会信用代码', 'credit_code', false, '收款单位的统一社会信用代码', CREDIT_CODE),
      f('amount', '金额', 'amount', true, '支付金额', ['金额', '支付金额', '支出金额', '付款金额', '发生额', '借方金额', '报销金额']),
      f('pay_date', '支付日期', 'date', true, '支付日期', ['支付日期', '付款日期', '日期', '记账日期', '凭证日期', '交易日期', '支出日期']),
      f('purpose', '用途', 'text', false, '支出事由或摘要', ['用途', '摘要', '事由', '支出事由', '付款用途', '款项用途', '支出内容']),
      f('voucher_no', '凭证号', 'text', false, '记账凭证号', ['凭证号', '凭证编号', '记账凭证号']),
    ],
  },
  {
    key: 'bids',
    label: '招投标',
    description: '村级工程和采购项目的招标与投标记录，每个投标人一行',
    sources: ['公共资源交易中心', '乡镇招投标平台', '农村集体“三资”管理平台'],
    fromRegistry: false,
    fields: [
      f('project_id', '项目编号', 'text', true, '招标项目或标段编号', ['项目编号', '标段编号', '招标编号', '项目代码', '标段号']),
      f('project_name', '项目名称', 'text', false, '项目或标段名称', ['项目名称', '标段名称', '工程名称', '招标项目名称']),
      villageField(false),
      villageCodeField(),
      f('ceiling_price', '最高限价', 'amount', false, '招标控制价或最高投标限价', ['最高限价', '招标控制价', '控制价', '最高投标限价', '拦标价', '预算金额', '项目预算']),
      f('bidder_name', '投标人', 'name', true, '投标单位名称', ['投标人', '投标单位', '投标人名称', '投标单位名称', '供应商', '供应商名称', '投标企业']),
      f('bidder_credit_code', '投标人统一社会信用代码', 'credit_code', false, '投标人的统一社会信用代码', CREDIT_CODE),
      f('bid_price', '投标报价', 'amount', true, '投标报价', ['投标报价', '报价', '投标价', '投标金额', '投标总价', '报价金额']),
      f('won', '是否中标', 'bool', false, '是否中标（中标/未中标）', ['是否中标', '中标情况', '中标结果', '评标结果', '状态', '结果']),
      f('bond_payer_account', '保证金缴纳账号', 'account', false, '投标保证金的付款账号', ['保证金缴纳账号', '保证金账号', '保证金付款账号', '保证金缴款账号', '投标保证金账号', '保证金汇款账号']),
      f('contact_phone', '联系电话', 'phone', false, '投标人联系电话', ['联系电话', '联系人电话', '投标联系人电话', ...PHONE]),
      f('address', '地址', 'address', false, '投标人地址', ADDRESS),
      f('doc_author', '投标文件作者', 'text', false, '投标文件（电子文档）属性中的作者', ['文件作者', '投标文件作者', '作者', '文档作者']),
      f('doc_creator', '投标文件创建者', 'text', false, '投标文件的创建者、编制机器或软件标识', ['创建者', '文件创建者', '编制人', '制作人', '创建人', '文件制作机器码', '机器码', 'MAC地址']),
      f('bid_date', '开标日期', 'date', false, '开标日期', ['开标日期', '开标时间', '投标日期', '投标时间', '招标日期']),
    ],
  },
  {
    key: 'land_rights',
    label: '土地承包经营权确权',
    description: '农村土地承包经营权确权登记的承包面积',
    sources: ['农业农村局（确权登记颁证数据库）'],
    fromRegistry: false,
    fields: [
      f('name', '承包方代表', 'name', true, '承包方（户）代表姓名', ['承包方代表', '承包方代表姓名', '承包方姓名', '承包户主', ...PERSON_NAME]),
      f('id_number', '承包方代表身份证号码', 'id_number', true, '承包方代表的公民身份号码', ['承包方代表身份证号码', '承包方代表证件号码', ...ID_NUMBER]),
      villageField(false),
      villageCodeField(),
      f('contracted_area', '确权面积', 'area', true, '确权登记的承包地面积', ['确权面积', '承包面积', '合同面积', '确权登记面积', '承包地面积', '实测面积', '确权(合同)面积'], '亩'),
      f('certificate_no', '经营权证编号', 'text', false, '土地承包经营权证编号', ['经营权证编号', '权证编号', '证书编号', '承包经营权证编号']),
    ],
  },
];

const BY_KEY: ReadonlyMap<string, DatasetKind> = new Map(DATASET_KINDS.map((k) => [k.key, k]));

export function isDatasetKindKey(key: string): key is DatasetKindKey {
  return BY_KEY.has(key);
}

export function datasetKind(key: DatasetKindKey): DatasetKind {
  const kind = BY_KEY.get(key);
  if (kind === undefined) throw new TypeError(`unknown dataset kind ${key}`);
  return kind;
}

export function standardField(kind: DatasetKindKey, fieldKey: string): StandardField | undefined {
  return datasetKind(kind).fields.find((field) => field.key === fieldKey);
}
