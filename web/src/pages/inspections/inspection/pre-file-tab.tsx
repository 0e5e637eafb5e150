import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Empty, Flex, Form, Input, Modal, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { applyFieldErrors } from '../../../api/errors';
import { PRE_FILE_KINDS, type PreFileKind } from '../../../../../domain/inspections/pre-file';
import { inspectionKeys, inspectionsApi, type PreFileBody, type PreFileEntry } from '../../../api/inspections';
import { QueryError } from '../../../components/query-state';
import { InspectionStatusTag } from '../inspection-status-tag';
import { AttachmentList, AttachmentUpload } from './attachments';
import { STATUS_COLORS } from '../../public-reports/status-colors';

const KIND_COLORS: Record<PreFileKind, string> = {
  petition: 'volcano',
  audit: 'gold',
  earlier_finding: 'red',
  rectification: 'green',
  other: 'default',
};

interface Values {
  kind: PreFileKind;
  title: string;
  content?: string;
  occurredOn?: Dayjs | null;
  wholeTarget?: boolean;
}

function EntryCard({ entry, inspectionId, canEdit, onEdit }: { entry: PreFileEntry; inspectionId: string; canEdit: boolean; onEdit: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: inspectionKeys.preFile(inspectionId) });
  const removeAttachment = useMutation({
    mutationFn: (attachmentId: string) => inspectionsApi.deletePreFileAttachment(inspectionId, entry.id, attachmentId),
    onSuccess: () => {
      void message.success('已删除附件');
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => inspectionsApi.deletePreFileEntry(inspectionId, entry.id),
    onSuccess: () => {
      void message.success(`已删除“${entry.title}”`);
      refresh();
    },
  });
  return (
    <Card
      size="small"
      data-testid="pre-file-entry"
      title={
        <Space wrap>
          <Tag color={KIND_COLORS[entry.kind]}>{entry.kindName || PRE_FILE_KINDS[entry.kind]}</Tag>
          <span>{entry.title}</span>
          {entry.wholeTarget && <Tag color="blue">适用于整个巡察对象</Tag>}
        </Space>
      }
      extra={
        canEdit && (
          <Space size={0}>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={onEdit}>
              编辑
            </Button>
            <Popconfirm
              title={`删除“${entry.title}”？`}
              description="条目及其附件将一并删除。"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => remove.mutateAsync().catch(() => undefined)}
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                删除
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      <Typography.Text type="secondary">
        {entry.occurredOn ? `${entry.occurredOn} · ` : ''}
        {entry.createdByName ? `${entry.createdByName} 登记` : ''}
      </Typography.Text>
      {entry.content && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '8px 0' }}>{entry.content}</Typography.Paragraph>}
      <div style={{ marginTop: 8 }}>
        <AttachmentList attachments={entry.attachments} onDelete={canEdit ? (a) => removeAttachment.mutateAsync(a.id) : undefined} />
        {canEdit && (
          <div style={{ marginTop: 8 }}>
            <AttachmentUpload upload={(file) => inspectionsApi.uploadPreFileAttachment(inspectionId, entry.id, file)} onUploaded={refresh} />
          </div>
        )}
      </div>
    </Card>
  );
}

/**
 * 巡前资料: what the office gathered before entry (petitions, audits, earlier findings and their
 * rectification), the village's earlier inspections and profile facts. The office adds entries.
 */
export function PreFileTab({ inspectionId, canEdit, townTarget }: { inspectionId: string; canEdit: boolean; /** the target is a town reaching several villages */ townTarget: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const preFile = useQuery({ queryKey: inspectionKeys.preFile(inspectionId), queryFn: () => inspectionsApi.preFile(inspectionId) });
  const [editing, setEditing] = useState<{ entry: PreFileEntry | null } | null>(null);
  const [form] = Form.useForm<Values>();

  const save = useMutation({
    mutationFn: (body: PreFileBody) =>
      editing?.entry ? inspectionsApi.updatePreFileEntry(inspectionId, editing.entry.id, body) : inspectionsApi.createPreFileEntry(inspectionId, body),
    onSuccess: (saved) => {
      void message.success(editing?.entry ? `已保存“${saved.title}”` : `已登记“${saved.title}”，可在条目中上传附件`);
      setEditing(null);
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.preFile(inspectionId) });
    },
    onError: (e) => applyFieldErrors(form, e),
  });

  if (preFile.isPending) return <Card loading />;
  if (preFile.isError) return <QueryError error={preFile.error} onRetry={() => void preFile.refetch()} />;
  const { entries, earlierInspections, profile, publicReports } = preFile.data;

  return (
    <Row gutter={[16, 16]} data-testid="pre-file">
      <Col xs={24} lg={16}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            巡前收集的资料（{entries.length}）
          </Typography.Title>
          {canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ entry: null })} data-testid="pre-file-add">
              登记资料
            </Button>
          )}
        </Flex>
        {entries.length === 0 ? (
          <Empty description={canEdit ? '尚未登记巡前资料：可登记信访举报、审计结果、以往巡察发现的问题及整改情况' : '巡察办尚未登记巡前资料'} />
        ) : (
          <Flex vertical gap={12}>
            {entries.map((e) => (
              <EntryCard key={e.id} entry={e} inspectionId={inspectionId} canEdit={canEdit} onEdit={() => setEditing({ entry: e })} />
            ))}
          </Flex>
        )}
      </Col>
      <Col xs={24} lg={8}>
        <Card title="村情要点" size="small" style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="户数">{profile.households ?? '未登记'}</Descriptions.Item>
            <Descriptions.Item label="上年度信访件数">{profile.petitionsLastYear ?? '未登记'}</Descriptions.Item>
            <Descriptions.Item label="本轮群众来件（码上巡）">
              <span data-testid="pre-file-public-reports">
                {publicReports.total} 件{publicReports.total > 0 && `，受理为信访件 ${publicReports.petitions} 件`}
              </span>
              {publicReports.total > 0 && (
                <div>
                  {publicReports.byStatus
                    .filter((s) => s.count > 0)
                    .map((s) => (
                      <Tag key={s.status} color={STATUS_COLORS[s.status]}>
                        {s.name} {s.count}
                      </Tag>
                    ))}
                </div>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="分类标签">
              {profile.tags.length ? profile.tags.map((t) => <Tag key={t} color="volcano">{t}</Tag>) : '无'}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title="以往巡察" size="small">
          <Table
            size="small"
            rowKey={(r) => `${r.roundLabel}-${r.completedAt ?? ''}`}
            pagination={false}
            dataSource={earlierInspections}
            locale={{ emptyText: '本村（社区）此前未被巡察' }}
            columns={[
              { title: '轮次', dataIndex: 'roundLabel' },
              { title: '状态', dataIndex: 'status', render: (_s, r) => <InspectionStatusTag status={r.status} name={r.statusName} /> },
              { title: '完成时间', dataIndex: 'completedAt', render: (d: string | null) => (d ? dayjs(d).format('YYYY-MM-DD') : '—') },
            ]}
          />
        </Card>
      </Col>
      <Modal
        open={editing !== null}
        title={editing?.entry ? '编辑巡前资料' : '登记巡前资料'}
        okText="保存"
        cancelText="取消"
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={
            editing?.entry
              ? { kind: editing.entry.kind, title: editing.entry.title, content: editing.entry.content, occurredOn: editing.entry.occurredOn ? dayjs(editing.entry.occurredOn) : null }
              : { kind: 'petition' }
          }
          onFinish={(v) =>
            save.mutate({
              kind: v.kind,
              title: v.title.trim(),
              content: v.content?.trim() ?? '',
              occurredOn: v.occurredOn ? v.occurredOn.format('YYYY-MM-DD') : null,
              ...(editing?.entry ? {} : { wholeTarget: Boolean(v.wholeTarget) }),
            })
          }
          data-testid="pre-file-form"
        >
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={Object.entries(PRE_FILE_KINDS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 200 }]}>
            <Input maxLength={200} placeholder="如：2025年反映村集体土地发包问题的信访件" data-testid="pre-file-title" />
          </Form.Item>
          <Form.Item name="occurredOn" label="日期">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="content" label="内容" rules={[{ max: 20000 }]}>
            <Input.TextArea rows={5} maxLength={20000} placeholder="来源、主要内容、办理情况" />
          </Form.Item>
          {townTarget && !editing?.entry && (
            <Form.Item name="wholeTarget" valuePropName="checked" extra="勾选后，本巡察对象下各村（社区）的工作台都能看到这条资料">
              <Checkbox>适用于整个巡察对象（不限于本村）</Checkbox>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Row>
  );
}
