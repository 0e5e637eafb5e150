import { CopyOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Flex, Image, InputNumber, Modal, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { questionnaireKeys, questionnairesApi, type IssuedCodes, type QuestionnaireDetail, type QuestionnaireStatus } from '../../api/questionnaires';
import { reportError } from '../../api/errors';
import { PageLoading, QueryError } from '../../components/query-state';
import { DefinitionEditor } from './definition-editor';
import { ResultsView } from './results-view';

export const STATUS_COLORS: Record<QuestionnaireStatus, string> = { draft: 'default', published: 'processing', closed: 'success' };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Prints the codes on their own page: slips to cut, each with the link to type. */
function printCodes(issued: IssuedCodes, url: string | null) {
  const slips = issued.codes
    .map((c) => `<div class="slip"><div>${esc(issued.title)}</div><div class="code">验证码：<strong>${esc(c)}</strong></div>${url ? `<div class="url">${esc(url)}</div>` : ''}<div class="hint">每个验证码只能作答一次</div></div>`)
    .join('');
  const w = window.open('', '_blank', 'width=800,height=900');
  if (!w) return false;
  w.document.write(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>问卷验证码</title><style>body{font-family:sans-serif;margin:12px}.grid{display:grid;grid-template-columns:1fr 1fr;gap:8px}.slip{border:1px dashed #888;padding:8px 12px;break-inside:avoid}.code{font-size:18px;letter-spacing:2px;margin:4px 0}.url{font-family:monospace;font-size:12px;word-break:break-all}.hint{color:#666;font-size:12px}</style></head><body><div class="grid">${slips}</div></body></html>`,
  );
  w.document.close();
  w.focus();
  w.print();
  return true;
}

function CodesModal({ issued, url, onClose }: { issued: IssuedCodes; url: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  return (
    <Modal
      open
      width={720}
      title={`一次性验证码（第 ${issued.batch} 批，${issued.codes.length} 个）`}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={[
        <Button key="print" type="primary" icon={<PrinterOutlined />} onClick={() => (printCodes(issued, url) ? undefined : void message.warning('浏览器阻止了打印窗口，请允许弹出窗口后重试'))}>
          打印验证码
        </Button>,
        <Button key="done" onClick={onClose}>
          我已打印或保存
        </Button>,
      ]}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="验证码只显示这一次" description="系统只保存验证码的校验值，关闭后无法再次查看。请立即打印，随纸质问卷发给抽样对象。" />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))', gap: 8, maxHeight: 360, overflow: 'auto' }} data-testid="access-codes">
        {issued.codes.map((c) => (
          <Typography.Text key={c} code copyable style={{ fontSize: 15 }}>
            {c}
          </Typography.Text>
        ))}
      </div>
    </Modal>
  );
}

function PublishTab({ d, dirty, onChanged }: { d: QuestionnaireDetail; dirty: boolean; onChanged: () => void }) {
  const { modal, message } = App.useApp();
  const q = d.questionnaire;
  const [count, setCount] = useState<number | null>(50);
  const [issued, setIssued] = useState<IssuedCodes | null>(null);
  const publish = useMutation({ mutationFn: () => questionnairesApi.publish(q.id), onSuccess: () => (void message.success('问卷已发布'), onChanged()), onError: reportError });
  const close = useMutation({ mutationFn: () => questionnairesApi.close(q.id), onSuccess: () => (void message.success('问卷已结束'), onChanged()), onError: reportError });
  const codes = useMutation({ mutationFn: (n: number) => questionnairesApi.codes(q.id, n), onSuccess: (r) => (setIssued(r), onChanged()), onError: reportError });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="状态">
          <Tag color={STATUS_COLORS[q.status]}>{q.statusName}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="作答方式">{q.accessModeName}</Descriptions.Item>
        <Descriptions.Item label="轮次 / 对象">{[q.roundLabel, q.targetName].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
        <Descriptions.Item label="作答时间">
          {q.opensOn} 至 {q.closesOn}
        </Descriptions.Item>
        <Descriptions.Item label="已收答卷">{q.answers} 份</Descriptions.Item>
        {q.accessMode === 'code' && (
          <Descriptions.Item label="验证码">
            已生成 {q.codes} 个，已使用 {q.codesUsed} 个
          </Descriptions.Item>
        )}
      </Descriptions>
      {q.status === 'draft' && dirty && <Alert type="warning" showIcon title="题目有未保存的修改" description="请先在“编辑题目”中保存，再发布问卷。" />}
      {q.status === 'draft' && (
        <Button
          disabled={dirty}
          type="primary"
          data-testid="questionnaire-publish"
          loading={publish.isPending}
          onClick={() =>
            modal.confirm({
              title: '发布问卷？',
              content: '发布后将生成公开链接和二维码，群众即可扫码作答；题目不能再修改。',
              okText: '发布',
              onOk: () => publish.mutateAsync(),
            })
          }
        >
          发布问卷
        </Button>
      )}
      {d.url && d.qrCode && (
        <Flex gap={24} align="center" wrap>
          <Image src={d.qrCode} alt="问卷二维码" width={200} preview={false} data-testid="questionnaire-qr" />
          <Space orientation="vertical">
            <Typography.Text>扫描二维码或在手机浏览器中打开：</Typography.Text>
            <Typography.Text code copyable={{ icon: <CopyOutlined />, text: d.url }} data-testid="questionnaire-url">
              {d.url}
            </Typography.Text>
            <Button href={d.qrCode} download={`${q.title}-二维码.png`}>
              下载二维码图片
            </Button>
          </Space>
        </Flex>
      )}
      {q.accessMode === 'code' && q.status !== 'closed' && (
        <Space>
          <Typography.Text>生成一次性验证码</Typography.Text>
          <InputNumber min={1} max={2000} value={count} onChange={setCount} suffix="个" aria-label="验证码数量" />
          <Button onClick={() => count && codes.mutate(count)} loading={codes.isPending} data-testid="questionnaire-codes">
            生成并打印
          </Button>
        </Space>
      )}
      {q.status === 'published' && (
        <Button
          danger
          loading={close.isPending}
          onClick={() =>
            modal.confirm({ title: '结束问卷？', content: '结束后不再接受作答，已收到的答卷保留。', okText: '结束', okButtonProps: { danger: true }, onOk: () => close.mutateAsync() })
          }
        >
          结束问卷
        </Button>
      )}
      {issued && <CodesModal issued={issued} url={d.url} onClose={() => setIssued(null)} />}
    </Space>
  );
}

/** One questionnaire: its questions (editable while a draft), publishing and codes, results. */
export function QuestionnairePanel({ id }: { id: string }) {
  const qc = useQueryClient();
  const detail = useQuery({ queryKey: questionnaireKeys.one(id), queryFn: () => questionnairesApi.get(id) });
  const [tab, setTab] = useState('questions');
  const [dirty, setDirty] = useState(false);
  if (detail.isPending) return <PageLoading />;
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  const d = detail.data;
  const refresh = () => void qc.invalidateQueries({ queryKey: questionnaireKeys.all });
  return (
    <div data-testid="questionnaire-panel">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {d.questionnaire.title} <Tag color={STATUS_COLORS[d.questionnaire.status]}>{d.questionnaire.statusName}</Tag>
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'questions', label: d.questionnaire.status === 'draft' ? '编辑题目' : '题目', children: <DefinitionEditor detail={d} onSaved={refresh} onDirty={setDirty} /> },
          { key: 'publish', label: '发布与二维码', children: <PublishTab d={d} dirty={dirty} onChanged={refresh} /> },
          {
            key: 'results',
            label: `结果（${d.questionnaire.answers}）`,
            children: (
              <>
                <Button icon={<DownloadOutlined />} style={{ marginBottom: 12 }} onClick={() => void questionnairesApi.exportAnswers(id, d.questionnaire.title).catch(reportError)}>
                  导出全部答卷（.xlsx）
                </Button>
                {tab === 'results' && <ResultsView id={id} />}
              </>
            ),
          },
        ]}
      />
    </div>
  );
}
