import { CheckOutlined, DeleteOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { TRANSFER_STATUSES, type TransferStatus } from '../../../../domain/reports/tracking';
import { applyFieldErrors } from '../../api/errors';
import { findingsApi } from '../../api/findings';
import { reportDocuments, reportKeys, reportsApi, type TransferOut } from '../../api/reports';
import { QueryError } from '../../components/query-state';
import { RefusalAlert } from '../../components/refusal-alert';
import { useAccess } from '../../session/session';
import { isoDay, yuanText } from './sections';
import { CLOCK_COLORS } from './suggestions';

type Dialog = { kind: 'create' } | { kind: 'complete'; t: TransferOut } | null;

interface Values {
  departmentOrgId?: string;
  findingId?: string | null;
  title?: string;
  content?: string;
  date?: Dayjs;
  due?: Dayjs | null;
  result?: string;
}

/** 移交事项 of the round: to departments, optionally from an approved finding; open → done; due flags; the ledger. */
export function TransferItems({ roundId }: { roundId: string }) {
  const { message } = App.useApp();
  const access = useAccess();
  const queryClient = useQueryClient();
  const [query, setQuery] = useState<{ page: number; pageSize: number; status?: TransferStatus }>({ page: 1, pageSize: 10 });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();
  const canWrite = access.can('reports.write');
  const q = useQuery({ queryKey: reportKeys.transfers(roundId, query), queryFn: () => reportsApi.transfers(roundId, query) });
  const departments = useQuery({ queryKey: reportKeys.departments(roundId), queryFn: () => reportsApi.departments(roundId), enabled: canWrite });
  const findings = useQuery({
    queryKey: ['reports', roundId, 'approved-findings'],
    queryFn: () => findingsApi.list({ roundId, status: 'approved', page: 1, pageSize: 500 }),
    enabled: canWrite && access.can('findings.read') && dialog?.kind === 'create',
  });

  const ok = (text: string) => () => {
    void queryClient.invalidateQueries({ queryKey: ['reports', roundId, 'transfers'] });
    void message.success(text);
    setDialog(null);
    setError(null);
  };
  const open = (d: Dialog) => {
    setError(null);
    setDialog(d);
  };
  const act = useMutation({
    mutationFn: async (v: Values) => {
      if (dialog?.kind === 'create') {
        return reportsApi.createTransfer(roundId, {
          departmentOrgId: v.departmentOrgId ?? '',
          findingId: v.findingId ?? null,
          title: v.title ?? '',
          content: v.content ?? '',
          sentOn: isoDay(v.date),
          dueOn: v.due ? isoDay(v.due) : null,
        });
      }
      if (dialog?.kind === 'complete') return reportsApi.completeTransfer(dialog.t.id, { result: v.result ?? '', completedOn: isoDay(v.date) });
      throw new Error('没有要执行的操作');
    },
    onSuccess: ok('移交事项已保存'),
    onError: (e) => {
      setError(e);
      applyFieldErrors(form, e);
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => reportsApi.removeTransfer(id), onSuccess: ok('移交事项已删除'), onError: setError });

  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <div data-testid="transfer-items">
      <RefusalAlert error={dialog ? null : error} onClose={() => setError(null)} />
      <Space wrap style={{ marginBottom: 12 }}>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ kind: 'create' })}>
            登记移交事项
          </Button>
        )}
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 140 }}
          value={query.status}
          onChange={(status?: TransferStatus) => setQuery({ ...query, page: 1, status })}
          options={Object.entries(TRANSFER_STATUSES).map(([value, label]) => ({ value, label }))}
        />
        <Button icon={<FileExcelOutlined />} href={reportDocuments.ledger(roundId)}>
          导出移交事项台账
        </Button>
      </Space>
      <Table<TransferOut>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '暂无移交事项' }}
        pagination={{ current: query.page, pageSize: query.pageSize, total: q.data?.total ?? 0, onChange: (p, s) => setQuery({ ...query, page: p, pageSize: s }), showTotal: (n) => `共 ${n} 项` }}
        expandable={{ expandedRowRender: (t) => <div style={{ whiteSpace: 'pre-wrap' }}>{[t.content, t.result ? `办理结果：${t.result}` : ''].filter(Boolean).join('\n') || '无'}</div> }}
        columns={[
          { title: '编号', dataIndex: 'numberLabel', width: 130 },
          { title: '移交事项', dataIndex: 'title', render: (v: string, t) => (t.finding ? `${v}（来自问题底稿：${t.finding.title}${t.finding.amount ? `，${yuanText(t.finding.amount)}` : ''}）` : v) },
          { title: '承办部门', dataIndex: 'department', width: 150 },
          { title: '移交日期', dataIndex: 'sentOn', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '办理期限', dataIndex: 'dueOn', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: '状态',
            width: 170,
            render: (_: unknown, t) => (
              <Space size={4} wrap>
                <Tag color={t.status === 'done' ? 'green' : 'blue'}>{t.statusName}</Tag>
                {t.clock !== 'none' && <Tag color={CLOCK_COLORS[t.clock]}>{t.clockName}</Tag>}
                {t.completedOn && <span>{t.completedOn}</span>}
              </Space>
            ),
          },
          {
            title: '操作',
            width: 170,
            render: (_: unknown, t) =>
              canWrite && t.status === 'open' ? (
                <Space size={4}>
                  <Button size="small" icon={<CheckOutlined />} onClick={() => open({ kind: 'complete', t })}>
                    办结
                  </Button>
                  <Popconfirm title={`确定删除移交事项“${t.title}”吗？`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove.mutate(t.id)}>
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label="删除" />
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={dialog !== null}
        title={dialog?.kind === 'complete' ? `办结：${dialog.t.title}` : '登记移交事项'}
        okText="保存"
        cancelText="取消"
        width={680}
        confirmLoading={act.isPending}
        onCancel={() => setDialog(null)}
        onOk={() => void form.validateFields().then((v) => act.mutate(v))}
        destroyOnHidden
      >
        <RefusalAlert error={error} />
        <Form form={form} layout="vertical" preserve={false} initialValues={{ date: dayjs() }}>
          {dialog?.kind === 'create' && (
            <>
              <Form.Item name="departmentOrgId" label="承办部门" rules={[{ required: true, message: '请选择承办部门' }]}>
                <Select showSearch optionFilterProp="label" loading={departments.isPending} options={(departments.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} notFoundContent="没有可选的职能部门" />
              </Form.Item>
              {access.can('findings.read') && (
                <Form.Item name="findingId" label="来源问题底稿（可不选）">
                  <Select
                    allowClear
                    showSearch
                    optionFilterProp="label"
                    loading={findings.isFetching}
                    options={(findings.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.numberLabel} ${f.villageName ?? f.townName} ${f.title}` }))}
                    onChange={(id?: string) => {
                      const f = findings.data?.items.find((x) => x.id === id);
                      if (f && !form.getFieldValue('title')) form.setFieldsValue({ title: f.title });
                    }}
                  />
                </Form.Item>
              )}
              <Form.Item name="title" label="移交事项" rules={[{ required: true, whitespace: true, message: '请填写移交事项' }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="content" label="事项内容">
                <Input.TextArea autoSize={{ minRows: 3 }} maxLength={8000} />
              </Form.Item>
              <Space>
                <Form.Item name="date" label="移交日期" rules={[{ required: true, message: '请选择移交日期' }]}>
                  <DatePicker />
                </Form.Item>
                <Form.Item name="due" label="办理期限">
                  <DatePicker />
                </Form.Item>
              </Space>
            </>
          )}
          {dialog?.kind === 'complete' && (
            <>
              <Form.Item name="date" label="办结日期" rules={[{ required: true, message: '请选择办结日期' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="result" label="办理结果" rules={[{ required: true, whitespace: true, message: '请填写办理结果' }]}>
                <Input.TextArea autoSize={{ minRows: 3 }} maxLength={8000} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </div>
  );
}
