import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, List, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { MATERIAL_KIND_LIST, MATERIAL_KINDS, materialInput, type MaterialInput } from '../../../../../domain/findings/finding';
import { findingKeys, findingsApi, type FindingDetail, type FindingMaterial } from '../../../api/findings';
import { RefusalAlert } from '../../../components/refusal-alert';
import { AttachmentList, AttachmentUpload } from '../../inspections/inspection/attachments';

/** 佐证材料清单: each entry with its files; editable while the paper is (draft or returned, by its author). */
export function MaterialsSection({ finding }: { finding: FindingDetail }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const editable = finding.actions.includes('edit');
  const [editing, setEditing] = useState<FindingMaterial | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<MaterialInput>();

  const refresh = (f?: FindingDetail) => {
    if (f) queryClient.setQueryData(findingKeys.one(finding.id), f);
    else void queryClient.invalidateQueries({ queryKey: findingKeys.one(finding.id) });
  };

  const save = useMutation({
    mutationFn: (body: MaterialInput) =>
      editing && editing !== 'new' ? findingsApi.updateMaterial(finding.id, editing.id, body) : findingsApi.addMaterial(finding.id, body),
    onSuccess: (f) => {
      refresh(f);
      void message.success('已保存佐证材料');
      setEditing(null);
    },
    onError: setError,
  });
  const remove = useMutation({
    mutationFn: (m: FindingMaterial) => findingsApi.removeMaterial(finding.id, m.id),
    onSuccess: (f) => {
      refresh(f);
      void message.success('已删除佐证材料');
    },
    onError: setError,
  });

  const open = (m: FindingMaterial | 'new') => {
    setError(null);
    form.resetFields();
    form.setFieldsValue(m === 'new' ? { kind: 'document', title: '', description: '' } : { kind: m.kind, title: m.title, description: m.description });
    setEditing(m);
  };

  const ok = async () => {
    const values = await form.validateFields();
    const parsed = materialInput.safeParse(values);
    if (!parsed.success) {
      form.setFields(parsed.error.issues.map((i) => ({ name: i.path as (keyof MaterialInput)[], errors: [i.message] })) as Parameters<typeof form.setFields>[0]);
      return;
    }
    save.mutate(parsed.data);
  };

  return (
    <div data-testid="finding-materials">
      {!editing && <RefusalAlert error={error} onClose={() => setError(null)} />}
      <List
        dataSource={finding.materials}
        locale={{ emptyText: '尚未列出佐证材料' }}
        renderItem={(m, i) => (
          <List.Item
            actions={
              editable
                ? [
                    <Button key="edit" type="text" size="small" icon={<EditOutlined />} onClick={() => open(m)} aria-label={`修改材料 ${m.title}`} />,
                    <Popconfirm
                      key="del"
                      title={`删除材料“${m.title}”及其附件？`}
                      okText="删除"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() => remove.mutateAsync(m).catch(() => undefined)}
                    >
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除材料 ${m.title}`} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  <span>
                    {i + 1}. {m.title}
                  </span>
                  <Tag>{m.kindName}</Tag>
                </Space>
              }
              description={
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {m.description && <Typography.Text type="secondary">{m.description}</Typography.Text>}
                  <AttachmentList
                    attachments={m.attachments}
                    onDelete={
                      editable
                        ? (a) =>
                            findingsApi
                              .removeMaterialFile(finding.id, m.id, a.id)
                              .then(() => refresh())
                              .catch((e: unknown) => setError(e))
                        : undefined
                    }
                  />
                  {editable && <AttachmentUpload upload={(file) => findingsApi.uploadMaterialFile(finding.id, m.id, file)} onUploaded={() => refresh()} />}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {editable && (
        <Button type="dashed" icon={<PlusOutlined />} onClick={() => open('new')} style={{ marginTop: 8 }} data-testid="material-add">
          添加佐证材料
        </Button>
      )}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '添加佐证材料' : '修改佐证材料'}
        okText="保存"
        cancelText="取消"
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => void ok()}
        destroyOnHidden
      >
        <RefusalAlert error={error} onClose={() => setError(null)} />
        <Form form={form} layout="vertical">
          <Form.Item name="title" label="材料名称" rules={[{ required: true, whitespace: true, message: '请填写材料名称' }]}>
            <Input maxLength={100} placeholder="如：2025年第12号记账凭证" />
          </Form.Item>
          <Form.Item name="kind" label="材料类别">
            <Select options={MATERIAL_KIND_LIST.map((k) => ({ value: k, label: MATERIAL_KINDS[k] }))} />
          </Form.Item>
          <Form.Item name="description" label="说明">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
        <Typography.Text type="secondary">保存后可在清单中为该材料上传扫描件、照片等附件。</Typography.Text>
      </Modal>
    </div>
  );
}
