import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { disclosureApi, disclosureKeys, type DisclosureState } from '../../api/rectification-disclosure';
import { QueryError } from '../../components/query-state';
import { RefusalAlert } from '../../components/refusal-alert';
import { PreviewDrawer } from './preview-drawer';

const STATUS_COLOR: Record<DisclosureState['status'], string> = { unpublished: 'default', published: 'green', withdrawn: 'orange' };
const at = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/** The round's disclosure: status, public link (copy, open), versions; the office's approve and withdraw. */
export function StatusPanel({ roundId }: { roundId: string }) {
  const q = useQuery({ queryKey: disclosureKeys.state(roundId), queryFn: () => disclosureApi.state(roundId) });
  const [previewing, setPreviewing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);

  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const url = d?.path ? `${window.location.origin}${d.path}` : null;
  const approveLabel = d?.status === 'unpublished' ? '预览并审批发布' : '预览并重新审批发布';

  return (
    <Card
      size="small"
      loading={q.isPending}
      style={{ marginBottom: 16 }}
      title={
        <Space>
          公开状态
          {d && (
            <Tag color={STATUS_COLOR[d.status]} data-testid="disclosure-status">
              {d.statusName}
              {d.status !== 'unpublished' ? `（第 ${d.version} 版）` : ''}
            </Tag>
          )}
        </Space>
      }
      extra={
        d?.canManage && (
          <Space wrap>
            <Button type="primary" onClick={() => setPreviewing(true)} data-testid="disclosure-preview">
              {approveLabel}
            </Button>
            {d.status === 'published' && (
              <Button danger onClick={() => setWithdrawing(true)} data-testid="disclosure-withdraw">
                撤回
              </Button>
            )}
          </Space>
        )
      }
    >
      {d && (
        <>
          {d.status === 'unpublished' && (
            <Typography.Paragraph type="secondary">
              本轮整改情况尚未公开。已销号且未标记“不予公开”的整改事项可以公开；巡察办预览核对公开内容并审批后，公众无需登录即可通过公开链接查看。
            </Typography.Paragraph>
          )}
          {d.changed && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title="当前可公开的内容与已发布的版本不同（新销号、措施修改或标记变化）"
              description="公开页面仍显示已审批的版本，重新审批发布后才会更新。"
              data-testid="disclosure-changed"
            />
          )}
          {d.status === 'withdrawn' && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`已于 ${at(d.withdrawnAt)} 撤回${d.withdrawnByName ? `（${d.withdrawnByName}）` : ''}，公开页面暂不可访问`}
              description={`撤回理由：${d.withdrawReason ?? ''}`}
            />
          )}
          {d.status !== 'unpublished' && (
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label="公开链接">
                {url && (
                  <Space wrap>
                    <Typography.Text copyable={{ text: url, tooltips: ['复制链接', '已复制'] }} data-testid="disclosure-link">
                      {url}
                    </Typography.Text>
                    {d.status === 'published' && (
                      <Typography.Link href={url} target="_blank" rel="noreferrer">
                        打开公开页面
                      </Typography.Link>
                    )}
                  </Space>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="公开事项">{`${d.publishedItems} 项`}</Descriptions.Item>
              <Descriptions.Item label="审批发布">{`${at(d.publishedAt)}${d.approvedByName ? `，${d.approvedByName}` : ''}`}</Descriptions.Item>
              {d.versions.length > 1 && (
                <Descriptions.Item label="历次版本">
                  {d.versions.map((v) => `第 ${v.version} 版 ${at(v.approvedAt)} ${v.approvedByName}（${v.items} 项）`).join('；')}
                </Descriptions.Item>
              )}
            </Descriptions>
          )}
        </>
      )}
      {previewing && <PreviewDrawer roundId={roundId} republish={d?.status !== 'unpublished'} onClose={() => setPreviewing(false)} />}
      {withdrawing && <WithdrawModal roundId={roundId} onClose={() => setWithdrawing(false)} />}
    </Card>
  );
}

function WithdrawModal({ roundId, onClose }: { roundId: string; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const withdraw = useMutation({
    mutationFn: (v: { reason: string }) => disclosureApi.withdraw(roundId, v.reason),
    meta: { silent: true },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: disclosureKeys.all });
      void message.success('已撤回，公开页面已不可访问');
      onClose();
    },
  });
  return (
    <Modal open title="撤回整改情况公开" okText="确认撤回" okButtonProps={{ danger: true }} cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={withdraw.isPending}>
      <Typography.Paragraph>撤回后公开页面立即不可访问，直到巡察办再次审批发布（链接不变）。</Typography.Paragraph>
      <RefusalAlert error={withdraw.error} />
      <Form form={form} layout="vertical" onFinish={(v) => withdraw.mutate(v)}>
        <Form.Item name="reason" label="撤回理由" rules={[{ required: true, whitespace: true, min: 2, message: '请填写撤回理由（至少 2 个字）' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
