import { DeleteOutlined, EditOutlined, FileWordOutlined, MessageOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { DEFAULT_REPLY_DAYS, type Clock } from '../../../../domain/reports/tracking';
import { applyFieldErrors } from '../../api/errors';
import { reportDocuments, reportKeys, reportsApi, type SuggestionOut } from '../../api/reports';
import { QueryError } from '../../components/query-state';
import { RefusalAlert } from '../../components/refusal-alert';
import { useAccess } from '../../session/session';
import { isoDay } from './sections';

export const CLOCK_COLORS: Record<Clock, string> = { none: 'default', due_soon: 'orange', overdue: 'red' };
const STATUS_COLORS: Record<SuggestionOut['status'], string> = { draft: 'default', sent: 'blue', replied: 'green' };

type Dialog = { kind: 'edit'; s: SuggestionOut | null } | { kind: 'send'; s: SuggestionOut } | { kind: 'reply'; s: SuggestionOut } | null;

interface Values {
  departmentOrgId?: string;
  title?: string;
  content?: string;
  measures?: string;
  date?: Dayjs;
  due?: Dayjs | null;
  reply?: string;
}

/** 巡察建议书 of the round: create, send (reply due 30 days later unless set), record the reply, overdue tag, the letter. */
export function Suggestions({ roundId }: { roundId: string }) {
  const { message } = App.useApp();
  const access = useAccess();
  const queryClient = useQueryClient();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();
  const q = useQuery({ queryKey: reportKeys.suggestions(roundId, page), queryFn: () => reportsApi.suggestions(roundId, page) });
  const departments = useQuery({ queryKey: reportKeys.departments(roundId), queryFn: () => reportsApi.departments(roundId), enabled: access.can('reports.write') });
  const canWrite = access.can('reports.write');

  const ok = (text: string) => () => {
    void queryClient.invalidateQueries({ queryKey: ['reports', roundId, 'suggestions'] });
    void message.success(text);
    setDialog(null);
    setError(null);
  };
  const fail = (e: unknown) => {
    setError(e);
    applyFieldErrors(form, e);
  };
  const open = (d: Dialog) => {
    setError(null);
    setDialog(d);
  };

  const act = useMutation({
    mutationFn: async (v: Values) => {
      if (dialog?.kind === 'edit') {
        const body = { departmentOrgId: v.departmentOrgId ?? '', title: v.title ?? '', content: v.content ?? '', measures: (v.measures ?? '').split(/\r?\n/).map((m) => m.trim()).filter(Boolean) };
        return dialog.s ? reportsApi.updateSuggestion(dialog.s.id, body) : reportsApi.createSuggestion(roundId, body);
      }
      if (dialog?.kind === 'send') return reportsApi.sendSuggestion(dialog.s.id, { sentOn: isoDay(v.date), replyDueOn: v.due ? isoDay(v.due) : null });
      if (dialog?.kind === 'reply') return reportsApi.replySuggestion(dialog.s.id, { reply: v.reply ?? '', repliedOn: isoDay(v.date) });
      throw new Error('没有要执行的操作');
    },
    onSuccess: ok('巡察建议书已保存'),
    onError: fail,
  });
  const remove = useMutation({ mutationFn: (id: string) => reportsApi.removeSuggestion(id), onSuccess: ok('巡察建议书已删除'), onError: setError });

  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <div data-testid="suggestions">
      <RefusalAlert error={dialog ? null : error} onClose={() => setError(null)} />
      {canWrite && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => open({ kind: 'edit', s: null })}>
          新建巡察建议书
        </Button>
      )}
      <Table<SuggestionOut>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '暂无巡察建议书' }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }), showTotal: (n) => `共 ${n} 份` }}
        expandable={{
          expandedRowRender: (s) => (
            <Space orientation="vertical">
              <Typography.Text strong>发现的问题</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{s.content}</Typography.Paragraph>
              <Typography.Text strong>具体建议</Typography.Text>
              <ol>{s.measures.map((m) => <li key={m}>{m}</li>)}</ol>
              {s.repliedOn && (
                <>
                  <Typography.Text strong>回复（{s.repliedOn}）</Typography.Text>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{s.reply}</Typography.Paragraph>
                </>
              )}
            </Space>
          ),
        }}
        columns={[
          { title: '编号', dataIndex: 'numberLabel', width: 140 },
          { title: '事由', dataIndex: 'title' },
          { title: '主送部门', dataIndex: 'department', width: 160 },
          { title: '发出日期', dataIndex: 'sentOn', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '回复期限', dataIndex: 'replyDueOn', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: '状态',
            width: 180,
            render: (_: unknown, s) => (
              <Space size={4} wrap>
                <Tag color={STATUS_COLORS[s.status]}>{s.statusName}</Tag>
                {s.clock !== 'none' && <Tag color={CLOCK_COLORS[s.clock]}>{s.clockName}</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            width: 300,
            render: (_: unknown, s) => (
              <Space size={4} wrap>
                <Button size="small" icon={<FileWordOutlined />} href={reportDocuments.letter(s.id)}>
                  建议书
                </Button>
                {canWrite && s.status === 'draft' && (
                  <>
                    <Button size="small" icon={<EditOutlined />} onClick={() => open({ kind: 'edit', s })}>
                      修改
                    </Button>
                    <Button size="small" icon={<SendOutlined />} onClick={() => open({ kind: 'send', s })}>
                      发出
                    </Button>
                    <Popconfirm title={`确定删除${s.numberLabel}吗？编号不再使用。`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove.mutate(s.id)}>
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label="删除" />
                    </Popconfirm>
                  </>
                )}
                {canWrite && s.status !== 'draft' && (
                  <Button size="small" icon={<MessageOutlined />} onClick={() => open({ kind: 'reply', s })}>
                    {s.status === 'replied' ? '更新回复' : '登记回复'}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={dialog !== null}
        title={dialog?.kind === 'send' ? `发出${dialog.s.numberLabel}` : dialog?.kind === 'reply' ? `登记${dialog.s.department}的回复` : dialog?.s ? `修改${dialog.s.numberLabel}` : '新建巡察建议书'}
        okText="保存"
        cancelText="取消"
        width={720}
        confirmLoading={act.isPending}
        onCancel={() => setDialog(null)}
        onOk={() => void form.validateFields().then((v) => act.mutate(v))}
        destroyOnHidden
      >
        <RefusalAlert error={error} />
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={
            dialog?.kind === 'edit' && dialog.s
              ? { departmentOrgId: dialog.s.departmentOrgId, title: dialog.s.title, content: dialog.s.content, measures: dialog.s.measures.join('\n') }
              : { date: dayjs() }
          }
        >
          {dialog?.kind === 'edit' && (
            <>
              <Form.Item name="departmentOrgId" label="主送职能部门" rules={[{ required: true, message: '请选择职能部门' }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  loading={departments.isPending}
                  options={(departments.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
                  notFoundContent="没有可选的职能部门（请先在系统管理中建立职能部门组织）"
                />
              </Form.Item>
              <Form.Item name="title" label="事由（共性问题）" rules={[{ required: true, whitespace: true, message: '请填写建议书事由' }]}>
                <Input maxLength={200} placeholder="如：农村低保动态管理" />
              </Form.Item>
              <Form.Item name="content" label="发现的问题" rules={[{ required: true, whitespace: true, message: '请填写发现的问题' }]}>
                <Input.TextArea autoSize={{ minRows: 4 }} maxLength={8000} />
              </Form.Item>
              <Form.Item name="measures" label="具体建议（每行一条）" rules={[{ required: true, whitespace: true, message: '请至少填写一条具体建议' }]}>
                <Input.TextArea autoSize={{ minRows: 3 }} />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'send' && (
            <>
              <Form.Item name="date" label="发出日期" rules={[{ required: true, message: '请选择发出日期' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="due" label="回复期限" extra={`不填则为发出后 ${DEFAULT_REPLY_DAYS} 日`}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'reply' && (
            <>
              <Form.Item name="date" label="回复日期" rules={[{ required: true, message: '请选择回复日期' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="reply" label="回复内容（采纳和办理情况）" rules={[{ required: true, whitespace: true, message: '请填写回复内容' }]}>
                <Input.TextArea autoSize={{ minRows: 4 }} maxLength={8000} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </div>
  );
}
