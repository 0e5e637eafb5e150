import { CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Flex, Segmented, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { alertKeys, alertsApi, type Todo } from '../../api/rectification-alerts';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-state';
import { RefusalAlert } from '../../components/refusal-alert';
import { AlertTag } from '../rectification/item-tags';

function dueText(t: Todo) {
  if (t.daysLeft === null || !t.dueOn) return t.dueOn ?? '';
  if (t.daysLeft < 0) return `${t.dueOn}（已逾期 ${-t.daysLeft} 天）`;
  if (t.daysLeft === 0) return `${t.dueOn}（今天到期）`;
  return `${t.dueOn}（剩 ${t.daysLeft} 天）`;
}

/** 我的待办: the 三色预警 and reminders that reached the user, unread first; each links to its item. */
export function TodosPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useQuery({ queryKey: alertKeys.todos(unreadOnly, page, pageSize), queryFn: () => alertsApi.todos({ unread: unreadOnly, page, pageSize }), placeholderData: keepPreviousData });
  const read = useMutation({ mutationFn: alertsApi.markRead, onSuccess: () => void qc.invalidateQueries({ queryKey: alertKeys.all }) });
  const readAll = useMutation({
    mutationFn: alertsApi.markAllRead,
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: alertKeys.all });
      message.success(r.marked > 0 ? `已将 ${r.marked} 条待办标为已读` : '没有未读的待办');
    },
  });

  const columns: TableColumnsType<Todo> = [
    {
      title: '提醒',
      key: 'what',
      width: 150,
      render: (_v, t) => (
        <Flex gap={6} align="center">
          {!t.read && <Badge status="processing" />}
          {t.type === 'alert' ? <AlertTag level={t.level} /> : <Tag color="volcano">督促提醒</Tag>}
        </Flex>
      ),
    },
    {
      title: '整改事项',
      key: 'item',
      render: (_v, t) => (
        <Flex vertical gap={2}>
          <span>
            <Link to={`/rectification/items/${t.itemId}`} data-testid="todo-item-link">
              {t.itemCode}
            </Link>{' '}
            <Typography.Text strong={!t.read}>{t.problem}</Typography.Text>
          </span>
          <Typography.Text type="secondary">
            {t.place} · {t.itemStatusName}
          </Typography.Text>
          {t.message && <Typography.Text>{t.message}</Typography.Text>}
        </Flex>
      ),
    },
    { title: '整改期限', key: 'due', width: 210, render: (_v, t) => dueText(t) },
    { title: '我的身份', key: 'roles', width: 170, render: (_v, t) => (t.roles.length > 0 ? t.roles.join('、') : t.type === 'reminder' ? '经办人' : '—') },
    { title: '时间', dataIndex: 'createdAt', width: 140, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    {
      title: '',
      key: 'read',
      width: 110,
      render: (_v, t) =>
        t.read ? (
          <Typography.Text type="secondary">已读</Typography.Text>
        ) : (
          <Button size="small" icon={<CheckOutlined />} loading={read.isPending && read.variables === t.id} onClick={() => read.mutate(t.id)} data-testid="todo-read">
            标为已读
          </Button>
        ),
    },
  ];

  return (
    <PageContainer
      title="我的待办"
      subTitle="整改期限临近（绿色、黄色预警）或已逾期（红色预警）的整改事项，以及巡察办的督促提醒"
      extra={
        <Button onClick={() => readAll.mutate()} loading={readAll.isPending} disabled={!list.data?.unread} data-testid="todo-read-all">
          全部标为已读
        </Button>
      }
      testId="todos-page"
    >
      <Card size="small">
        <RefusalAlert error={read.error ?? readAll.error} />
        <Flex gap={12} align="center" style={{ marginBottom: 12 }}>
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => {
              setUnreadOnly(v === 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: '全部' },
              { value: 'unread', label: `未读${list.data ? `（${list.data.unread}）` : ''}` },
            ]}
            data-testid="todo-filter"
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Todo>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            locale={{ emptyText: unreadOnly ? '没有未读的待办' : '暂无待办：整改期限临近或逾期时，这里会出现预警' }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => `共 ${n} 条`,
              onChange: (p, s) => {
                setPage(p);
                setPageSize(s);
              },
            }}
            scroll={{ x: 900 }}
            data-testid="todos-table"
          />
        )}
      </Card>
    </PageContainer>
  );
}
