import { EditOutlined, KeyOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Checkbox, Flex, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ORG_KINDS, ROLES, ROLES_BY_ORG_KIND, type OrgKind, type Role } from '../../../../../domain/access/roles';
import { applyFieldErrors } from '../../../api/errors';
import { accessApi, keys, type UserFilter } from '../../../api/endpoints';
import type { Organisation, UserRow } from '../../../api/types';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { SecretOnceModal } from '../../../components/secret-once-modal';
import { useMe } from '../../../session/session';

const rolesFor = (kind: OrgKind | undefined) => (kind ? (ROLES_BY_ORG_KIND[kind] ?? []) : []);

/** Roles to tick, limited to what the organisation kind allows (a Form.Item control). */
function RoleChecks({ kind, value, onChange }: { kind: OrgKind | undefined; value?: Role[]; onChange?: (v: Role[]) => void }) {
  const allowed = rolesFor(kind);
  if (!kind) return <Typography.Text type="secondary">请先选择所属组织</Typography.Text>;
  return (
    <div data-testid="user-roles">
      <Checkbox.Group<Role> value={value} onChange={onChange} options={allowed.map((r) => ({ value: r, label: ROLES[r] }))} />
    </div>
  );
}

interface CreateValues {
  orgId: string;
  username: string;
  displayName: string;
  roles: Role[];
}

function CreateUserModal({
  open,
  onClose,
  organisations,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  organisations: Organisation[];
  onCreated: (username: string, password: string | null) => void;
}) {
  const [form] = Form.useForm<CreateValues>();
  const queryClient = useQueryClient();
  const orgId = Form.useWatch('orgId', form);
  const kind = organisations.find((o) => o.id === orgId)?.kind;

  // An organisation kind with a single role needs no choice.
  useEffect(() => {
    const allowed = rolesFor(kind);
    form.setFieldsValue({ roles: allowed.length === 1 ? allowed : [] });
  }, [kind, form]);

  const create = useMutation({
    mutationFn: accessApi.createUser,
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ['access', 'users'] });
      form.resetFields();
      onClose();
      onCreated(r.user.username, r.initialPassword);
    },
    onError: (e) => applyFieldErrors(form, e),
  });

  return (
    <Modal
      open={open}
      title="新建用户"
      okText="新建"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'user-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => create.mutate({ orgId: v.orgId, username: v.username.trim().toLowerCase(), displayName: v.displayName.trim(), roles: v.roles })}
      >
        <Form.Item name="orgId" label="所属组织" rules={[{ required: true, message: '请选择所属组织' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="选择组织"
            options={organisations.filter((o) => !o.disabled).map((o) => ({ value: o.id, label: `${o.name}（${ORG_KINDS[o.kind] ?? o.kind}）` }))}
            data-testid="user-org"
          />
        </Form.Item>
        <Form.Item
          name="username"
          label="用户名"
          extra="3–32 位小写字母、数字、下划线、点或短横线，以字母开头；用于登录。"
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: /^\s*[a-zA-Z][a-zA-Z0-9_.-]{2,31}\s*$/, message: '用户名格式不正确' },
          ]}
        >
          <Input autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 40 }]}>
          <Input data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="roles" label="角色" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}>
          <RoleChecks kind={kind} />
        </Form.Item>
        <Typography.Text type="secondary">初始密码由系统生成，只显示一次；用户首次登录时须修改密码。</Typography.Text>
      </Form>
    </Modal>
  );
}

function EditUserModal({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const [form] = Form.useForm<{ displayName: string; roles: Role[] }>();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { displayName: string; roles: Role[] }) => accessApi.updateUser(user!.id, v),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['access', 'users'] });
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  return (
    <Modal open={Boolean(user)} title={`编辑用户：${user?.username ?? ''}`} okText="保存" cancelText="取消" onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} destroyOnHidden>
      {user && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ displayName: user.displayName, roles: user.roles }}
          onFinish={(v) => save.mutate({ displayName: v.displayName.trim(), roles: v.roles })}
        >
          <Typography.Paragraph type="secondary">所属组织：{user.orgName}</Typography.Paragraph>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 40 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="roles" label="角色" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}>
            <RoleChecks kind={user.orgKind} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** 用户账户: search, create (roles limited by the organisation's kind), edit, disable, reset password. */
export function UsersPage() {
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<UserFilter>({ page: 1, pageSize: 20 });
  const [createOpen, setCreateOpen] = useState(false);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [secret, setSecret] = useState<{ title: string; username: string; password: string } | null>(null);

  const users = useQuery({ queryKey: keys.users(filter), queryFn: () => accessApi.users(filter), placeholderData: keepPreviousData });
  const orgs = useQuery({ queryKey: keys.organisations(), queryFn: () => accessApi.organisations() });

  const toggle = useMutation({
    mutationFn: (u: UserRow) => accessApi.updateUser(u.id, { disabled: !u.disabled }),
    onSuccess: (u) => {
      void message.success(u.disabled ? `已停用 ${u.username}` : `已启用 ${u.username}`);
      void queryClient.invalidateQueries({ queryKey: ['access', 'users'] });
    },
  });
  const reset = useMutation({
    mutationFn: (u: UserRow) => accessApi.resetPassword(u.id),
    onSuccess: (r, u) => {
      void queryClient.invalidateQueries({ queryKey: ['access', 'users'] });
      setSecret({ title: '密码已重置', username: u.username, password: r.initialPassword });
    },
  });

  return (
    <PageContainer
      title="用户账户"
      subTitle="每个用户属于一个组织；角色决定能做什么，组织决定能看到哪些村"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)} data-testid="user-create">
          新建用户
        </Button>
      }
    >
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder="用户名或姓名"
            onSearch={(v) => setFilter((f) => ({ ...f, q: v.trim() || undefined, page: 1 }))}
            style={{ width: 240 }}
            data-testid="user-search"
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="所属组织"
            style={{ width: 260 }}
            options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
            onChange={(v?: string) => setFilter((f) => ({ ...f, orgId: v, page: 1 }))}
          />
          <Link to="/access/organisations" style={{ marginLeft: 'auto', alignSelf: 'center' }}>
            管理组织机构 →
          </Link>
        </Flex>
        {users.isError ? (
          <QueryError error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <div data-testid="users-table">
            <Table<UserRow>
              rowKey="id"
              loading={users.isFetching}
              dataSource={users.data?.items}
              scroll={{ x: 1100 }}
              pagination={{
                current: filter.page,
                pageSize: filter.pageSize,
                total: users.data?.total ?? 0,
                showTotal: (t) => `共 ${t} 个用户`,
                onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
              }}
              columns={[
                { title: '用户名', dataIndex: 'username', render: (u: string) => <Typography.Text code>{u}</Typography.Text> },
                { title: '姓名', dataIndex: 'displayName' },
                { title: '所属组织', dataIndex: 'orgName' },
                { title: '角色', dataIndex: 'roles', render: (rs: Role[]) => rs.map((r) => <Tag key={r}>{ROLES[r] ?? r}</Tag>) },
                {
                  title: '状态',
                  key: 'status',
                  width: 110,
                  render: (_v, u) =>
                    u.disabled ? (
                      <Badge status="default" text="已停用" />
                    ) : u.locked ? (
                      <Badge status="warning" text="已锁定" />
                    ) : (
                      <Badge status="success" text="正常" />
                    ),
                },
                { title: '动态验证码', dataIndex: 'totpEnabled', width: 100, render: (t: boolean) => (t ? <Tag color="green">已启用</Tag> : <Tag>未启用</Tag>) },
                { title: '创建时间', dataIndex: 'createdAt', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
                {
                  title: '操作',
                  key: 'actions',
                  width: 240,
                  fixed: 'right',
                  render: (_v, u) => (
                    <Space size={0}>
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>
                        编辑
                      </Button>
                      {u.id !== me.id && (
                        <Popconfirm
                          title={u.disabled ? `启用用户 ${u.username}？` : `停用用户 ${u.username}？`}
                          description={u.disabled ? undefined : '停用后立即退出登录，且不能再登录。'}
                          okText={u.disabled ? '启用' : '停用'}
                          okButtonProps={{ danger: !u.disabled }}
                          cancelText="取消"
                          onConfirm={() => toggle.mutateAsync(u)}
                        >
                          <Button type="link" size="small" danger={!u.disabled} icon={u.disabled ? <CheckCircleOutlined /> : <StopOutlined />}>
                            {u.disabled ? '启用' : '停用'}
                          </Button>
                        </Popconfirm>
                      )}
                      <Popconfirm
                        title={`重置 ${u.username} 的密码？`}
                        description="将生成新的初始密码并解除锁定，该用户的登录全部失效。"
                        okText="重置"
                        cancelText="取消"
                        onConfirm={() => reset.mutateAsync(u)}
                      >
                        <Button type="link" size="small" icon={<KeyOutlined />}>
                          重置密码
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]}
            />
          </div>
        )}
      </Card>
      <CreateUserModal
        open={createOpen}
        onClose={() => setCreateOpen(false)}
        organisations={orgs.data?.items ?? []}
        onCreated={(username, password) => {
          if (password) setSecret({ title: '用户已创建', username, password });
          else void message.success(`已创建用户 ${username}`);
        }}
      />
      <EditUserModal user={editing} onClose={() => setEditing(null)} />
      {secret && <SecretOnceModal open title={secret.title} username={secret.username} password={secret.password} onClose={() => setSecret(null)} />}
    </PageContainer>
  );
}
