import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { ROUND_PHASE_LIST } from '../../../../../domain/planning/round';
import { planningApi, planningKeys, type RoundDetail, type Target, type TargetVillage } from '../../../api/planning';
import { RoundChecklistsButton } from '../../checklists/round-checklists/round-checklists-button';
import { RefusalAlert, WarningsAlert } from '../../../components/refusal-alert';
import { TargetModal } from './target-modal';

const STATUS_COLORS: Record<string, string> = { not_started: 'default', in_progress: 'processing', completed: 'success' };

/** 巡察对象: towns, villages and departments with mode, importance, days, villages reached and team. */
export function TargetsTab({ round }: { round: RoundDetail }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Target | null>(null);
  const [open, setOpen] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const editable = round.canWrite && ['preparation', 'entry', 'fact_finding'].includes(round.phase);
  const feedbackOpen = round.canWrite && ROUND_PHASE_LIST.indexOf(round.phase) >= ROUND_PHASE_LIST.indexOf('report');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: planningKeys.round(round.id) });

  const assign = useMutation({
    mutationFn: ({ target, teamId }: { target: Target; teamId: string | null }) => planningApi.assignTeam(round.id, target.id, teamId),
    meta: { silent: true },
    onSuccess: (saved) => {
      setRefusal(null);
      setWarnings(saved.warnings);
      void message.success(saved.teamName ? `${saved.name}已分配给${saved.teamName}` : `${saved.name}已取消分配`);
      refresh();
    },
    onError: (e) => setRefusal(e),
  });
  const remove = useMutation({
    mutationFn: (t: Target) => planningApi.removeTarget(round.id, t.id),
    meta: { silent: true },
    onSuccess: () => {
      setRefusal(null);
      void message.success('已删除');
      refresh();
    },
    onError: (e) => setRefusal(e),
  });
  const feedback = useMutation({
    mutationFn: ({ target, on }: { target: Target; on: string | null }) => planningApi.feedback(round.id, target.id, on),
    onSuccess: () => refresh(),
  });

  const columns: TableColumnsType<Target> = [
    { title: '巡察对象', dataIndex: 'name', render: (n: string, t) => <Space>{n}<Tag>{t.kindName}</Tag></Space> },
    { title: '所属乡镇', dataIndex: 'townName', width: 110, render: (n: string | null) => n ?? '—' },
    {
      title: '巡察方式',
      dataIndex: 'modeName',
      width: 110,
      // a 回头看 target's linked items and verdicts live on the 回头看 page
      render: (n: string, t) => (t.mode === 'revisit' ? <Space orientation="vertical" size={0}>{n}<Link to={`/rectification/look-back?tab=targets&target=${t.id}`}>复查事项</Link></Space> : n),
    },
    { title: '类别', dataIndex: 'importanceName', width: 70, render: (n: string, t) => <Tag color={t.importance === 'key' ? 'red' : undefined}>{n}</Tag> },
    {
      title: '最少驻点',
      dataIndex: 'minWorkingDays',
      width: 100,
      render: (d: number, t) => (
        <span title={t.ownMinWorkingDays === null ? '按本轮标准' : '单独设定'}>
          {d} 个工作日{t.ownMinWorkingDays === null ? '' : '*'}
        </span>
      ),
    },
    { title: '最早完成', dataIndex: 'earliestFinish', width: 110, render: (d: string) => <span title="自本轮开始日按法定工作日计算">{d}</span> },
    {
      title: '巡察组',
      dataIndex: 'teamId',
      width: 170,
      render: (teamId: string | null, t) =>
        editable ? (
          <Select
            size="small"
            allowClear
            value={teamId ?? undefined}
            placeholder="未分配"
            style={{ width: 150 }}
            loading={assign.isPending && assign.variables?.target.id === t.id}
            onChange={(v?: string) => assign.mutate({ target: t, teamId: v ?? null })}
            options={round.teams.map((x) => ({ value: x.id, label: x.name }))}
            data-testid={`assign-team-${t.id}`}
          />
        ) : (
          (t.teamName ?? <Typography.Text type="warning">未分配</Typography.Text>)
        ),
    },
    {
      title: '反馈日期',
      dataIndex: 'feedbackOn',
      width: 140,
      render: (d: string | null, t) =>
        feedbackOpen ? (
          <DatePicker size="small" value={d ? dayjs(d) : null} onChange={(v) => feedback.mutate({ target: t, on: v ? v.format('YYYY-MM-DD') : null })} />
        ) : (
          (d ?? '—')
        ),
    },
    ...(editable
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 130,
            render: (_: unknown, t: Target) => (
              <Space>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => {
                    setEditing(t);
                    setOpen(true);
                  }}
                />
                <Popconfirm
                  title={`删除巡察对象“${t.name}”？`}
                  description={t.villages.length > 0 ? `将同时删除 ${t.villages.length} 项村级巡察（已开始的不能删除）` : undefined}
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutate(t)}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const villageColumns: TableColumnsType<TargetVillage> = [
    { title: '村（社区）', dataIndex: 'name', render: (n: string, v) => <Link to={`/inspections/${v.inspectionId}`}>{n}</Link> },
    { title: '乡镇（街道）', dataIndex: 'townName' },
    { title: '巡察状态', dataIndex: 'statusName', render: (n: string, v) => <Tag color={STATUS_COLORS[v.status]}>{n}</Tag> },
    {
      title: '个性化监督清单',
      dataIndex: 'checklistItems',
      render: (n: number) => (n > 0 ? `${n} 项` : <Typography.Text type="warning">尚未制定</Typography.Text>),
    },
  ];

  return (
    <Card
      size="small"
      title={`巡察对象（${round.targets.length}）`}
      extra={
        <Space>
          {round.phase === 'preparation' && round.targets.length > 0 && <RoundChecklistsButton roundId={round.id} onDone={refresh} />}
          {editable && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing(null);
                setOpen(true);
              }}
              data-testid="target-add"
            >
              添加巡察对象
            </Button>
          )}
        </Space>
      }
    >
      <RefusalAlert error={refusal} onClose={() => setRefusal(null)} />
      <WarningsAlert warnings={warnings} onClose={() => setWarnings([])} />
      <Table<Target>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={round.targets}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个` }}
        expandable={{
          rowExpandable: (t) => t.villages.length > 0,
          expandedRowRender: (t) => <Table<TargetVillage> rowKey="inspectionId" size="small" columns={villageColumns} dataSource={t.villages} pagination={false} />,
        }}
        locale={{ emptyText: '尚未确定巡察对象' }}
        scroll={{ x: 1000 }}
        data-testid="targets-table"
      />
      <TargetModal open={open} round={round} target={editing} onClose={() => setOpen(false)} />
    </Card>
  );
}
