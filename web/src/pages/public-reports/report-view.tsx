import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Empty, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router';
import { FORWARD_REASON_LIST, FORWARD_REASONS, type ForwardReason } from '../../../../domain/public-reports/triage';
import { applyFieldErrors, reportError } from '../../api/errors';
import { publicReportKeys, publicReportsApi, type ReportDetail, type TriageBody } from '../../api/public-reports';
import { reportLinkKeys, reportLinksApi, type LinkCandidate, type LinkedReportDetail, type ReportLink } from '../../api/public-report-links';
import type { Identity } from '../../../../domain/public-reports/identity';
import { PageLoading, QueryError } from '../../components/query-state';
import { STATUS_COLORS } from './status-colors';

export { STATUS_COLORS };

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

/**
 * 关联问题底稿或线索: the round's findings and leads of the report's village (and its town's town-level
 * ones), searchable by number or title; the ones already linked are shown ticked and cannot be picked again.
 */
function LinkModal({ report, onClose }: { report: ReportDetail; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const [findingIds, setFindingIds] = useState<string[]>([]);
  const [leadIds, setLeadIds] = useState<string[]>([]);
  const candidates = useQuery({ queryKey: reportLinkKeys.candidates(report.id, q), queryFn: () => reportLinksApi.candidates(report.id, q) });
  const run = useMutation({
    mutationFn: () => reportLinksApi.link(report.id, findingIds, leadIds),
    onSuccess: (next) => {
      qc.setQueryData(publicReportKeys.report(report.id), next);
      void qc.invalidateQueries({ queryKey: publicReportKeys.all });
      void message.success(`已关联 ${findingIds.length + leadIds.length} 项，来件已转办`);
      onClose();
    },
    onError: reportError,
  });
  const table = (title: string, rows: LinkCandidate[] | undefined, selected: string[], set: (ids: string[]) => void, testId: string) => (
    <>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {title}
      </Typography.Title>
      <Table<LinkCandidate>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ y: 220 }}
        loading={candidates.isFetching}
        dataSource={rows ?? []}
        locale={{ emptyText: `本轮本村暂无可关联的${title}` }}
        data-testid={testId}
        rowSelection={{
          selectedRowKeys: [...selected, ...(rows ?? []).filter((c) => c.linked).map((c) => c.id)],
          onChange: (keys) => set(keys.map(String).filter((k) => !(rows ?? []).some((c) => c.id === k && c.linked))),
          getCheckboxProps: (c) => ({ disabled: c.linked }),
        }}
        columns={[
          { title: '编号', dataIndex: 'label', width: 150 },
          { title: '标题', dataIndex: 'title', ellipsis: true, render: (t: string, c) => (c.townLevel ? <>{t} <Tag>乡镇层面</Tag></> : t) },
          { title: '状态', dataIndex: 'statusName', width: 110, render: (t: string, c) => (c.linked ? <Tag color="blue">已关联</Tag> : t) },
        ]}
      />
    </>
  );
  return (
    <Modal
      open
      width={760}
      title="关联问题底稿或线索"
      onCancel={onClose}
      onOk={() => run.mutate()}
      okText="关联"
      okButtonProps={{ disabled: findingIds.length + leadIds.length === 0 }}
      confirmLoading={run.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">只能关联本轮巡察中该村（社区）的问题底稿或问题线索，以及本乡镇层面的。关联后来件状态为“已转办”，反映人看到的仍是“已受理，正在核实”。</Typography.Paragraph>
      <Input.Search allowClear placeholder="按编号或标题搜索" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={100} data-testid="link-search" />
      {candidates.isError && <Alert type="error" style={{ marginTop: 12 }} title={(candidates.error as Error).message} />}
      {table('问题底稿', candidates.data?.findings, findingIds, setFindingIds, 'link-findings')}
      {table('问题线索', candidates.data?.leads, leadIds, setLeadIds, 'link-leads')}
    </Modal>
  );
}

/** 解除关联: a reason is required; the link stays in the history. */
function UnlinkModal({ reportId, link, onClose }: { reportId: string; link: ReportLink; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const run = useMutation({
    mutationFn: (v: { reason: string }) => reportLinksApi.unlink(reportId, link.id, v.reason),
    onSuccess: (next) => {
      qc.setQueryData(publicReportKeys.report(reportId), next);
      void qc.invalidateQueries({ queryKey: publicReportKeys.all });
      void message.success(next.status === 'accepted' ? '已解除关联，来件回到“已受理”' : '已解除关联');
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) reportError(e);
    },
  });
  return (
    <Modal open title={`解除关联：${link.label}`} onCancel={onClose} onOk={() => form.submit()} okText="解除关联" okButtonProps={{ danger: true }} confirmLoading={run.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
        <Form.Item name="reason" label="解除理由" rules={[{ required: true, message: '请写明解除关联的理由' }, { min: 5, message: '请写明解除关联的理由（至少 5 个字）' }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="unlink-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The report's links: live ones with their finding or lead, removed ones with who and why. */
function LinksSection({ report }: { report: LinkedReportDetail }) {
  const [unlinking, setUnlinking] = useState<ReportLink | null>(null);
  if (!report.links || report.links.length === 0) return null;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        关联的问题底稿和线索
      </Typography.Title>
      <div data-testid="report-links" style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '0 12px' }}>
        {report.links.map((l, i) => (
          <Flex key={l.id} justify="space-between" align="center" gap={8} style={{ padding: '8px 0', borderTop: i === 0 ? undefined : '1px solid #f0f0f0' }}>
            <Space orientation="vertical" size={0}>
              <Space wrap>
                {l.live ? <Link to={l.link}>{l.label}</Link> : <Typography.Text delete>{l.label}</Typography.Text>}
                <Typography.Text type={l.live ? undefined : 'secondary'}>{l.title}</Typography.Text>
                <Tag>{l.statusName}</Tag>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {l.linkedByName ?? ''} {new Date(l.linkedAt).toLocaleString('zh-CN')} 关联
                {!l.live && `；${l.unlinkedByName ?? ''} ${l.unlinkedAt ? new Date(l.unlinkedAt).toLocaleString('zh-CN') : ''} 解除，理由：${l.unlinkReason ?? ''}`}
              </Typography.Text>
            </Space>
            {l.live && report.canUnlink && (
              <Button size="small" danger onClick={() => setUnlinking(l)} data-testid={`unlink-${l.id}`}>
                解除关联
              </Button>
            )}
          </Flex>
        ))}
      </div>
      {unlinking && <UnlinkModal reportId={report.id} link={unlinking} onClose={() => setUnlinking(null)} />}
    </>
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
  const [linking, setLinking] = useState(false);
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
  const start = (a: Action | 'link') => {
    if (a === 'link') setLinking(true);
    else if (a === 'accept') {
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
            <Button key={a.action} type={a.action === 'accept' ? 'primary' : 'default'} onClick={() => start(a.action)} data-testid={`triage-${a.action}`}>
              {a.name}
            </Button>
          ))}
        </Space>
      )}
      <LinksSection report={r} />
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
      {linking && <LinkModal report={r} onClose={() => setLinking(false)} />}
      {revealing && <RevealModal id={r.id} onClose={() => setRevealing(false)} />}
    </div>
  );
}
