import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Result, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { planningApi, planningKeys, type TermPlan } from '../../../api/planning';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { useAccess, useMe } from '../../../session/session';
import { TermPlanModal } from './term-plan-modal';

/** 巡察规划: one plan per committee term, each with its coverage. */
export function TermPlansPage() {
  const access = useAccess();
  const me = useMe();
  const navigate = useNavigate();
  // the plan is the office's: a team works from its rounds
  const asTeam = me.org.kind === 'team';
  const plans = useQuery({ queryKey: planningKeys.termPlans, queryFn: planningApi.termPlans, enabled: !asTeam });
  const [editing, setEditing] = useState<TermPlan | null>(null);
  const [open, setOpen] = useState(false);
  const canWrite = access.can('planning.write');

  const columns: TableColumnsType<TermPlan> = [
    { title: '规划名称', dataIndex: 'name', render: (n: string, p) => <Link to={`/planning/term-plans/${p.id}`}>{n}</Link> },
    { title: '区县', dataIndex: 'countyName', width: 120 },
    { title: '规划期', key: 'term', width: 220, render: (_, p) => `${p.startDate} 至 ${p.endDate}` },
    {
      title: '节奏要求',
      key: 'pace',
      render: (_, p) => `${p.pace.everyVillagePerTerm ? '一届全覆盖；' : ''}每年至少 ${p.pace.minAnnualPercent}%`,
    },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 100,
            render: (_: unknown, p: TermPlan) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={(e) => {
                  e.stopPropagation();
                  setEditing(p);
                  setOpen(true);
                }}
              >
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageContainer
      title="巡察规划"
      subTitle="一届一规划：每个村（社区）一届任期内至少巡察一次，并按年度节奏推进"
      extra={
        canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
            data-testid="term-plan-create"
          >
            新建规划
          </Button>
        )
      }
    >
      <Card size="small">
        {asTeam ? (
          <Result status="info" title="巡察规划由巡察办制定" subTitle="巡察组请在“巡察轮次”中查看本组参加的轮次和巡察对象" />
        ) : plans.isError ? (
          <QueryError error={plans.error} onRetry={() => void plans.refetch()} />
        ) : (
          <Table<TermPlan>
            rowKey="id"
            className="xc-clickable-rows"
            columns={columns}
            dataSource={plans.data?.items}
            loading={plans.isFetching}
            onRow={(p) => ({ onClick: () => void navigate(`/planning/term-plans/${p.id}`) })}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个` }}
            locale={{ emptyText: <Typography.Text type="secondary">尚未制定巡察规划</Typography.Text> }}
          />
        )}
      </Card>
      <TermPlanModal open={open} plan={editing} onClose={() => setOpen(false)} onSaved={(p) => !editing && void navigate(`/planning/term-plans/${p.id}`)} />
    </PageContainer>
  );
}
