import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal } from 'antd';
import type { ReportSection } from '../../../../domain/reports/report';
import { RefusalAlert } from '../../components/refusal-alert';
import { fromEditable, toEditable, type EditableSection } from './sections';

interface Values {
  title: string;
  sections: EditableSection[];
}

/** Edits a report's title and sections (heading + paragraphs, one per line). */
export function SectionEditor(props: {
  open: boolean;
  title: string;
  initial: { title: string; body: ReportSection[] } | null;
  saving: boolean;
  error: unknown;
  onCancel: () => void;
  onSave: (v: { title: string; body: ReportSection[] }) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { open, initial } = props;
  return (
    <Modal
      open={open}
      title={props.title}
      width={860}
      okText="保存"
      cancelText="取消"
      confirmLoading={props.saving}
      onCancel={props.onCancel}
      onOk={() => void form.validateFields().then((v) => props.onSave({ title: v.title.trim(), body: fromEditable(v.sections) }))}
      destroyOnHidden
    >
      <RefusalAlert error={props.error} />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ title: initial?.title ?? '', sections: initial ? toEditable(initial.body) : [{ heading: '', text: '' }] }}
      >
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 200, message: '标题不超过 200 字' }]}>
          <Input />
        </Form.Item>
        <Form.List name="sections" rules={[{ validator: async (_, v: unknown[]) => (v?.length ? undefined : Promise.reject(new Error('报告至少要有一节'))) }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  title={`第${i + 1}节`}
                  style={{ marginBottom: 8 }}
                  extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除本节" />}
                >
                  <Form.Item name={[f.name, 'heading']} label="章节标题" rules={[{ required: true, whitespace: true, message: '请填写章节标题' }]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'text']} label="正文（每行一段）">
                    <Input.TextArea autoSize={{ minRows: 3, maxRows: 14 }} />
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ heading: '', text: '' })}>
                增加一节
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
