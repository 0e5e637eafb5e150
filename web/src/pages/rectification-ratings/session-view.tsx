import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Form, Modal, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ratingKeys, ratingsApi, type IssuedLink, type RatedItem, type Representative, type TallyOut } from '../../api/rectification-ratings';
import { QueryError } from '../../components/query-state';
import { RefusalAlert } from '../../components/refusal-alert';
import { RepresentativesFields, toRepresentatives, type RepresentativeRow } from './representatives-fields';
import { SlipsModal } from './slips-modal';

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const STATUS_COLOR: Record<Representative['status'], string> = { pending: 'default', rated: 'green', revoked: 'red' };

export function VerdictTag({ tally }: { tally: TallyOut }) {
  const color = tally.verdict === 'unsatisfied' ? 'red' : tally.verdict === 'satisfied' ? 'green' : 'default';
  return <Tag color={color}>{tally.verdictName}</Tag>;
}

/** One rating session: its representatives and their links, the results per item and for the village. */
export function SessionView({ sessionId }: { sessionId: string }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: ratingKeys.session(sessionId), queryFn: () => ratingsApi.session(sessionId) });
  const [slips, setSlips] = useState<IssuedLink[] | null>(null);
  const [adding, setAdding] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ratingKeys.all });
  const revoke = useMutation({ mutationFn: (repId: string) => ratingsApi.revoke(sessionId, repId), onSuccess: () => (refresh(), void message.success('评议链接已作废')) });
  const reissue = useMutation({ mutationFn: (repId: string) => ratingsApi.reissue(sessionId, repId), onSuccess: (link) => (refresh(), setSlips([link])) });
  const close = useMutation({ mutationFn: () => ratingsApi.close(sessionId), onSuccess: () => (refresh(), void message.success('本次群众评议已结束')) });

  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Typography.Text type="secondary">加载中…</Typography.Text>;
  const d = q.data;
  const s = d.session;

  const repColumns: TableColumnsType<Representative> = [
    { title: '姓名', dataIndex: 'name', key: 'name' },
    { title: '代表类别', dataIndex: 'categoryName', key: 'category' },
    { title: '手机号码', dataIndex: 'phone', key: 'phone', render: (v: string | null) => v ?? '—' },
    { title: '状态', key: 'status', render: (_: unknown, r) => <Tag color={STATUS_COLOR[r.status]}>{r.statusName}</Tag> },
    {
      title: '操作',
      key: 'op',
      render: (_: unknown, r) =>
        d.canManage && r.status === 'pending' ? (
          <Space size="small">
            <Button
              size="small"
              onClick={() =>
                modal.confirm({
                  title: `为 ${r.name} 重新生成评议链接？`,
                  content: '原链接将作废，新的链接和二维码只显示一次，请随即打印交给本人。',
                  okText: '重新生成',
                  cancelText: '取消',
                  onOk: () => reissue.mutateAsync(r.id),
                })
              }
            >
              重新生成凭条
            </Button>
            <Button
              size="small"
              danger
              onClick={() =>
                modal.confirm({
                  title: `作废 ${r.name} 的评议链接？`,
                  content: '作废后该链接不能再评议。',
                  okText: '作废',
                  okButtonProps: { danger: true },
                  cancelText: '取消',
                  onOk: () => revoke.mutateAsync(r.id),
                })
              }
            >
              作废
            </Button>
          </Space>
        ) : null,
    },
  ];

  const itemColumns: TableColumnsType<RatedItem> = [
    { title: '编号', dataIndex: 'code', key: 'code', width: 130 },
    { title: '问题', dataIndex: 'title', key: 'title' },
    { title: '满意', key: 's', align: 'right', render: (_: unknown, r) => r.tally.satisfied },
    { title: '基本满意', key: 'b', align: 'right', render: (_: unknown, r) => r.tally.basicallySatisfied },
    { title: '不满意', key: 'u', align: 'right', render: (_: unknown, r) => r.tally.unsatisfied },
    { title: '群众满意率', key: 'rate', align: 'right', render: (_: unknown, r) => percent(r.tally.satisfactionRate) },
    { title: '评议结论', key: 'verdict', render: (_: unknown, r) => <VerdictTag tally={r.tally} /> },
  ];

  return (
    <div data-testid="rating-session">
      <RefusalAlert error={revoke.error ?? reissue.error ?? close.error} />
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'status', label: '状态', children: <Tag color={s.status === 'open' ? 'processing' : 'default'}>{s.statusName}</Tag> },
          { key: 'opened', label: '发起日期', children: s.openedOn },
          { key: 'closes', label: '评议截止', children: s.closedOn ? `${s.closesOn}（${s.closedOn} 已结束）` : s.closesOn },
          { key: 'progress', label: '已评议', children: `${s.rated} / ${s.representatives} 人` },
          { key: 'rate', label: '群众满意率', children: percent(d.village.tally.satisfactionRate) },
          {
            key: 'lookBack',
            label: '回头看',
            children: d.village.lookBack ? <Tag color="red">有事项不满意过半，列入回头看</Tag> : <Typography.Text type="secondary">否</Typography.Text>,
          },
        ]}
      />
      <Space style={{ margin: '16px 0 8px' }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          群众代表
        </Typography.Title>
        {d.canManage && (
          <>
            <Button size="small" onClick={() => setAdding(true)}>
              添加群众代表
            </Button>
            <Button
              size="small"
              danger
              onClick={() =>
                modal.confirm({
                  title: '结束本次群众评议？',
                  content: `尚未评议的 ${d.representatives.filter((r) => r.status === 'pending').length} 个链接将随之失效，结束后不能再添加代表。`,
                  okText: '结束评议',
                  okButtonProps: { danger: true },
                  cancelText: '取消',
                  onOk: () => close.mutateAsync(),
                })
              }
              data-testid="rating-close"
            >
              结束评议
            </Button>
          </>
        )}
      </Space>
      <Table rowKey="id" size="small" columns={repColumns} dataSource={d.representatives} pagination={d.representatives.length > 20 ? { pageSize: 20 } : false} scroll={{ x: 640 }} />
      <Typography.Title level={5} style={{ margin: '16px 0 8px' }}>
        评议结果（不满意超过半数的事项不能销号）
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        columns={itemColumns}
        dataSource={d.items}
        pagination={false}
        scroll={{ x: 760 }}
        expandable={{
          rowExpandable: (r) => r.comments.length > 0,
          expandedRowRender: (r) => (
            <ul style={{ margin: 0 }}>
              {r.comments.map((c, i) => (
                <li key={i}>
                  <Tag>{c.answerName}</Tag>
                  {c.comment}
                </li>
              ))}
            </ul>
          ),
        }}
        data-testid="rating-results"
      />
      {adding && (
        <AddModal
          sessionId={sessionId}
          onClose={() => setAdding(false)}
          onDone={(links) => {
            setAdding(false);
            refresh();
            setSlips(links);
          }}
        />
      )}
      {slips && <SlipsModal links={slips} villageName={`${s.townName}${s.villageName}`} closesOn={s.closesOn} onClose={() => setSlips(null)} />}
    </div>
  );
}

function AddModal({ sessionId, onClose, onDone }: { sessionId: string; onClose: () => void; onDone: (links: IssuedLink[]) => void }) {
  const [form] = Form.useForm<{ representatives: RepresentativeRow[] }>();
  const add = useMutation({ mutationFn: (rows: RepresentativeRow[]) => ratingsApi.addRepresentatives(sessionId, toRepresentatives(rows)), onSuccess: (r) => onDone(r.links) });
  return (
    <Modal open width={640} title="添加群众代表" okText="生成评议凭条" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending}>
      <RefusalAlert error={add.error} />
      <Form form={form} initialValues={{ representatives: [{}] }} onFinish={(v) => add.mutate(v.representatives)}>
        <RepresentativesFields />
      </Form>
    </Modal>
  );
}
