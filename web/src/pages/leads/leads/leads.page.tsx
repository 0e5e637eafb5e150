import { DownloadOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Modal, Row, Select, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useUrlFilters } from '../../../components/use-url-filters';
import { LEAD_AUTHORITIES, LEAD_AUTHORITY_LIST, LEAD_STATUSES, LEAD_STATUS_LIST } from '../../../../../domain/leads/lead';
import { roundOptionsQuery } from '../../../api/inspections';
import { leadKeys, leadsApi, type Lead, type LeadFilter } from '../../../api/leads';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { RefusalAlert } from '../../../components/refusal-alert';
import { useAccess, useMe } from '../../../session/session';
import { DeadlineTag, LeadStatusTag } from '../lead-tags';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

const columns: TableColumnsType<Lead> = [
  { title: '编号', dataIndex: 'code', width: 120, render: (c: string, r) => <Link to={`/leads/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="lead-link">{c}</Link> },
  { title: '村（社区）', key: 'place', width: 180, render: (_v, r) => `${r.townName ?? ''}${r.villageName ?? ''}` },
  { title: '被反映人', key: 'persons', width: 160, render: (_v, r) => (r.persons.length ? r.persons.map((p) => p.name).join('、') : dash) },
  { title: '线索摘要', dataIndex: 'summary', ellipsis: true },
  { title: '移交对象', key: 'receiver', width: 150, render: (_v, r) => r.receiverName ?? <Typography.Text type="secondary">{r.authorityName}（未移交）</Typography.Text> },
  { title: '状态', dataIndex: 'status', width: 90, render: (_s, r) => <LeadStatusTag status={r.status} /> },
  {
    title: '办理期限',
    key: 'deadline',
    width: 170,
    render: (_v, r) =>
      r.deadline ? (
        <Flex gap={4} align="center" wrap>
          <span>{r.deadline.dueOn}</span>
          <DeadlineTag deadline={r.deadline} />
        </Flex>
      ) : (
        dash
      ),
  },
];

type Param = 'round' | 'status' | 'flag' | 'authority' | 'q' | 'page' | 'size';

/** 问题线索: the office's and the team's leads; for discipline and the organisation department, those transferred to them. */
export function LeadsPage() {
  const me = useMe();
  const { can } = useAccess();
  const receiver = me.org.kind === 'discipline' || me.org.kind === 'organization';
  const navigate = useNavigate();
  const { params, update, clear, text, setText } = useUrlFilters<Param>();
  const [settingsOpen, setSettingsOpen] = useState(false);

  const filter: LeadFilter = {
    roundId: params.get('round') ?? undefined,
    status: params.get('status') ?? undefined,
    flag: params.get('flag') ?? undefined,
    authority: params.get('authority') ?? undefined,
    q: params.get('q') ?? undefined,
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('size') ?? 20) || 20,
  };

  const list = useQuery({ queryKey: leadKeys.list(filter), queryFn: () => leadsApi.list(filter), placeholderData: keepPreviousData });
  const summary = useQuery({ queryKey: leadKeys.summary(filter.roundId), queryFn: () => leadsApi.summary(filter.roundId) });
  const rounds = useQuery({ ...roundOptionsQuery, enabled: can('planning.read') });
  const filtered = Boolean(filter.roundId || filter.status || filter.flag || filter.authority || filter.q);
  const s = summary.data;

  const stat = (title: string, value: number | undefined, onClick: () => void, color?: string, testId?: string) => (
    <Col flex="1 1 140px">
      <Card size="small" hoverable onClick={onClick} data-testid={testId}>
        <Statistic title={title} value={value ?? '-'} styles={color ? { content: { color } } : undefined} />
      </Card>
    </Col>
  );

  return (
    <PageContainer
      title={receiver ? '移交给本单位的问题线索' : '问题线索'}
      subTitle={
        receiver
          ? `签收、登记处置和处理结果，并在移交后 ${s?.reportMonths ?? 3} 个月内报告办理情况`
          : `按干部管理权限移交纪委监委、组织部或其他机关；接收单位应在 ${s?.reportMonths ?? 3} 个月内报告办理情况`
      }
      extra={
        <Flex gap={8}>
          <Button icon={<DownloadOutlined />} href={leadsApi.ledgerUrl(filter.roundId)} data-testid="leads-ledger">
            导出台账
          </Button>
          {me.org.kind === 'office' && can('leads.write') && (
            <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="leads-settings">
              办理期限
            </Button>
          )}
          {can('leads.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/leads/new')} data-testid="lead-new">
              登记问题线索
            </Button>
          )}
        </Flex>
      }
      testId="leads-page"
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {stat('全部', s?.total, () => update({ status: undefined, flag: undefined }))}
        {!receiver && stat('草稿', s?.byStatus.draft, () => update({ status: 'draft', flag: undefined }))}
        {stat('待签收', s?.byStatus.transferred, () => update({ status: 'transferred', flag: undefined }))}
        {stat('已签收', s?.byStatus.received, () => update({ status: 'received', flag: undefined }))}
        {stat('已处置', s?.byStatus.disposed, () => update({ status: 'disposed', flag: undefined }))}
        {stat('即将到期', s?.dueSoon, () => update({ flag: 'due_soon', status: undefined }), '#d46b08', 'leads-due-soon')}
        {stat('已逾期', s?.overdue, () => update({ flag: 'overdue', status: undefined }), '#cf1322', 'leads-overdue')}
        {stat('已办结', s?.byStatus.closed, () => update({ status: 'closed', flag: undefined }))}
      </Row>
      <Card size="small">
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder="摘要、被反映人、村名、文号"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ width: 240 }}
            data-testid="lead-search"
          />
          {can('planning.read') && (
            <Select
              allowClear
              placeholder="轮次"
              value={filter.roundId}
              onChange={(v?: string) => update({ round: v })}
              options={rounds.data ?? []}
              loading={rounds.isPending}
              style={{ width: 180 }}
            />
          )}
          <Select
            allowClear
            placeholder="状态"
            value={filter.status}
            onChange={(v?: string) => update({ status: v })}
            options={LEAD_STATUS_LIST.map((st) => ({ value: st, label: LEAD_STATUSES[st] }))}
            style={{ width: 120 }}
            data-testid="lead-status-filter"
          />
          <Select
            allowClear
            placeholder="办理期限"
            value={filter.flag}
            onChange={(v?: string) => update({ flag: v })}
            options={[
              { value: 'due_soon', label: '即将到期' },
              { value: 'overdue', label: '已逾期' },
            ]}
            style={{ width: 120 }}
            data-testid="lead-flag-filter"
          />
          {!receiver && (
            <Select
              allowClear
              placeholder="移交方向"
              value={filter.authority}
              onChange={(v?: string) => update({ authority: v })}
              options={LEAD_AUTHORITY_LIST.map((a) => ({ value: a, label: LEAD_AUTHORITIES[a] }))}
              style={{ width: 180 }}
            />
          )}
          {filtered && (
            <Button type="link" onClick={clear}>
              清除筛选
            </Button>
          )}
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Lead>
            className="xc-clickable-rows"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            onRow={(r) => ({ onClick: () => void navigate(`/leads/${r.id}`) })}
            locale={{ emptyText: filtered ? '没有符合条件的问题线索' : receiver ? '暂无移交给本单位的问题线索' : '暂无问题线索' }}
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (t) => `共 ${t} 条`,
              onChange: (page, size) => update({ page: String(page), size: size === 20 ? undefined : String(size) }),
            }}
            scroll={{ x: 1000 }}
            data-testid="leads-table"
          />
        )}
      </Card>
      <SettingsModal open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </PageContainer>
  );
}

/** The office sets how many months a receiving body has to report (default 3). */
function SettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reportMonths: number }>();
  const settings = useQuery({ queryKey: leadKeys.settings, queryFn: leadsApi.settings, enabled: open });
  useEffect(() => {
    if (settings.data) form.setFieldsValue({ reportMonths: settings.data.reportMonths });
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (months: number) => leadsApi.updateSettings(months),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: leadKeys.all });
      message.success('已保存：此后移交的问题线索按新期限计算');
      onClose();
    },
  });
  return (
    <Modal open={open} title="问题线索办理期限" onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={save.isPending} destroyOnHidden>
      <RefusalAlert error={save.error} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v.reportMonths)}>
        <Form.Item
          name="reportMonths"
          label="接收单位应在移交后几个月内报告办理情况"
          rules={[{ required: true, type: 'integer', min: 1, max: 24, message: '请填写 1–24 的整数' }]}
          extra={`到期前 ${settings.data?.dueSoonDays ?? 15} 天标记“即将到期”，过期未报告标记“已逾期”。已移交的线索保持原期限。`}
        >
          <InputNumber min={1} max={24} precision={0} suffix="个月" style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
