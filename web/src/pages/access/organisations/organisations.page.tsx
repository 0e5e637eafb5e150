import { EditOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Flex, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ORG_KIND_LIST, ORG_KINDS, type OrgKind } from '../../../../../domain/access/roles';
import { applyFieldErrors } from '../../../api/errors';
import { accessApi } from '../../../api/endpoints';
import type { Organisation } from '../../../api/types';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { LEVEL_LABELS } from '../../../lib/labels';
import { useMe } from '../../../session/session';
import { ScopePicker, scopeDepth } from './scope-picker';

interface CreateValues {
  kind: OrgKind;
  scope: string | string[];
  name: string;
  parentId?: string;
}

/** Suggested organisation name for a division: 聚源镇 -> 聚源镇党委, 幸福街道 -> 幸福街道党工委. */
function suggestName(kind: OrgKind, division: string): string {
  if (kind === 'town') return division.endsWith('街道') ? `${division}党工委` : `${division}党委`;
  if (kind === 'village') return `${division}党组织`;
  if (kind === 'office') return `${division}委巡察工作领导小组办公室`;
  if (kind === 'discipline') return `${division}纪委监委`;
  if (kind === 'organization') return `${division}委组织部`;
  return '';
}

function CreateOrganisationModal({ open, onClose, organisations }: { open: boolean; onClose: () => void; organisations: Organisation[] }) {
  const [form] = Form.useForm<CreateValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const kind = Form.useWatch('kind', form);
  const [autoName, setAutoName] = useState('');

  const create = useMutation({
    mutationFn: accessApi.createOrganisation,
    onSuccess: (o) => {
      void message.success(`已新建组织“${o.name}”`);
      void queryClient.invalidateQueries({ queryKey: ['access', 'organisations'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e, { scopeCode: 'scope' }),
  });

  const submit = (v: CreateValues) => {
    const scopeCode = Array.isArray(v.scope) ? (v.scope[v.scope.length - 1] ?? '') : v.scope.trim();
    create.mutate({ kind: v.kind, name: v.name.trim(), scopeCode, parentId: v.parentId ?? null });
  };

  return (
    <Modal
      open={open}
      title="新建组织"
      okText="新建"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'org-submit' } as ButtonProps}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="kind" label="组织类型" rules={[{ required: true, message: '请选择组织类型' }]}>
          <Select
            options={ORG_KIND_LIST.map((k) => ({ value: k, label: ORG_KINDS[k] }))}
            onChange={() => form.setFieldsValue({ scope: undefined })}
            placeholder="选择组织类型"
            data-testid="org-kind"
          />
        </Form.Item>
        <Form.Item
          name="scope"
          label="管辖范围"
          extra={
            scopeDepth(kind) === 0
              ? '巡察办等县级组织填区县代码；市级组织填 4 位市代码。'
              : '从已导入的行政区划中选择；尚未导入的区县请先在“村情底数”中导入。'
          }
          rules={[
            { required: true, message: '请选择或填写管辖范围' },
            {
              validator: async (_r, v: string | string[] | undefined) => {
                if (typeof v === 'string' && v && !/^(\d{4}|\d{6})$/.test(v.trim())) throw new Error('应为 4 位市代码或 6 位区县代码');
                if (Array.isArray(v) && v.length < scopeDepth(kind)) throw new Error(kind === 'town' ? '请选到乡镇（街道）' : '请选到村（社区）');
              },
            },
          ]}
        >
          <ScopePicker
            kind={kind}
            onPicked={(division) => {
              if (!kind) return;
              const current = form.getFieldValue('name') as string | undefined;
              const suggestion = suggestName(kind, division);
              if (suggestion && (!current || current === autoName)) {
                form.setFieldsValue({ name: suggestion });
                setAutoName(suggestion);
              }
            }}
          />
        </Form.Item>
        <Form.Item name="name" label="组织名称" rules={[{ required: true, whitespace: true, message: '请输入组织名称' }, { min: 2, max: 60, message: '名称为 2–60 个字' }]}>
          <Input placeholder="如：聚源镇党委" data-testid="org-name" />
        </Form.Item>
        <Form.Item name="parentId" label="上级组织" extra="不选时为本单位">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={organisations.filter((o) => !o.disabled).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RenameModal({ org, onClose }: { org: Organisation | null; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string }>();
  const queryClient = useQueryClient();
  const rename = useMutation({
    mutationFn: (name: string) => accessApi.updateOrganisation(org!.id, { name }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['access', 'organisations'] });
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  return (
    <Modal open={Boolean(org)} title="修改组织名称" okText="保存" cancelText="取消" onOk={() => form.submit()} onCancel={onClose} confirmLoading={rename.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ name: org?.name }} onFinish={(v) => rename.mutate(v.name.trim())} preserve={false}>
        <Form.Item name="name" label="组织名称" rules={[{ required: true, whitespace: true, message: '请输入组织名称' }, { min: 2, max: 60 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 组织机构: the organisations users belong to; each sees what its scope covers. */
export function OrganisationsPage() {
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [createOpen, setCreateOpen] = useState(false);
  const [renaming, setRenaming] = useState<Organisation | null>(null);
  const orgs = useQuery({ queryKey: ['access', 'organisations', q], queryFn: () => accessApi.organisations(q || undefined) });
  const all = useQuery({ queryKey: ['access', 'organisations', ''], queryFn: () => accessApi.organisations() });
  const names = new Map((all.data?.items ?? []).map((o) => [o.id, o.name]));

  const toggle = useMutation({
    mutationFn: (o: Organisation) => accessApi.updateOrganisation(o.id, { disabled: !o.disabled }),
    onSuccess: (o) => {
      void message.success(o.disabled ? `已停用“${o.name}”` : `已启用“${o.name}”`);
      void queryClient.invalidateQueries({ queryKey: ['access', 'organisations'] });
    },
  });

  return (
    <PageContainer
      title="组织机构"
      subTitle="巡察办、镇（街道）党（工）委、村（社区）党组织等；用户属于组织，只能看到组织管辖范围内的数据"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)} data-testid="org-create">
          新建组织
        </Button>
      }
    >
      <Card>
        <Flex gap={12} style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder="按名称搜索" onSearch={(v) => setQ(v.trim())} style={{ width: 260 }} />
          <Link to="/access/users" style={{ marginLeft: 'auto', alignSelf: 'center' }}>
            管理用户账户 →
          </Link>
        </Flex>
        {orgs.isError ? (
          <QueryError error={orgs.error} onRetry={() => void orgs.refetch()} />
        ) : (
          <div data-testid="organisations-table">
            <Table<Organisation>
              rowKey="id"
              loading={orgs.isPending}
              dataSource={orgs.data?.items}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个` }}
              columns={[
                {
                  title: '名称',
                  dataIndex: 'name',
                  render: (n: string, o) => (
                    <Space>
                      <Typography.Text strong={o.id === me.org.id}>{n}</Typography.Text>
                      {o.id === me.org.id && <Tag color="gold">本单位</Tag>}
                    </Space>
                  ),
                },
                { title: '类型', dataIndex: 'kind', render: (k: OrgKind) => ORG_KINDS[k] ?? k },
                { title: '管辖范围', dataIndex: 'scopeCode', render: (c: string) => (c ? <Typography.Text code>{c}</Typography.Text> : '全部') },
                { title: '层级', dataIndex: 'level', render: (l: string) => LEVEL_LABELS[l] ?? l },
                { title: '上级组织', dataIndex: 'parentId', render: (p: string | null) => (p ? (names.get(p) ?? '—') : '—') },
                {
                  title: '状态',
                  dataIndex: 'disabled',
                  width: 90,
                  render: (d: boolean) => (d ? <Badge status="default" text="已停用" /> : <Badge status="success" text="正常" />),
                },
                {
                  title: '操作',
                  key: 'actions',
                  width: 180,
                  render: (_v, o) => (
                    <Space size={0}>
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setRenaming(o)}>
                        改名
                      </Button>
                      {o.id !== me.org.id && (
                        <Popconfirm
                          title={o.disabled ? `启用“${o.name}”？` : `停用“${o.name}”？`}
                          description={o.disabled ? undefined : '停用后该组织的用户将无法使用系统。'}
                          okText={o.disabled ? '启用' : '停用'}
                          okButtonProps={{ danger: !o.disabled }}
                          cancelText="取消"
                          onConfirm={() => toggle.mutateAsync(o)}
                        >
                          <Button type="link" size="small" danger={!o.disabled} icon={o.disabled ? <CheckCircleOutlined /> : <StopOutlined />}>
                            {o.disabled ? '启用' : '停用'}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          </div>
        )}
      </Card>
      <CreateOrganisationModal open={createOpen} onClose={() => setCreateOpen(false)} organisations={all.data?.items ?? []} />
      <RenameModal org={renaming} onClose={() => setRenaming(null)} />
    </PageContainer>
  );
}
