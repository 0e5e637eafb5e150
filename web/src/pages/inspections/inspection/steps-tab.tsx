import { CheckOutlined, EditOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { applyFieldErrors } from '../../../api/errors';
import { inspectionKeys, inspectionsApi, type Workspace, type WorkspaceStep } from '../../../api/inspections';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

/** 工作环节: the round's enabled steps, each with the day it was done and a note; undo clears it. */
export function StepsTab({ ws, editable }: { ws: Workspace; editable: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const id = ws.inspection.id;
  const [editing, setEditing] = useState<WorkspaceStep | null>(null);
  const [form] = Form.useForm<{ doneOn: Dayjs; notes?: string }>();

  const refresh = () => void queryClient.invalidateQueries({ queryKey: inspectionKeys.one(id) });

  const mark = useMutation({
    mutationFn: (v: { step: WorkspaceStep; doneOn: string; notes: string }) => inspectionsApi.markStep(id, v.step.step, { doneOn: v.doneOn, notes: v.notes }),
    onSuccess: (_r, v) => {
      void message.success(`已登记“${v.step.name}”`);
      setEditing(null);
      refresh();
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const undo = useMutation({
    mutationFn: (s: WorkspaceStep) => inspectionsApi.undoStep(id, s.step),
    onSuccess: (_r, s) => {
      void message.success(`已撤销“${s.name}”的完成登记`);
      refresh();
    },
  });

  const open = (s: WorkspaceStep) => setEditing(s);

  const columns: TableColumnsType<WorkspaceStep> = [
    { title: '环节', dataIndex: 'name', width: 140, render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    {
      title: '要求',
      dataIndex: 'requirement',
      width: 80,
      render: (r: WorkspaceStep['requirement']) => (r === 'mandatory' ? <Tag color="red">必经</Tag> : <Tag>可选</Tag>),
    },
    {
      title: '完成情况',
      dataIndex: 'doneOn',
      width: 150,
      render: (d: string | null) => (d ? <Tag color="success" icon={<CheckOutlined />}>{d} 完成</Tag> : <Typography.Text type="secondary">未完成</Typography.Text>),
    },
    { title: '情况说明', dataIndex: 'notes', render: (n: string) => (n ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{n}</Typography.Text> : dash) },
  ];
  if (editable) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_v, s) => (
        <Space size={0} wrap>
          <Button type="link" size="small" icon={s.doneOn ? <EditOutlined /> : <CheckOutlined />} onClick={() => open(s)} data-testid={`step-mark-${s.step}`}>
            {s.doneOn ? '修改' : '登记完成'}
          </Button>
          {s.doneOn && (
            <Popconfirm title={`撤销“${s.name}”的完成登记？`} okText="撤销" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => undo.mutateAsync(s).catch(() => undefined)}>
              <Button type="link" size="small" danger icon={<UndoOutlined />} data-testid={`step-undo-${s.step}`}>
                撤销
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <>
      <Table<WorkspaceStep> rowKey="step" size="middle" pagination={false} columns={columns} dataSource={ws.steps} scroll={{ x: 640 }} data-testid="steps-table" />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        必经环节全部完成后才能完成本村巡察；本轮不设的环节不显示。
      </Typography.Paragraph>
      <Modal
        open={editing !== null}
        title={editing ? `登记环节：${editing.name}` : ''}
        okText="保存"
        cancelText="取消"
        confirmLoading={mark.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={editing ? { doneOn: editing.doneOn ? dayjs(editing.doneOn) : dayjs(), notes: editing.notes } : undefined}
          onFinish={(v) => editing && mark.mutate({ step: editing, doneOn: v.doneOn.format('YYYY-MM-DD'), notes: v.notes?.trim() ?? '' })}
          data-testid="step-form"
        >
          <Form.Item name="doneOn" label="完成日期" rules={[{ required: true, message: '请选择完成日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="notes" label="情况说明" rules={[{ max: 2000 }]}>
            <Input.TextArea rows={3} maxLength={2000} placeholder="如：与镇党委、村“两委”班子见面，通报巡察安排" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
