import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { MODEL_CATEGORY_LABELS } from '../../../../../domain/analytics/models/model';
import { customModelsApi, runsKeys, type CustomModel, type CustomModelBody } from '../../../api/analytics-runs';
import { isApiError } from '../../../api/client';

const PARAM_TYPES = [
  { value: 'int', label: '整数' },
  { value: 'number', label: '数字' },
  { value: 'date', label: '日期' },
  { value: 'text', label: '文字' },
];

const FORM_FIELDS = new Set(['name', 'description', 'category', 'sql', 'hitKey', 'villageColumn', 'amountColumn', 'explainTemplate']);

interface FormValues extends Omit<CustomModelBody, 'params'> {
  kinds: string[];
  params: { key: string; label: string; type: 'int' | 'number' | 'date' | 'text'; default: string | number; unit?: string }[];
}

const TEMPLATE_PART = /(\{[a-z_][a-z0-9_]*(?:\|[a-z]+)?\})/;

/** The explanation template with each {column} shown as the dry run's column, or marked when the result has no such column. */
function TemplatePreview({ template, columns }: { template: string; columns: string[] | null }) {
  if (!template) return null;
  return (
    <div data-testid="template-preview" style={{ background: '#fafafa', padding: 8, borderRadius: 4 }}>
      {template.split(TEMPLATE_PART).map((part, i) => {
        const m = /^\{([a-z_][a-z0-9_]*)(?:\|([a-z]+))?\}$/.exec(part);
        if (!m) return <span key={i}>{part}</span>;
        const ok = columns === null || columns.includes(m[1]!);
        return (
          <Tag key={i} color={ok ? 'blue' : 'red'} style={{ marginInline: 2 }} title={ok ? undefined : '查询结果中没有这一列'}>
            {m[1]}
            {m[2] ? `（${m[2]}）` : ''}
          </Tag>
        );
      })}
    </div>
  );
}

/** 新建／修改自定义比对模型: the form, the datasets' columns beside the SQL, 试运行 and the template preview. */
export function CustomModelForm({ open, model, onClose }: { open: boolean; model: CustomModel | null; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [columns, setColumns] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const relations = useQuery({ queryKey: ['analytics', 'custom-models', 'relations'], queryFn: () => customModelsApi.relations(), enabled: open, staleTime: Infinity });
  const kinds = Form.useWatch('kinds', form) ?? [];
  const template = Form.useWatch('explainTemplate', form) ?? '';

  useEffect(() => {
    if (!open) return;
    setColumns(null);
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      model
        ? { ...model, kinds: model.requires, params: model.params.map((p) => ({ key: p.key, label: p.label, type: p.type, default: p.default, unit: p.unit })) }
        : { category: 'subsidy', kinds: [], params: [], hitKey: [], villageColumn: 'village_code' },
    );
  }, [open, model, form]);

  const bodyOf = (v: FormValues): CustomModelBody => ({
    name: v.name,
    description: v.description,
    category: v.category,
    params: (v.params ?? []).map((p) => ({ key: p.key, label: p.label, type: p.type, default: p.type === 'int' || p.type === 'number' ? Number(p.default) : String(p.default ?? ''), ...(p.unit ? { unit: p.unit } : {}) })),
    sql: v.sql,
    hitKey: v.hitKey ?? [],
    villageColumn: v.villageColumn,
    amountColumn: v.amountColumn || null,
    explainTemplate: v.explainTemplate,
  });

  const showError = (e: unknown) => {
    if (!isApiError(e)) throw e;
    setError(e.message);
    const fields = e.fieldIssues.map((i) => ({ name: i.path.replace(/^body\./, '').split('.')[0]!, errors: [i.message] })).filter((f) => FORM_FIELDS.has(f.name));
    if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.name as keyof FormValues, errors: f.errors })));
  };

  /** The form's values, or null when a field is invalid (antd shows the message at the field). */
  const valid = () => form.validateFields().catch(() => null);

  const checkKinds = (selected: string[], requires: string[]) => {
    const missing = requires.filter((k) => !selected.includes(k));
    if (missing.length === 0) return true;
    const labels = missing.map((k) => relations.data?.items.find((r) => r.kind === k)?.label ?? k);
    form.setFields([{ name: 'kinds', errors: [`查询语句还读取了${labels.join('、')}，请加入所需数据`] }]);
    return false;
  };

  const check = useMutation({
    mutationFn: async () => {
      const v = await valid();
      return v ? { v, r: await customModelsApi.check(bodyOf(v)) } : null;
    },
    onSuccess: (res) => {
      if (!res) return;
      const { v, r } = res;
      setError(null);
      setColumns(r.columns);
      if (checkKinds(v.kinds ?? [], r.requires)) void message.success(`试运行通过，查询结果有 ${r.columns.length} 列`);
    },
    onError: (e) => {
      if (isApiError(e)) showError(e);
    },
  });

  const save = useMutation({
    mutationFn: async () => {
      const v = await valid();
      if (!v) return null;
      const body = bodyOf(v);
      const r = await customModelsApi.check(body);
      setColumns(r.columns);
      if (!checkKinds(v.kinds ?? [], r.requires)) return null;
      return model ? customModelsApi.update(model.id, { ...body, version: model.version }) : customModelsApi.create(body);
    },
    onSuccess: (saved) => {
      if (!saved) return;
      void message.success(model ? '自定义模型已保存' : '自定义模型已创建');
      void qc.invalidateQueries({ queryKey: runsKeys.all });
      void qc.invalidateQueries({ queryKey: ['analytics', 'custom-models'] });
      onClose();
    },
    onError: (e) => {
      if (isApiError(e)) showError(e);
    },
  });

  const shown = (relations.data?.items ?? []).filter((r) => kinds.length === 0 || kinds.includes(r.kind));
  return (
    <Modal
      open={open}
      title={model ? `修改自定义模型：${model.name}` : '新建自定义模型'}
      width={1200}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button onClick={() => check.mutate()} loading={check.isPending}>
            试运行
          </Button>
          <Button type="primary" onClick={() => save.mutate()} loading={save.isPending} data-testid="custom-model-save">
            保存
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form<FormValues> form={form} layout="vertical" data-testid="custom-model-form">
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="name" label="模型名称" rules={[{ required: true, message: '请填写模型名称' }, { max: 60, message: '模型名称不超过 60 字' }]}>
              <Input placeholder="如：同一账户收取多人补贴" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择模型类别' }]}>
              <Select options={Object.entries(MODEL_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="kinds" label="所需数据" rules={[{ required: true, type: 'array', min: 1, message: '请选择所需数据' }]}>
              <Select mode="multiple" placeholder="选择查询要用的数据集" options={(relations.data?.items ?? []).map((r) => ({ value: r.kind, label: r.label }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label="模型说明" rules={[{ required: true, message: '请填写模型说明：查什么、为什么、现场核实什么' }]}>
          <Input.TextArea rows={2} placeholder="查什么、为什么、现场核实什么" />
        </Form.Item>
        <Typography.Text strong>参数</Typography.Text>
        <Form.List name="params">
          {(fields, { add, remove }) => (
            <div style={{ marginBottom: 12 }}>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: /^[a-z_][a-z0-9_]*$/, message: '标识只能由小写字母、数字和下划线组成' }]}>
                    <Input placeholder="标识，如 min_people" style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, message: '请填写参数名称' }]}>
                    <Input placeholder="名称，如 最少人数" style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'type']} rules={[{ required: true, message: '请选择类型' }]}>
                    <Select options={PARAM_TYPES} placeholder="类型" style={{ width: 100 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'default']} rules={[{ required: true, message: '请填写默认值' }]}>
                    <Input placeholder="默认值" style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'unit']}>
                    <Input placeholder="单位" style={{ width: 80 }} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Button size="small" onClick={() => add({ type: 'int', default: 3 })}>
                添加参数
              </Button>
              <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                查询语句中以 :标识 引用，如 :min_people
              </Typography.Text>
            </div>
          )}
        </Form.List>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="sql" label="查询语句（只能是一条 SELECT 或 WITH 查询，只能查询 ds_ 开头的数据集）" rules={[{ required: true, message: '请填写查询语句' }]}>
              <Input.TextArea rows={14} spellCheck={false} style={{ fontFamily: 'monospace' }} placeholder={'SELECT account, min(village_code) AS village_code, count(DISTINCT id_number) AS people\n  FROM ds_benefit_payments GROUP BY account HAVING count(DISTINCT id_number) >= :min_people'} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Typography.Text strong>可查询的数据集及列</Typography.Text>
            <div style={{ maxHeight: 330, overflow: 'auto', border: '1px solid #f0f0f0', padding: 6 }} data-testid="relations">
              {shown.map((r) => (
                <div key={r.name} style={{ marginBottom: 8 }}>
                  <Typography.Text code>{r.name}</Typography.Text> {r.label}
                  <Table
                    size="small"
                    rowKey="name"
                    pagination={false}
                    showHeader={false}
                    dataSource={r.columns}
                    columns={[
                      { key: 'name', render: (_: unknown, c) => <Typography.Text code>{c.name}</Typography.Text> },
                      { key: 'label', dataIndex: 'label' },
                      { key: 'type', render: (_: unknown, c) => <Typography.Text type="secondary">{c.type}</Typography.Text> },
                    ]}
                  />
                </div>
              ))}
            </div>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="hitKey" label="识别同一疑点的列（去重用）" rules={[{ required: true, type: 'array', min: 1, message: '请指定识别同一疑点的列' }]}>
              <Select mode="tags" placeholder="如 account" options={(columns ?? []).map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="villageColumn" label="村代码列" rules={[{ required: true, message: '请填写村代码列' }]}>
              <Input placeholder="village_code" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="amountColumn" label="金额列（分，可不填）">
              <Input placeholder="如 total_amount" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="explainTemplate"
          label="疑点说明模板"
          extra="用 {列名} 引用查询结果的列，可加格式：|yuan 金额（元）、|day 日期、|month 年月、|id 身份证号（打码）、|count 人数、|area 面积"
          rules={[{ required: true, message: '请填写疑点说明模板' }]}
        >
          <Input.TextArea rows={2} placeholder="银行账户{account}收取了{people|count}人的补贴共{total_amount|yuan}。" />
        </Form.Item>
        <Typography.Text type="secondary">预览{columns ? `（试运行的查询结果列：${columns.join('、')}）` : '（试运行后检查列是否存在）'}</Typography.Text>
        <TemplatePreview template={template} columns={columns} />
      </Form>
    </Modal>
  );
}
