import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Divider, Drawer, Form, Input, Row, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import {
  PERSON_ROLE_LIST,
  PERSON_ROLES,
  WORK_RECORD_KIND_LIST,
  WORK_RECORD_KIND_NAMES,
  WORK_RECORD_KINDS,
  type WorkRecordInput,
  type WorkRecordKind,
} from '../../../../../domain/inspections/work-records';
import { applyFieldErrors } from '../../../api/errors';
import { inspectionKeys, inspectionsApi, type Attachment, type WorkRecordView } from '../../../api/inspections';
import { AttachmentList, AttachmentUpload } from './attachments';
import { checkRecordForm, recordFormValues, rowsForKind, type RecordFormValues } from './record-form';

const ROLE_OPTIONS = PERSON_ROLE_LIST.map((r) => ({ value: r, label: PERSON_ROLES[r] }));

export const kindLabel = (k: WorkRecordKind) => `${WORK_RECORD_KINDS[k]} · ${WORK_RECORD_KIND_NAMES[k]}`;

const PLACEHOLDERS: Record<WorkRecordKind, string> = {
  publicity: '如：在村委会张贴巡察公告，公布举报电话、邮箱和二维码',
  briefing: '如：听取村党支部书记关于班子建设和“三资”管理情况的汇报',
  talk: '谈话要点、反映的问题和线索',
  visit: '走访了解到的情况、群众反映的问题',
  review: '查阅的资料（会议记录、账簿、合同等）和发现的情况',
  survey: '勘察的地点、项目和看到的情况',
  fix: '即知即改的问题、整改措施和结果',
};

/**
 * Add or edit one work record (工作记录). The form follows the kind: talks name the people and their
 * roles (老党员, 低保户 …), visits the households. The body is checked with the server's own schema
 * before it is sent. A new record is saved first; its attachments are uploaded onto it after that.
 */
export function RecordDrawer({
  open,
  inspectionId,
  record,
  defaultKind,
  onClose,
}: {
  open: boolean;
  inspectionId: string;
  record: WorkRecordView | null;
  defaultKind?: WorkRecordKind;
  onClose: () => void;
}) {
  const [form] = Form.useForm<RecordFormValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // The record being edited: the one passed in, or the one just created here.
  const [current, setCurrent] = useState<WorkRecordView | null>(record);
  const [attachments, setAttachments] = useState<Attachment[]>(record?.attachments ?? []);

  useEffect(() => {
    if (open) {
      setCurrent(record);
      setAttachments(record?.attachments ?? []);
      form.resetFields();
      form.setFieldsValue(recordFormValues(record, defaultKind));
    }
  }, [open, record, defaultKind, form]);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: inspectionKeys.one(inspectionId) });
  };

  const save = useMutation({
    mutationFn: (body: WorkRecordInput) =>
      current ? inspectionsApi.updateRecord(inspectionId, current.id, body) : inspectionsApi.createRecord(inspectionId, body),
    onSuccess: (saved) => {
      refresh();
      if (current) {
        void message.success('已保存工作记录');
        onClose();
      } else {
        void message.success('已新增工作记录，可继续上传附件');
        setCurrent(saved);
        setAttachments(saved.attachments ?? []);
      }
    },
    onError: (e) => applyFieldErrors(form, e),
  });

  const removeAttachment = useMutation({
    mutationFn: (a: Attachment) => inspectionsApi.deleteRecordAttachment(inspectionId, current!.id, a.id),
    onSuccess: (_r, a) => {
      setAttachments((list) => list.filter((x) => x.id !== a.id));
      void message.success(`已删除附件“${a.fileName}”`);
      refresh();
    },
  });

  const submit = (v: RecordFormValues) => {
    const checked = checkRecordForm(v, attachments);
    if (checked.ok) save.mutate(checked.body);
    else form.setFields(checked.problems as Parameters<typeof form.setFields>[0]);
  };

  const kind = Form.useWatch('kind', form) ?? defaultKind ?? 'talk';
  const isTalk = kind === 'talk';
  const isVisit = kind === 'visit';

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={current ? `编辑工作记录：${kindLabel(current.kind)}` : '新增工作记录'}
      size={720}
      destroyOnHidden
      mask={{ closable: !save.isPending }}
      extra={
        <Space>
          <Button onClick={onClose} disabled={save.isPending} data-testid="record-close">
            {current && !record ? '完成' : '取消'}
          </Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="record-save">
            保存
          </Button>
        </Space>
      }
      data-testid="record-drawer"
    >
      <Form form={form} layout="vertical" onFinish={submit} disabled={save.isPending} data-testid="record-form">
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label="记录类别" rules={[{ required: true, message: '请选择记录类别' }]}>
              <Select
                options={WORK_RECORD_KIND_LIST.map((k) => ({ value: k, label: kindLabel(k) }))}
                onChange={(k: WorkRecordKind) => form.setFieldsValue(rowsForKind(k, form.getFieldValue('people'), form.getFieldValue('households')))}
                data-testid="record-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="record-date" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="place" label="地点" rules={[{ max: 100 }]}>
              <Input maxLength={100} placeholder="如：村委会会议室" data-testid="record-place" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label="情况记录" rules={[{ max: 20000 }]}>
              <Input.TextArea rows={4} maxLength={20000} placeholder={PLACEHOLDERS[kind]} data-testid="record-notes" />
            </Form.Item>
          </Col>
        </Row>

        {isVisit && (
          <>
            <Divider titlePlacement="start">走访农户（计入走访户数；同一户多次走访只计一次）</Divider>
            <Form.List name="households">
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((f) => (
                    <Row gutter={8} key={f.key} align="top">
                      <Col xs={12} sm={6}>
                        <Form.Item name={[f.name, 'head']} rules={[{ required: true, whitespace: true, message: '请填写户主姓名' }]}>
                          <Input placeholder="户主姓名" maxLength={40} data-testid="household-head" />
                        </Form.Item>
                      </Col>
                      <Col xs={12} sm={7}>
                        <Form.Item name={[f.name, 'address']}>
                          <Input placeholder="住址（组、门牌）" maxLength={100} />
                        </Form.Item>
                      </Col>
                      <Col xs={20} sm={9}>
                        <Form.Item name={[f.name, 'roles']}>
                          <Select mode="multiple" placeholder="户的类别（如低保户）" options={ROLE_OPTIONS} data-testid="household-roles" />
                        </Form.Item>
                      </Col>
                      <Col xs={4} sm={2}>
                        <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除此户" />
                      </Col>
                    </Row>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ roles: [] })} block data-testid="household-add">
                    添加走访农户
                  </Button>
                  <Form.ErrorList errors={errors} />
                </>
              )}
            </Form.List>
          </>
        )}

        <Divider titlePlacement="start">{isTalk ? '谈话对象（“三老”“两低”按类别计入覆盖情况）' : '相关人员（可不填）'}</Divider>
        <Form.List name="people">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col xs={12} sm={6}>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
                      <Input placeholder="姓名" maxLength={40} data-testid="person-name" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={7}>
                    <Form.Item name={[f.name, 'position']}>
                      <Input placeholder="职务或身份（可不填）" maxLength={60} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={9}>
                    <Form.Item name={[f.name, 'roles']}>
                      <Select mode="multiple" placeholder="人员类别（如老党员）" options={ROLE_OPTIONS} data-testid="person-roles" />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除此人" />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ roles: [] })} block data-testid="person-add">
                {isTalk ? '添加谈话对象' : '添加人员'}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>

      <Divider titlePlacement="start">附件</Divider>
      {current ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <AttachmentList attachments={attachments} onDelete={(a) => removeAttachment.mutateAsync(a)} />
          <AttachmentUpload
            upload={(file) => inspectionsApi.uploadRecordAttachment(inspectionId, current.id, file)}
            onUploaded={(a) => {
              setAttachments((list) => [...list, a]);
              refresh();
            }}
          />
        </Space>
      ) : (
        <Alert type="info" showIcon title="保存记录后即可上传照片、扫描件等附件" />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        带有日期的工作记录计入在村工作日（只计工作日，节假日和调休按官方日历）。
      </Typography.Paragraph>
    </Drawer>
  );
}
