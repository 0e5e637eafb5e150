import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Col, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatRate, type AlertLevel } from '../../../../../domain/rectification';
import { alertKeys, alertsApi } from '../../../api/rectification-alerts';
import { metricsApi, metricsKeys, type Rates } from '../../../api/rectification-metrics';
import { QueryError } from '../../../components/query-state';

const LEVELS: { level: AlertLevel; name: string; color: string }[] = [
  { level: 'red', name: '红色预警（已逾期）', color: '#cf1322' },
  { level: 'yellow', name: '黄色预警', color: '#d48806' },
  { level: 'green', name: '绿色预警', color: '#389e0d' },
];
const TAG: Record<AlertLevel, string> = { red: 'red', yellow: 'gold', green: 'green' };
/** Each rate with the fraction behind it, as the 整改成效 page counts them. */
const RATES: [keyof Rates, string, (r: Rates) => string][] = [
  ['rectified', '整改到位率', (r) => `${r.rectified.closedOnTime} / ${r.rectified.due}`],
  ['transfers', '移交事项办结率', (r) => `${r.transfers.completed} / ${r.transfers.transferred}`],
  ['satisfaction', '群众满意率', (r) => `${r.satisfaction.satisfied + r.satisfaction.basicallySatisfied} / ${r.satisfaction.answers}`],
];

/**
 * The home page's 整改落实 overview for everyone who may read rectification, within their own scope:
 * the unread to-dos, the open items by alert colour and the three effect rates as of today. Each
 * figure comes from the same route as the page it links to, so the numbers match the records there.
 */
export function RectificationPanel() {
  const todos = useQuery({ queryKey: alertKeys.todos(false, 1, 5), queryFn: () => alertsApi.todos({ page: 1, pageSize: 5 }) });
  const board = useQuery({ queryKey: alertKeys.board({ page: 1, pageSize: 1 }), queryFn: () => alertsApi.board({ page: 1, pageSize: 1 }) });
  const rates = useQuery({ queryKey: metricsKeys.rates({ groupBy: 'round' }), queryFn: () => metricsApi.rates({ groupBy: 'round' }) });

  return (
    <Row gutter={[16, 16]} data-testid="home-rectification">
      <Col xs={24} lg={10}>
        <Card
          title={
            <Space>
              我的待办
              {todos.data && <Badge count={todos.data.unread} overflowCount={999} data-testid="home-todos-unread" />}
            </Space>
          }
          extra={<Link to="/rectification/todos">全部待办</Link>}
          loading={todos.isPending}
          style={{ height: '100%' }}
        >
          {todos.isError ? (
            <QueryError error={todos.error} onRetry={() => void todos.refetch()} />
          ) : todos.data && todos.data.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无待办" />
          ) : (
            <List
              size="small"
              dataSource={todos.data?.items ?? []}
              renderItem={(t) => (
                <List.Item>
                  <Space size={4} wrap>
                    {t.level ? <Tag color={TAG[t.level]}>{t.levelName}</Tag> : <Tag color="blue">催办</Tag>}
                    <Link to={`/rectification/items/${t.itemId}`}>
                      <Typography.Text strong={!t.read}>{`${t.place}：${t.problem}`}</Typography.Text>
                    </Link>
                    {t.dueOn && <Typography.Text type="secondary">{t.daysLeft !== null && t.daysLeft < 0 ? `已逾期 ${-t.daysLeft} 天` : t.daysLeft === 0 ? '今天到期' : `${t.dueOn} 到期`}</Typography.Text>}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title="整改落实" extra={<Link to="/rectification/metrics">整改成效</Link>} style={{ height: '100%' }}>
          {board.isError && <QueryError error={board.error} onRetry={() => void board.refetch()} />}
          {rates.isError && <QueryError error={rates.error} onRetry={() => void rates.refetch()} />}
          <Row gutter={[16, 16]}>
            {LEVELS.map((l) => (
              <Col xs={8} key={l.level}>
                <Link to={`/rectification/alerts?level=${l.level}`} data-testid={`home-alerts-${l.level}`}>
                  <Statistic title={l.name} value={board.data?.counts[l.level] ?? '—'} valueStyle={{ color: l.color }} loading={board.isPending} />
                </Link>
              </Col>
            ))}
            {RATES.map(([key, title, fraction]) => (
              <Col xs={8} key={key} data-testid={`home-rate-${key}`}>
                <Statistic title={title} value={rates.data ? formatRate(rates.data.total[key].rate) : '—'} loading={rates.isPending} />
                {rates.data && <Typography.Text type="secondary">{fraction(rates.data.total)}</Typography.Text>}
              </Col>
            ))}
          </Row>
        </Card>
      </Col>
    </Row>
  );
}
