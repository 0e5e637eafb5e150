import { PlayCircleOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Input, Modal, Row, Select, Statistic, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ALERT_LEVELS, ALERT_LEVEL_LIST, type AlertLevel, type InterventionKind } from '../../../../domain/rectification';
import { roundOptionsQuery } from '../../api/inspections';
import { alertKeys, alertsApi, type BoardFilter, type BoardItem, type Intervention } from '../../api/rectification-alerts';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-state';
import { RefusalAlert } from '../../components/refusal-alert';
import { useAccess, useMe } from '../../session/session';
import { AlertTag } from '../rectification/item-tags';
import { InterventionModal } from './intervention-modal';
import { AlertSettingsModal } from './settings-modal';

const LEVEL_COLORS: Record<AlertLevel, string> = { green: '#52c41a', yellow: '#faad14', red: '#ff4d4f' };

const daysText = (d: number) => (d < 0 ? `逾期 ${-d} 天` : d === 0 ? '今天到期' : `剩 ${d} 天`);

/** 三色预警: open items near or past their due date by colour, counts per town, and the office's 催办/约谈/问责. */
export function AlertBoardPage() {
  const me = useMe();
  const { can } = useAccess();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const manage = me.org.kind === 'office' && can('rectification.manage');
  // the home page links to one colour (?level=red)
  const [params] = useSearchParams();
  const linked = params.get('level');
  const [filter, setFilter] = useState<BoardFilter>({ page: 1, pageSize: 20, level: linked === 'green' || linked === 'yellow' || linked === 'red' ? linked : undefined });
  const [selected, setSelected] = useState<BoardItem[]>([]);
  const [kind, setKind] = useState<InterventionKind | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [tab, setTab] = useState('items');
  const [historyOf, setHistoryOf] = useState<BoardItem | null>(null);
  const set = (patch: Partial<BoardFilter>) => setFilter((f) => ({ ...f, page: 1, ...patch }));

  const board = useQuery({ queryKey: alertKeys.board(filter), queryFn: () => alertsApi.board(filter), placeholderData: keepPreviousData });
  const rounds = useQuery({ ...roundOptionsQuery, enabled: can('planning.read') });
  const run = useMutation({
    mutationFn: alertsApi.run,
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: alertKeys.all });
      modal.success({
        title: '三色预警已运行',
        content: (
          <div data-testid="alert-run-result">
            {`${r.date}：检查 ${r.checked} 项临近或超过期限的整改事项，新发出预警 ${r.sent} 条（绿色 ${r.byLevel.green}、黄色 ${r.byLevel.yellow}、红色 ${r.byLevel.red}），新增待办 ${r.todos} 条。`}
            {r.sent === 0 && <div>已发出的预警不会重复发送。</div>}
          </div>
        ),
      });
    },
  });

  const columns: TableColumnsType<BoardItem> = [
    { title: '预警', dataIndex: 'level', width: 100, render: (_v, r) => <AlertTag level={r.level} /> },
    {
      title: '编号',
      dataIndex: 'code',
      width: 140,
      render: (c: string, r) => (
        <Link to={`/rectification/items/${r.id}`} data-testid="alert-item-link">
          {c}
        </Link>
      ),
    },
    { title: '镇（街道）/村（社区）', dataIndex: 'place', width: 170 },
    { title: '问题', dataIndex: 'problem', ellipsis: true },
    { title: '责任单位', key: 'unit', width: 170, render: (_v, r) => `${r.responsibleUnitName}${r.handler ? `（经办：${r.handler}）` : ''}` },
    { title: '状态', dataIndex: 'statusName', width: 100 },
    { title: '整改期限', key: 'due', width: 170, render: (_v, r) => `${r.dueOn}（${daysText(r.daysLeft)}）` },
    {
      title: '已发预警',
      key: 'sent',
      width: 100,
      render: (_v, r) => (r.sentLevel ? <Tag color={LEVEL_COLORS[r.sentLevel]}>{ALERT_LEVELS[r.sentLevel]}</Tag> : <Typography.Text type="secondary">未发送</Typography.Text>),
    },
    {
      title: '催办/约谈/问责',
      dataIndex: 'interventions',
      width: 120,
      render: (n: number, r) =>
        n > 0 ? (
          <Button type="link" size="small" onClick={() => setHistoryOf(r)} data-testid="alert-interventions">
            {`${n} 次`}
          </Button>
        ) : (
          '—'
        ),
    },
  ];

  const counts = board.data?.counts;
  return (
    <PageContainer
      title="三色预警"
      subTitle={
        board.data
          ? `${board.data.date}：绿色提前 ${board.data.settings.greenDays} 天，黄色提前 ${board.data.settings.yellowDays} 天，红色为已逾期`
          : '整改期限临近或逾期的整改事项'
      }
      extra={
        manage && (
          <Flex gap={8}>
            <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="alert-settings">
              预警设置
            </Button>
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              loading={run.isPending}
              onClick={() => modal.confirm({ title: '立即运行三色预警？', content: '将按当前设置向责任人发送预警并生成待办；已发出的预警不会重复发送。', okText: '运行', cancelText: '取消', onOk: () => run.mutateAsync() })}
              data-testid="alert-run"
            >
              立即运行预警
            </Button>
          </Flex>
        )
      }
      testId="alert-board-page"
    >
      <RefusalAlert error={run.error} />
      <Row gutter={12} style={{ marginBottom: 12 }}>
        {ALERT_LEVEL_LIST.map((lv) => (
          <Col key={lv} xs={24} sm={8}>
            <Card size="small" hoverable onClick={() => set({ level: filter.level === lv ? undefined : lv })} style={filter.level === lv ? { borderColor: LEVEL_COLORS[lv] } : undefined} data-testid={`alert-count-${lv}`}>
              <Statistic title={lv === 'red' ? '红色预警（已逾期）' : ALERT_LEVELS[lv]} value={counts?.[lv] ?? 0} suffix="项" valueStyle={{ color: LEVEL_COLORS[lv] }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'items', label: '预警事项' },
            { key: 'towns', label: '各镇（街道）' },
            { key: 'interventions', label: '催办、约谈和问责' },
          ]}
        />
        {tab !== 'interventions' && (
          <Flex gap={12} wrap style={{ marginBottom: 12 }}>
            <Input.Search allowClear placeholder="问题、责任单位、经办人" onSearch={(v) => set({ q: v.trim() || undefined })} style={{ width: 240 }} data-testid="alert-search" />
            {can('planning.read') && <Select allowClear placeholder="轮次" value={filter.roundId} onChange={(v?: string) => set({ roundId: v })} options={rounds.data ?? []} style={{ width: 180 }} />}
            <Select
              allowClear
              placeholder="预警颜色"
              value={filter.level}
              onChange={(v?: AlertLevel) => set({ level: v })}
              options={ALERT_LEVEL_LIST.map((l) => ({ value: l, label: ALERT_LEVELS[l] }))}
              style={{ width: 130 }}
              data-testid="alert-level-filter"
            />
            {filter.townCode && (
              <Tag closable onClose={() => set({ townCode: undefined })}>
                {board.data?.towns.find((t) => t.townCode === filter.townCode)?.townName ?? filter.townCode}
              </Tag>
            )}
          </Flex>
        )}
        {board.isError ? (
          <QueryError error={board.error} onRetry={() => void board.refetch()} />
        ) : tab === 'items' ? (
          <>
            {manage && (
              <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
                <Typography.Text type="secondary">{selected.length > 0 ? `已选 ${selected.length} 项：` : '勾选整改事项后可：'}</Typography.Text>
                <Button disabled={selected.length === 0} onClick={() => setKind('reminder')} data-testid="alert-remind">
                  发送催办
                </Button>
                <Button disabled={selected.length === 0} onClick={() => setKind('talk')} data-testid="alert-talk">
                  登记约谈
                </Button>
                <Button danger disabled={selected.length === 0} onClick={() => setKind('accountability')} data-testid="alert-accountability">
                  登记问责
                </Button>
              </Flex>
            )}
            <Table<BoardItem>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={board.data?.items}
              loading={board.isFetching}
              rowSelection={manage ? { selectedRowKeys: selected.map((s) => s.id), onChange: (_k, rows) => setSelected(rows), preserveSelectedRowKeys: true } : undefined}
              locale={{ emptyText: '没有临近或超过整改期限的事项' }}
              pagination={{
                current: filter.page,
                pageSize: filter.pageSize,
                total: board.data?.total ?? 0,
                showSizeChanger: true,
                showTotal: (t) => `共 ${t} 项`,
                onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
              }}
              scroll={{ x: 1200 }}
              data-testid="alert-board-table"
            />
          </>
        ) : tab === 'towns' ? (
          <Table
            rowKey="townCode"
            size="middle"
            dataSource={board.data?.towns}
            loading={board.isFetching}
            pagination={false}
            locale={{ emptyText: '没有临近或超过整改期限的事项' }}
            columns={[
              {
                title: '镇（街道）',
                dataIndex: 'townName',
                render: (n: string, t) => (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => {
                      set({ townCode: t.townCode });
                      setTab('items');
                    }}
                  >
                    {n}
                  </Button>
                ),
              },
              ...ALERT_LEVEL_LIST.map((lv) => ({ title: ALERT_LEVELS[lv], dataIndex: lv, width: 120, render: (n: number) => (n > 0 ? <Typography.Text style={{ color: LEVEL_COLORS[lv] }}>{n}</Typography.Text> : '0') })),
              { title: '合计', dataIndex: 'total', width: 100 },
            ]}
            data-testid="alert-towns-table"
          />
        ) : (
          <InterventionList roundId={filter.roundId} />
        )}
      </Card>
      {manage && (
        <InterventionModal
          kind={kind}
          items={selected}
          onClose={() => {
            setKind(null);
            setSelected([]);
          }}
        />
      )}
      {manage && <AlertSettingsModal open={settingsOpen} onClose={() => setSettingsOpen(false)} />}
      <Modal open={historyOf !== null} title={historyOf ? `${historyOf.code} 的催办、约谈和问责` : ''} footer={null} onCancel={() => setHistoryOf(null)} width={1000} destroyOnHidden>
        {historyOf && <InterventionList itemId={historyOf.id} />}
      </Modal>
    </PageContainer>
  );
}

/** The reminders, talks and accountability decisions on the items the user sees (of a round when chosen). */
function InterventionList({ roundId, itemId }: { roundId?: string | undefined; itemId?: string | undefined }) {
  const [page, setPage] = useState(1);
  const q = { roundId, itemId, page };
  const list = useQuery({ queryKey: alertKeys.interventions(q), queryFn: () => alertsApi.interventions({ ...q, pageSize: 20 }), placeholderData: keepPreviousData });
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const columns: TableColumnsType<Intervention> = [
    { title: '日期', dataIndex: 'happenedOn', width: 110 },
    { title: '类型', dataIndex: 'kindName', width: 100, render: (n: string, r) => <Tag color={r.kind === 'accountability' ? 'red' : r.kind === 'talk' ? 'orange' : 'blue'}>{n}</Tag> },
    { title: '事由', dataIndex: 'groundName', width: 150 },
    { title: '对象', dataIndex: 'persons', width: 180, ellipsis: true },
    {
      title: '内容或决定',
      key: 'content',
      render: (_v, r) => (
        <Flex vertical gap={2}>
          <span>{r.content}</span>
          {r.accountabilityKindName && <Typography.Text type="secondary">{`问责方式：${r.accountabilityKindName}；文号：${r.decisionNo}`}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: '整改事项',
      key: 'items',
      width: 200,
      render: (_v, r) => (
        <Flex gap={4} wrap>
          {r.items.map((i) => (
            <Link key={i.id} to={`/rectification/items/${i.id}`} title={i.problem}>
              {i.code}
            </Link>
          ))}
        </Flex>
      ),
    },
    { title: '登记人', key: 'by', width: 160, render: (_v, r) => `${r.createdByName} ${dayjs(r.createdAt).format('MM-DD HH:mm')}` },
  ];
  return (
    <Table<Intervention>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={list.data?.items}
      loading={list.isFetching}
      locale={{ emptyText: '暂无催办、约谈或问责记录' }}
      pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showTotal: (t) => `共 ${t} 条`, onChange: setPage }}
      scroll={{ x: 1100 }}
      data-testid="intervention-table"
    />
  );
}
