import { DeleteOutlined, EditOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { TEAM_ROLES, type TeamRole } from '../../../../../domain/planning/round-description';
import { applyFieldErrors } from '../../../api/errors';
import { planningApi, planningKeys, type RoundDetail, type Team, type TeamMember } from '../../../api/planning';
import { RefusalAlert, WarningsAlert } from '../../../components/refusal-alert';
import { organisationsOfKind } from './target-modal';

interface TeamValues {
  name: string;
  orgId?: string | null;
  documentNumber?: string;
  authDate?: Dayjs | null;
  sort?: number;
}

function TeamModal({ open, round, team, onClose }: { open: boolean; round: RoundDetail; team: Team | null; onClose: () => void }) {
  const [form] = Form.useForm<TeamValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const orgs = useQuery({ queryKey: ['planning', 'organisations', 'team'], queryFn: () => organisationsOfKind('team'), enabled: open });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      team
        ? {
            name: team.name,
            orgId: team.orgId,
            documentNumber: team.leaderAuthorisation?.documentNumber,
            authDate: team.leaderAuthorisation ? dayjs(team.leaderAuthorisation.date) : null,
            sort: team.sort,
          }
        : { name: `第${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][round.teams.length] ?? round.teams.length + 1}巡察组`, sort: round.teams.length + 1 },
    );
  }, [open, team, round, form]);

  const save = useMutation({
    mutationFn: (v: TeamValues) => {
      const body = {
        name: v.name.trim(),
        orgId: v.orgId ?? null,
        sort: v.sort ?? 0,
        leaderAuthorisation: v.documentNumber?.trim() && v.authDate ? { documentNumber: v.documentNumber.trim(), date: v.authDate.format('YYYY-MM-DD') } : null,
      };
      return team ? planningApi.updateTeam(round.id, team.id, body) : planningApi.createTeam(round.id, body);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: planningKeys.round(round.id) });
      void message.success(team ? `已保存${saved.name}` : `已组建${saved.name}`);
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e, { leaderAuthorisation: 'documentNumber' }),
  });

  return (
    <Modal open={open} title={team ? `编辑${team.name}` : '组建巡察组'} okText="保存" onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="team-form">
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label="巡察组名称" rules={[{ required: true, whitespace: true, message: '请填写巡察组名称' }, { max: 40 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="sort" label="排序">
              <InputNumber min={0} max={999} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="orgId" label="对应的巡察组组织" extra="该组织的用户以本组身份登录，只能看到本组的巡察对象">
          <Select allowClear placeholder="暂不关联" loading={orgs.isPending} options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Typography.Text strong>组长授权（一次一授权，仅对本轮有效）</Typography.Text>
        <Row gutter={16} style={{ marginTop: 8 }}>
          <Col span={14}>
            <Form.Item name="documentNumber" label="授权文号" dependencies={['authDate']} rules={[({ getFieldValue }) => ({ validator: async (_r, v?: string) => { if (getFieldValue('authDate') && !v?.trim()) throw new Error('请填写授权文号'); } })]}>
              <Input placeholder="如：溧巡〔2026〕5号" maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="authDate" label="授权日期" dependencies={['documentNumber']} rules={[({ getFieldValue }) => ({ validator: async (_r, v?: Dayjs | null) => { if (getFieldValue('documentNumber')?.trim() && !v) throw new Error('请选择授权日期'); } })]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** Pick a person from the people list by name or unit. */
function PersonSearch({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [q, setQ] = useState('');
  const filter = { q: q || undefined, page: 1, pageSize: 30 };
  const people = useQuery({ queryKey: planningKeys.people(filter), queryFn: () => planningApi.people(filter) });
  return (
    <Select
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="按姓名或单位查找人员"
      loading={people.isFetching}
      style={{ width: 260 }}
      options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}${p.unit ? `（${p.unit}）` : ''}` }))}
      notFoundContent="人员库中没有匹配的人员"
      data-testid="member-person"
    />
  );
}

function TeamCard({ round, team, editable, onEdit }: { round: RoundDetail; team: Team; editable: boolean; onEdit: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [personId, setPersonId] = useState<string>();
  const [role, setRole] = useState<TeamRole>('member');
  const [refusal, setRefusal] = useState<unknown>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: planningKeys.round(round.id) });

  const add = useMutation({
    mutationFn: () => planningApi.addMember(round.id, team.id, { personId: personId!, role }),
    meta: { silent: true },
    onSuccess: (saved) => {
      setRefusal(null);
      setWarnings(saved.warnings);
      setPersonId(undefined);
      void message.success('已编入');
      refresh();
    },
    onError: (e) => setRefusal(e),
  });
  const remove = useMutation({
    mutationFn: (m: TeamMember) => planningApi.removeMember(round.id, team.id, m.personId),
    onSuccess: () => refresh(),
  });
  const del = useMutation({
    mutationFn: () => planningApi.deleteTeam(round.id, team.id),
    onSuccess: () => {
      void message.success(`已删除${team.name}`);
      refresh();
    },
  });

  const columns: TableColumnsType<TeamMember> = [
    { title: '组内职务', dataIndex: 'roleName', width: 90, render: (n: string, m) => <Tag color={m.role === 'leader' ? 'red' : m.role === 'deputy' ? 'orange' : undefined}>{n}</Tag> },
    { title: '姓名', dataIndex: 'name', width: 100 },
    { title: '单位', dataIndex: 'unit' },
    { title: '专长', dataIndex: 'expertise', render: (xs: string[]) => xs.map((x) => <Tag key={x}>{x}</Tag>) },
    ...(editable
      ? [
          {
            title: '',
            key: 'actions',
            width: 60,
            render: (_: unknown, m: TeamMember) => (
              <Popconfirm title={`将${m.name}移出${team.name}？`} okText="移出" okButtonProps={{ danger: true }} onConfirm={() => remove.mutate(m)}>
                <Button size="small" danger type="text" icon={<DeleteOutlined />} />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={team.name}
      style={{ marginBottom: 16 }}
      data-testid={`team-card-${team.name}`}
      extra={
        editable && (
          <Flex gap={8}>
            <Button size="small" icon={<EditOutlined />} onClick={onEdit}>
              编辑
            </Button>
            <Popconfirm title={`删除${team.name}？`} description="组员将移出，已分配的巡察对象变为未分配" okText="删除" okButtonProps={{ danger: true }} onConfirm={() => del.mutate()}>
              <Button size="small" danger icon={<DeleteOutlined />}>
                删除
              </Button>
            </Popconfirm>
          </Flex>
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 8 }}>
        <Descriptions.Item label="组长">{team.leaderName ?? <Typography.Text type="warning">尚未确定</Typography.Text>}</Descriptions.Item>
        <Descriptions.Item label="组长授权">
          {team.leaderAuthorisation ? (
            `${team.leaderAuthorisation.documentNumber}（${team.leaderAuthorisation.date}）`
          ) : (
            <Typography.Text type="warning">尚未授权</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="对应组织">{team.orgName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="巡察对象" span={3}>
          {team.targets.length > 0 ? team.targets.map((t) => t.name).join('、') : '—'}
        </Descriptions.Item>
      </Descriptions>
      <RefusalAlert error={refusal} onClose={() => setRefusal(null)} />
      <WarningsAlert warnings={warnings} onClose={() => setWarnings([])} />
      <Table<TeamMember> rowKey="personId" size="small" columns={columns} dataSource={team.members} pagination={false} locale={{ emptyText: '尚无组员' }} />
      {editable && (
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          <PersonSearch value={personId} onChange={setPersonId} />
          <Select<TeamRole> value={role} onChange={setRole} style={{ width: 110 }} options={(Object.keys(TEAM_ROLES) as TeamRole[]).map((r) => ({ value: r, label: TEAM_ROLES[r] }))} />
          <Button icon={<UserAddOutlined />} disabled={!personId} loading={add.isPending} onClick={() => add.mutate()} data-testid="member-add">
            编入（回避审查）
          </Button>
        </Flex>
      )}
    </Card>
  );
}

/** 巡察组: teams of the round with their leader's authorisation and members; 回避 refusals with reasons. */
export function TeamsTab({ round }: { round: RoundDetail }) {
  const [editing, setEditing] = useState<Team | null>(null);
  const [open, setOpen] = useState(false);
  const editable = round.canWrite && ['preparation', 'entry', 'fact_finding'].includes(round.phase);
  return (
    <>
      {editable && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
            data-testid="team-create"
          >
            组建巡察组
          </Button>
        </Flex>
      )}
      {round.teams.length === 0 && <Empty description="尚未组建巡察组" />}
      {round.teams.map((t) => (
        <TeamCard
          key={t.id}
          round={round}
          team={t}
          editable={editable}
          onEdit={() => {
            setEditing(t);
            setOpen(true);
          }}
        />
      ))}
      <TeamModal open={open} round={round} team={editing} onClose={() => setOpen(false)} />
    </>
  );
}
