import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Empty, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { FORWARD_REASON_LIST, FORWARD_REASONS, type ForwardReason } from '../../../../domain/public-reports/triage';
import { applyFieldErrors, reportError } from '../../api/errors';
import { publicReportKeys, publicReportsApi, type ReportDetail, type TriageBody } from '../../api/public-reports';
import type { Identity } from '../../../../domain/public-reports/identity';
import { PageLoading, QueryError } from '../../components/query-state';

export const STATUS_COLORS: Record<string, string> = { received: 'gold', accepted: 'blue', linked: 'blue', merged: 'default', forwarded: 'purple', closed: 'green' };

type Action = TriageBody['action'];
const ACTION_HELP: Record<Action, string> = {
  accept: '受理为信访件，进入核实。',
  merge: '与本轮另一件反映同一问题的来件合并办理，反映人会看到“已合并办理”。',
  forward: '不属于本次巡察受理范围的事项（涉法涉诉、其他部门职责等）转交有关部门，并答复反映人。',
  close: '办结并答复反映人；反映人凭回执码可看到答复。',
  reopen: '重新打开已办结、已转交或已合并的来件。',
};

/** One action's form: what the domain's guard needs, nothing more. */
function TriageModal({ report, action, onClose }: { report: ReportDetail; action: Action; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<TriageBody>();
  const reason = Form.useWatch('reason', form);
  const run = useMutation({
    mutationFn: (v: TriageBody) => publicReportsApi.triage(report.id, { ...v, action }),
    onSuccess: (next) => {
      qc.setQueryData(publicReportKeys.report(report.id), next);
      void qc.invalidateQueries({ queryKey: publicReportKeys.all });
      void message.success(`已${next.statusName === '待处理' ? '重新打开' : `办理：${next.statusName}`}`);
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) reportError(e);
    },
  });
  const title = report.actions.find((a) => a.action === action)?.name ?? '办理';
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} okText="确认" confirmLoading={run.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">{ACTION_HELP[action]}</Typography.Paragraph>
      <Form<TriageBody> form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
        {action === 'merge' && (
          <Form.Item name="intoId" label="合并到的来件编号" rules={[{ required: true, message: '请填写要合并到的来件编号' }]} extra="在收件箱中打开那一件，复制其“来件编号”。">
            <Input placeholder="来件编号" />
          </Form.Item>
        )}
        {action === 'forward' && (
          <>
            <Form.Item name="reason" label="转交理由" rules={[{ required: true, message: '请选择转交理由' }]}>
              <Select options={FORWARD_REASON_LIST.map((r) => ({ value: r, label: FORWARD_REASONS[r] }))} />
            </Form.Item>
            {reason === ('other' satisfies ForwardReason) && (
              <Form.Item name="note" label="理由说明" rules={[{ required: true, message: '选择“其他原因”时请写明理由' }]}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            )}
            <Form.Item name="body" label="转交的部门或机关" rules={[{ required: true, message: '请填写转交的部门或机关' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
        {(action === 'forward' || action === 'close') && (
          <Form.Item name="reply" label="给反映人的答复" rules={[{ required: true, message: '请填写给反映人的答复' }]} extra="反映人凭回执码可看到这段答复，请勿写入他人隐私。">
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        )}
        {action === 'reopen' && (
          <Form.Item name="note" label="重新打开的理由" rules={[{ required: true, message: '请写明重新打开的理由' }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** Office only: the passphrase and a reason unlock the identity for this one view; the server audits it. */
function RevealModal({ id, onClose }: { id: string; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string; passphrase: string }>();
  const [identity, setIdentity] = useState<Identity | null>(null);
  const run = useMutation({
    mutationFn: (v: { reason: string; passphrase: string }) => publicReportsApi.reveal(id, v.reason, v.passphrase),
    onSuccess: (r) => {
      form.resetFields();
      setIdentity(r.identity);
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) reportError(e);
    },
  });
  return (
    <Modal open title="查看反映人身份" onCancel={onClose} footer={identity ? <Button onClick={onClose}>关闭</Button> : undefined} onOk={() => form.submit()} okText="解锁查看" confirmLoading={run.isPending} destroyOnHidden>
      {identity ? (
        <Descriptions column={1} bordered size="small" data-testid="revealed-identity">
          <Descriptions.Item label="姓名">{identity.name ?? '未填写'}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{identity.phone ?? '未填写'}</Descriptions.Item>
          <Descriptions.Item label="身份证号码">{identity.idNumber ?? '未填写'}</Descriptions.Item>
        </Descriptions>
      ) : (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="查看记录（查看人、时间、理由）将写入审计日志。请仅在确有必要联系反映人时查看，并对反映人身份严格保密。" />
          <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
            <Form.Item name="reason" label="查看理由" rules={[{ required: true, message: '请说明查看理由' }, { min: 10, message: '请具体说明理由（至少 10 个字）' }]}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
            <Form.Item name="passphrase" label="身份信息密钥口令" rules={[{ required: true, message: '请输入身份信息密钥口令' }]}>
              <Input.Password autoComplete="off" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

/** A report from the public: the text, the thread with the reporter, replies, triage, reveal. */
export function ReportView({ id }: { id: string }) {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [replyText, setReplyText] = useState('');
  const [action, setAction] = useState<Action | null>(null);
  const [revealing, setRevealing] = useState(false);
  const q = useQuery({ queryKey: publicReportKeys.report(id), queryFn: () => publicReportsApi.report(id) });
  const reply = useMutation({
    mutationFn: (body: string) => publicReportsApi.reply(id, body),
    onSuccess: (next) => {
      qc.setQueryData(publicReportKeys.report(id), next);
      void qc.invalidateQueries({ queryKey: ['public-reports', 'list'] });
      setReplyText('');
      void message.success('答复已发送，反映人凭回执码可以看到');
    },
    onError: reportError,
  });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  const start = (a: Action) => {
    if (a === 'accept') {
      modal.confirm({ title: '受理为信访件？', content: ACTION_HELP.accept, okText: '受理', onOk: () => publicReportsApi.triage(id, { action: 'accept' }).then((next) => { qc.setQueryData(publicReportKeys.report(id), next); void qc.invalidateQueries({ queryKey: publicReportKeys.all }); }, reportError) });
    } else setAction(a);
  };
  return (
    <div data-testid="public-report-view">
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label="来件编号" span={2}>
          <Typography.Text copyable>{r.id}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="轮次">{r.roundLabel}</Descriptions.Item>
        <Descriptions.Item label="村（社区）">{r.targetName}</Descriptions.Item>
        <Descriptions.Item label="问题类别">{r.categoryName}</Descriptions.Item>
        <Descriptions.Item label="收到日期">{r.receivedOn}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={STATUS_COLORS[r.status]}>{r.statusName}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="办理">{r.handler}</Descriptions.Item>
        <Descriptions.Item label="反映人" span={2}>
          <Space>
            {r.identityLabel}
            {r.canReveal && (
              <Button size="small" danger onClick={() => setRevealing(true)} data-testid="reveal">
                查看身份
              </Button>
            )}
          </Space>
        </Descriptions.Item>
        {r.forwardBody && (
          <Descriptions.Item label="转交" span={2}>
            {r.forwardBody}（{r.forwardReasonName}）
          </Descriptions.Item>
        )}
        {r.mergedInto && (
          <Descriptions.Item label="合并到" span={2}>
            {r.mergedInto}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="反映内容" span={2}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.description}</Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label="附件" span={2}>
          {r.attachments.length === 0
            ? '无'
            : r.attachments.map((a) => (
                <div key={a.id}>
                  <a href={publicReportsApi.attachmentUrl(r.id, a.id)}>{a.fileName}</a>
                </div>
              ))}
        </Descriptions.Item>
      </Descriptions>
      {r.actions.length > 0 && (
        <Space wrap style={{ margin: '16px 0' }}>
          {r.actions.map((a) => (
            <Button key={a.action} type={a.action === 'accept' ? 'primary' : 'default'} onClick={() => start(a.action as Action)} data-testid={`triage-${a.action}`}>
              {a.name}
            </Button>
          ))}
        </Space>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        与反映人的留言
      </Typography.Title>
      {r.messages.length === 0 ? (
        <Empty description="暂无留言" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        r.messages.map((m) => (
          <div key={m.seq} style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }}>
            <Typography.Text strong>{m.authorName}</Typography.Text> <Typography.Text type="secondary">{m.at ? new Date(m.at).toLocaleString('zh-CN') : m.on}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{m.body}</Typography.Paragraph>
          </div>
        ))
      )}
      {r.canReply ? (
        <Space.Compact style={{ width: '100%', marginTop: 12 }} direction="vertical">
          <Input.TextArea rows={3} maxLength={2000} value={replyText} onChange={(e) => setReplyText(e.target.value)} placeholder="向反映人提问或答复（反映人凭回执码查看，不会看到您的姓名）" data-testid="reply-text" />
          <Button type="primary" loading={reply.isPending} disabled={!replyText.trim()} onClick={() => reply.mutate(replyText)} style={{ marginTop: 8 }} data-testid="reply-send">
            发送
          </Button>
        </Space.Compact>
      ) : (
        r.replyRefusal && <Alert type="info" title={r.replyRefusal} style={{ marginTop: 12 }} />
      )}
      {action && <TriageModal report={r} action={action} onClose={() => setAction(null)} />}
      {revealing && <RevealModal id={r.id} onClose={() => setRevealing(false)} />}
    </div>
  );
}
