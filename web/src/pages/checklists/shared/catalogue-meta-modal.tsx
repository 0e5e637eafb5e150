import { useQuery } from '@tanstack/react-query';
import { Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { CatalogueMeta } from '../../../api/checklists';
import { keys, registryApi } from '../../../api/endpoints';
import { applyFieldErrors } from '../../../api/errors';
import { RefusalAlert } from '../../../components/refusal-alert';

/** Creates a catalogue or edits its name, kind, matching tags and description. */
export function CatalogueMetaModal({
  open,
  title,
  initial,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  initial?: CatalogueMeta;
  onCancel: () => void;
  onSubmit: (meta: CatalogueMeta) => Promise<unknown>;
}) {
  const [form] = Form.useForm<CatalogueMeta>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const tags = useQuery({ queryKey: keys.tags, queryFn: registryApi.tags, enabled: open });
  const kind = Form.useWatch('kind', form);
  // the values at opening: a parent re-render while editing must not reset the form
  const initialRef = useRef(initial);
  initialRef.current = initial;

  useEffect(() => {
    if (open) {
      form.setFieldsValue(initialRef.current ?? { name: '', kind: 'common', matchTags: [], description: '' });
      setError(null);
    }
  }, [open, form]);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await onSubmit({ ...values, matchTags: values.matchTags ?? [], description: values.description ?? '' });
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={title} onCancel={onCancel} onOk={() => void submit()} confirmLoading={saving} okText="保存" cancelText="取消" destroyOnHidden width={560}>
      <RefusalAlert testId="checklist-refusal-reasons" error={error} />
      <Form form={form} layout="vertical" data-testid="catalogue-meta-form">
        <Form.Item name="name" label="清单名称" rules={[{ required: true, whitespace: true, message: '请填写清单名称' }]}>
          <Input maxLength={60} placeholder="如：某县对村巡察通用监督清单" />
        </Form.Item>
        <Form.Item name="kind" label="清单类型" extra="“1+X”：通用清单适用于每个村；个性化清单按村分类标签选用">
          <Radio.Group
            options={[
              { value: 'common', label: '通用清单' },
              { value: 'personalised', label: '个性化清单' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="matchTags"
          label="适用的村分类标签"
          rules={kind === 'personalised' ? [{ required: true, type: 'array', min: 1, message: '个性化清单须选择适用的村分类标签' }] : []}
          extra="村情档案带有其中任一标签的村，生成个性化清单时会选用本清单"
        >
          <Select mode="multiple" allowClear disabled={kind !== 'personalised'} loading={tags.isPending} options={(tags.data?.items ?? []).map((t) => ({ value: t.name, label: `${t.name}（${t.category}）` }))} />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
