import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popover, Radio, Segmented, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { EXEMPTION_REASON_LIST, EXEMPTION_REASONS, type ExemptionReason } from '../../../../domain/rectification/disclosure';
import { disclosureApi, disclosureKeys, type CandidateFilter, type DisclosureCandidate } from '../../api/rectification-disclosure';
import { QueryError } from '../../components/query-state';
import { RefusalAlert } from '../../components/refusal-alert';

type Show = 'all' | 'yes' | 'no';

/** The round's items (those the user may see) with 可公开/不可公开 and why; the office marks and unmarks. */
export function CandidatesTable({ roundId }: { roundId: string }) {
  const [show, setShow] = useState<Show>('all');
  const [townCode, setTownCode] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [marking, setMarking] = useState<DisclosureCandidate | null>(null);
  const [unmarking, setUnmarking] = useState<DisclosureCandidate | null>(null);
  const filter: CandidateFilter = { publishable: show === 'all' ? undefined : show, townCode, ...page };
  const q = useQuery({ queryKey: disclosureKeys.items(roundId, filter), queryFn: () => disclosureApi.items(roundId, filter), placeholderData: (prev) => prev });
  const canManage = q.data?.canManage ?? false;

  const columns: TableColumnsType<DisclosureCandidate> = [
    { title: '编号', dataIndex: 'code', key: 'code', width: 140, render: (v: string, r) => <Link to={`/rectification/items/${r.id}`}>{v}</Link> },
    { title: '镇村', dataIndex: 'place', key: 'place', width: 180 },
    { title: '问题', dataIndex: 'problem', key: 'problem' },
    { title: '整改状态', key: 'status', width: 130, render: (_: unknown, r) => (r.status === 'closed' ? <Tag color="green">{`已销号 ${r.closedOn ?? ''}`}</Tag> : <Tag>{r.statusName}</Tag>) },
    {
      title: '可否公开',
      key: 'publishable',
      width: 260,
      render: (_: unknown, r) =>
        r.publishable ? (
          <Tag color="green">可公开</Tag>
        ) : (
          <Space direction="vertical" size={2}>
            <Tag color={r.exemption ? 'red' : 'default'}>不可公开</Tag>
            {r.problems.map((p) => (
              <Typography.Text key={p} type="secondary" style={{ fontSize: 12 }}>
                {p}
              </Typography.Text>
            ))}
            {r.exemption?.note && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {`说明：${r.exemption.note}`}
              </Typography.Text>
            )}
          </Space>
        ),
    },
    {
      title: '操作',
      key: 'op',
      width: 170,
      render: (_: unknown, r) => (
        <Space size="small" wrap>
          {canManage &&
            (r.exemption ? (
              <Button size="small" onClick={() => setUnmarking(r)}>
                取消标记
              </Button>
            ) : (
              <Button size="small" danger onClick={() => setMarking(r)} data-testid="disclosure-mark">
                标记不予公开
              </Button>
            ))}
          <History itemId={r.id} />
        </Space>
      ),
    },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<Show>
          value={show}
          onChange={(v) => (setShow(v), setPage((p) => ({ ...p, page: 1 })))}
          options={[
            { value: 'all', label: `全部${q.data ? ` ${q.data.counts.all}` : ''}` },
            { value: 'yes', label: `可公开${q.data ? ` ${q.data.counts.publishable}` : ''}` },
            { value: 'no', label: `不可公开${q.data ? ` ${q.data.counts.all - q.data.counts.publishable}` : ''}` },
          ]}
        />
        {(q.data?.towns.length ?? 0) > 1 && (
          <Select
            allowClear
            style={{ minWidth: 180 }}
            placeholder="全部镇（街道）"
            value={townCode}
            onChange={(v?: string) => (setTownCode(v), setPage((p) => ({ ...p, page: 1 })))}
            options={q.data!.towns.map((t) => ({ value: t.code, label: t.name }))}
            aria-label="按镇（街道）筛选"
          />
        )}
      </Space>
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {!q.isError && (
        <Table
          rowKey="id"
          size="middle"
          loading={q.isFetching}
          columns={columns}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: '本轮没有符合条件的整改事项' }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: q.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => `共 ${n} 项`,
            onChange: (p, s) => setPage({ page: s === page.pageSize ? p : 1, pageSize: s }),
          }}
          scroll={{ x: 960 }}
          data-testid="disclosure-items"
        />
      )}
      {marking && <MarkModal item={marking} onClose={() => setMarking(null)} />}
      {unmarking && <UnmarkModal item={unmarking} onClose={() => setUnmarking(null)} />}
    </>
  );
}

function useDone(onClose: () => void, text: string) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: disclosureKeys.all });
    void message.success(text);
    onClose();
  };
}

function MarkModal({ item, onClose }: { item: DisclosureCandidate; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: ExemptionReason; note?: string }>();
  const done = useDone(onClose, '已标记不予公开');
  const mark = useMutation({ mutationFn: (v: { reason: ExemptionReason; note?: string }) => disclosureApi.markExempt(item.id, { reason: v.reason, note: v.note ?? '' }), meta: { silent: true }, onSuccess: done });
  return (
    <Modal open title={`标记不予公开 · ${item.code}`} okText="标记" okButtonProps={{ danger: true }} cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={mark.isPending}>
      <Typography.Paragraph>{`${item.place}：${item.problem}`}</Typography.Paragraph>
      <RefusalAlert error={mark.error} />
      <Form form={form} layout="vertical" onFinish={(v) => mark.mutate(v)}>
        <Form.Item name="reason" label="不予公开的情形" rules={[{ required: true, message: '请选择不予公开的情形' }]}>
          <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }} options={EXEMPTION_REASON_LIST.map((r) => ({ value: r, label: EXEMPTION_REASONS[r] }))} />
        </Form.Item>
        <Form.Item name="note" label="说明（选填）">
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function UnmarkModal({ item, onClose }: { item: DisclosureCandidate; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const done = useDone(onClose, '已取消不予公开标记，重新审批发布后公开');
  const unmark = useMutation({ mutationFn: (v: { reason: string }) => disclosureApi.removeExemption(item.id, v.reason), meta: { silent: true }, onSuccess: done });
  return (
    <Modal open title={`取消不予公开标记 · ${item.code}`} okText="取消标记" cancelText="关闭" onCancel={onClose} onOk={() => form.submit()} confirmLoading={unmark.isPending}>
      <Typography.Paragraph>{`原标记：${item.exemption?.reasonName ?? ''}（${item.exemption?.byName ?? ''} ${item.exemption ? dayjs(item.exemption.at).format('YYYY-MM-DD') : ''}）`}</Typography.Paragraph>
      <RefusalAlert error={unmark.error} />
      <Form form={form} layout="vertical" onFinish={(v) => unmark.mutate(v)}>
        <Form.Item name="reason" label="取消理由" rules={[{ required: true, whitespace: true, min: 2, message: '请填写取消不予公开的理由（至少 2 个字）' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The item's marks, removed ones too, loaded when opened. */
function History({ itemId }: { itemId: string }) {
  const [open, setOpen] = useState(false);
  const q = useQuery({ queryKey: disclosureKeys.exemptions(itemId), queryFn: () => disclosureApi.exemptions(itemId), enabled: open });
  const list = q.data?.items ?? [];
  const content = q.isError ? (
    <QueryError error={q.error} />
  ) : q.isPending ? (
    '加载中…'
  ) : list.length === 0 ? (
    '没有标记记录'
  ) : (
    <ul style={{ margin: 0, paddingInlineStart: 18, maxWidth: 360 }}>
      {list.map((e) => (
        <li key={e.id}>
          {`${dayjs(e.at).format('YYYY-MM-DD')} ${e.byName} 标记：${e.reasonName}${e.note ? `（${e.note}）` : ''}`}
          {e.removedAt && `；${dayjs(e.removedAt).format('YYYY-MM-DD')} ${e.removedByName ?? ''} 取消：${e.removedReason ?? ''}`}
        </li>
      ))}
    </ul>
  );
  return (
    <Popover trigger="click" open={open} onOpenChange={setOpen} title="不予公开标记记录" content={content}>
      <Button size="small" type="link">
        记录
      </Button>
    </Popover>
  );
}
