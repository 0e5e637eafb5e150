import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { EXPERTISE_SUGGESTIONS } from '../../../../../domain/planning/requests';
import { errorText } from '../../../api/errors';
import { refusalReasons } from '../../../api/errors';
import { planningApi, planningKeys, type PeopleFilter, type Person } from '../../../api/planning';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { useAccess } from '../../../session/session';
import { PersonDrawer } from './person-drawer';

/** 人员库: the people who can be sent on inspection, with what 回避 is checked against. */
export function PeoplePage() {
  const access = useAccess();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const canWrite = access.can('planning.write');
  const [filter, setFilter] = useState<PeopleFilter>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Person | null>(null);
  const [open, setOpen] = useState(false);
  const people = useQuery({ queryKey: planningKeys.people(filter), queryFn: () => planningApi.people(filter), placeholderData: keepPreviousData });

  const del = useMutation({
    mutationFn: (p: Person) => planningApi.deletePerson(p.id),
    meta: { silent: true },
    onSuccess: () => {
      void message.success('已删除');
      void queryClient.invalidateQueries({ queryKey: ['planning', 'people'] });
    },
    onError: (e) => {
      const reasons = refusalReasons(e);
      modal.error({ title: errorText(e), content: reasons.length ? reasons.join('；') : undefined });
    },
  });

  const columns: TableColumnsType<Person> = [
    { title: '姓名', dataIndex: 'name', width: 100 },
    { title: '单位', dataIndex: 'unit', render: (u: string, p) => `${u}${p.position ? ` · ${p.position}` : ''}` || '—' },
    { title: '专长', dataIndex: 'expertise', render: (xs: string[]) => xs.map((x) => <Tag key={x}>{x}</Tag>) },
    { title: '家乡', dataIndex: 'homeTownName', width: 110, render: (n: string | null) => n ?? '—' },
    { title: '工作乡镇', dataIndex: 'workTownName', width: 110, render: (n: string | null) => n ?? '—' },
    {
      title: '申报亲属',
      dataIndex: 'relatives',
      render: (rs: Person['relatives']) =>
        rs.length ? rs.map((r) => `${r.relation}${r.name}`).join('、') : <Typography.Text type="secondary">—</Typography.Text>,
    },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 110,
            render: (_: unknown, p: Person) => (
              <Space>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => {
                    setEditing(p);
                    setOpen(true);
                  }}
                />
                <Popconfirm title={`删除${p.name}？`} description="已编入巡察组的人员不能删除" okText="删除" okButtonProps={{ danger: true }} onConfirm={() => del.mutate(p)}>
                  <Button size="small" danger icon={<DeleteOutlined />} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageContainer
      title="人员库"
      subTitle="可抽调参加巡察的人员：专长、家乡和申报的亲属用于组队和回避审查"
      extra={
        canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
            data-testid="person-create"
          >
            新增人员
          </Button>
        )
      }
    >
      <Card size="small">
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder="姓名或单位" onSearch={(v) => setFilter({ ...filter, q: v.trim() || undefined, page: 1 })} style={{ width: 260 }} data-testid="people-search" />
          <Select
            allowClear
            placeholder="专长"
            value={filter.expertise}
            onChange={(v?: string) => setFilter({ ...filter, expertise: v, page: 1 })}
            options={EXPERTISE_SUGGESTIONS.map((x) => ({ value: x, label: x }))}
            style={{ width: 140 }}
          />
        </Flex>
        {people.isError ? (
          <QueryError error={people.error} onRetry={() => void people.refetch()} />
        ) : (
          <Table<Person>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={people.data?.items}
            loading={people.isFetching}
            locale={{ emptyText: '人员库暂无人员' }}
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: people.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 人`,
              onChange: (page, pageSize) => setFilter({ ...filter, page, pageSize }),
            }}
            scroll={{ x: 900 }}
          />
        )}
      </Card>
      <PersonDrawer open={open} person={editing} onClose={() => setOpen(false)} />
    </PageContainer>
  );
}
