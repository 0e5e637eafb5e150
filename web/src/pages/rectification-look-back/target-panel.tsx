import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Form, Input, Modal, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { LOOK_BACK_VERDICT_LIST, LOOK_BACK_VERDICTS, type LookBackVerdict } from '../../../../domain/rectification/look-back';
import { applyFieldErrors } from '../../api/errors';
import { rectKeys } from '../../api/rectification';
import { lookBackApi, lookBackKeys, type LookBackLink } from '../../api/rectification-look-back';
import { PageLoading, QueryError } from '../../components/query-state';
import { RefusalAlert } from '../../components/refusal-alert';
import { ItemStatusTag } from '../rectification/item-tags';
import { ReasonTags, VerdictTag } from './look-back-tags';

/** A 回头看 target: its linked original items and findings with their current state, and a verdict per item. */
export function TargetPanel({ targetId }: { targetId: string }) {
  const target = useQuery({ queryKey: lookBackKeys.target(targetId), queryFn: () => lookBackApi.target(targetId) });
  const [deciding, setDeciding] = useState<{ link: LookBackLink; verdict: LookBackVerdict } | null>(null);
  if (target.isPending) return <PageLoading />;
  if (target.isError) return <QueryError error={target.error} onRetry={() => void target.refetch()} />;
  const t = target.data;

  const columns: TableColumnsType<LookBackLink> = [
    {
      title: '原整改事项',
      key: 'item',
      render: (_: unknown, l) => (
        <Space orientation="vertical" size={2}>
          <Space size={4} wrap>
            <Link to={`/rectification/items/${l.itemId}`}>{l.itemCode}</Link>
            <ItemStatusTag status={l.itemStatus} />
            <ReasonTags reasons={l.reasons} />
          </Space>
          <Typography.Text strong>{l.findingTitle}</Typography.Text>
          <Typography.Text type="secondary">{`${l.categoryName} · ${l.itemRoundLabel}${l.dueOn ? ` · 期限 ${l.dueOn}` : ''}${l.closedOn ? ` · ${l.closedOn} 销号` : ''}`}</Typography.Text>
          {l.measures && <Typography.Text type="secondary" ellipsis={{ tooltip: l.measures }} style={{ maxWidth: 420 }}>{`整改措施：${l.measures}`}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '复查结论',
      key: 'verdict',
      width: 300,
      render: (_: unknown, l) =>
        l.verdict ? (
          <Space orientation="vertical" size={2}>
            <VerdictTag verdict={l.verdict} name={l.verdictName} />
            {l.comment && <Typography.Text>{l.comment}</Typography.Text>}
            <Typography.Text type="secondary">{`${l.decidedByName ?? ''} ${l.decidedAt ? new Date(l.decidedAt).toLocaleString('zh-CN') : ''}`}</Typography.Text>
            {l.itemStatusBefore !== l.itemStatusAfter && <Typography.Text type="warning">{`事项由“${l.itemStatusBeforeName}”转为“${l.itemStatusAfterName}”`}</Typography.Text>}
          </Space>
        ) : t.canRecord ? (
          <Space wrap size={4}>
            {LOOK_BACK_VERDICT_LIST.map((v) => (
              <Button key={v} size="small" danger={v !== 'in_place'} type={v === 'in_place' ? 'primary' : 'default'} onClick={() => setDeciding({ link: l, verdict: v })} data-testid={`look-back-verdict-${v}-${l.id}`}>
                {LOOK_BACK_VERDICTS[v]}
              </Button>
            ))}
          </Space>
        ) : (
          <VerdictTag verdict={null} name={l.verdictName} />
        ),
    },
  ];

  return (
    <div data-testid="look-back-target-panel">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'place', label: '回头看对象', children: `${t.townName}${t.villageName}` },
          { key: 'round', label: '回头看轮次', children: <Link to={`/planning/rounds/${t.roundId}`}>{`${t.roundLabel} ${t.roundTheme}（${t.roundPhaseName}）`}</Link> },
          { key: 'reasons', label: '列入原因', children: <ReasonTags reasons={t.reasons} /> },
          { key: 'source', label: '来源轮次', children: t.sourceRoundLabel ?? '全部轮次' },
          { key: 'team', label: '巡察组', children: t.teamName ?? '未安排（由巡察办在轮次中安排）' },
          { key: 'progress', label: '复查进度', children: `已复查 ${t.counts.links - t.counts.pending} / ${t.counts.links} 项` },
        ]}
      />
      <Typography.Paragraph type="secondary">
        认定“整改不到位”或“虚假整改”时：已销号的事项重新打开、退回整改；待核查或待销号审核的事项退回整改；仍在整改中的事项继续整改。结论写入事项的整改经过，作出后不能更改。
      </Typography.Paragraph>
      <Table rowKey="id" size="middle" columns={columns} dataSource={t.links} pagination={false} locale={{ emptyText: '该村（社区）没有关联的整改事项' }} data-testid="look-back-links" />
      {deciding && <VerdictModal targetId={targetId} link={deciding.link} verdict={deciding.verdict} onClose={() => setDeciding(null)} />}
    </div>
  );
}

function VerdictModal({ targetId, link, verdict, onClose }: { targetId: string; link: LookBackLink; verdict: LookBackVerdict; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ comment: string }>();
  const save = useMutation({
    mutationFn: (v: { comment: string }) => lookBackApi.verdict(link.id, { verdict, comment: v.comment ?? '' }),
    onSuccess: (r) => {
      qc.setQueryData(lookBackKeys.target(targetId), r);
      void qc.invalidateQueries({ queryKey: lookBackKeys.all });
      void qc.invalidateQueries({ queryKey: rectKeys.all });
      message.success(`已认定“${LOOK_BACK_VERDICTS[verdict]}”`);
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const negative = verdict !== 'in_place';
  return (
    <Modal
      open
      title={`认定“${LOOK_BACK_VERDICTS[verdict]}”`}
      okText="确认认定"
      cancelText="取消"
      okButtonProps={{ danger: negative, ...({ 'data-testid': 'look-back-verdict-ok' } as Record<string, unknown>) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <RefusalAlert error={save.error} />
      <Typography.Paragraph>{`${link.itemCode} ${link.findingTitle}（当前：${link.itemStatusName}）`}</Typography.Paragraph>
      <Typography.Paragraph type={negative && link.effects[verdict] !== '继续整改' ? 'danger' : 'secondary'}>{`认定后该事项将：${link.effects[verdict]}。结论作出后不能更改。`}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="comment" label={negative ? '复查发现的问题' : '复查意见（可选）'} rules={[...(negative ? [{ required: true, whitespace: true, message: '请写明复查发现的问题' }] : []), { max: 2000, message: '复查意见不能超过 2000 个字' }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
