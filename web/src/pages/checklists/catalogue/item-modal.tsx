import { useQuery } from '@tanstack/react-query';
import { Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { CatalogueAspect, CatalogueItem, ItemBody } from '../../../api/checklists';
import { keys, registryApi } from '../../../api/endpoints';
import { applyFieldErrors } from '../../../api/errors';
import { POWER_CLASSES, POWER_CLASS_LIST, type PowerClass } from '../../../../../domain/checklists/catalogue';
import { RefusalAlert } from '../../../components/refusal-alert';

interface Values {
  title: string;
  powerClass: PowerClass | null;
  villageTraits: string[];
  manifestationsText: string;
  basis: string;
  aspectId: string;
}

/** Adds or edits an item of a draft: manifestations are typed one per line. */
export function ItemModal({
  open,
  item,
  aspectId,
  aspects,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  item: CatalogueItem | null;
  aspectId: string;
  aspects: CatalogueAspect[];
  onCancel: () => void;
  onSubmit: (body: ItemBody) => Promise<unknown>;
}) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const tags = useQuery({ queryKey: keys.tags, queryFn: registryApi.tags, enabled: open });

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue({
      title: item?.title ?? '',
      powerClass: item?.powerClass ?? null,
      villageTraits: item?.villageTraits ?? [],
      manifestationsText: (item?.manifestations ?? []).join('\n'),
      basis: item?.basis ?? '',
      aspectId,
    });
  }, [open, item, aspectId, form]); // item and aspectId change only when another item is opened

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await onSubmit({
        title: v.title,
        powerClass: v.powerClass ?? null,
        villageTraits: v.villageTraits ?? [],
        manifestations: (v.manifestationsText ?? '')
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        basis: v.basis ?? '',
        ...(item ? { aspectId: v.aspectId } : {}),
      });
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={item ? '修改事项' : '新增事项'} onCancel={onCancel} onOk={() => void submit()} okText="保存" cancelText="取消" confirmLoading={saving} width={640} destroyOnHidden>
      <RefusalAlert testId="checklist-refusal-reasons" error={error} />
      <Form form={form} layout="vertical" data-testid="checklist-item-form">
        {item && (
          <Form.Item name="aspectId" label="所属方面">
            <Select options={aspects.map((a) => ({ value: a.id, label: a.name }))} />
          </Form.Item>
        )}
        <Form.Item name="title" label="事项" rules={[{ required: true, whitespace: true, message: '请填写事项' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="powerClass" label="小微权力类别" extra="文登村级小微权力清单五大类；不属于小微权力的事项留空">
          <Select allowClear placeholder="不属于小微权力" options={POWER_CLASS_LIST.map((k) => ({ value: k, label: POWER_CLASSES[k] }))} />
        </Form.Item>
        <Form.Item name="villageTraits" label="适用村情" extra="该事项特别适用的村分类（仅作提示，选用清单按清单的适用标签）">
          <Select mode="tags" allowClear options={(tags.data?.items ?? []).map((t) => ({ value: t.name, label: t.name }))} />
        </Form.Item>
        <Form.Item name="manifestationsText" label="问题表现（每行一条）">
          <Input.TextArea rows={5} placeholder={'如：\n白条入账、大额现金支付\n截留、挪用集体收入'} />
        </Form.Item>
        <Form.Item name="basis" label="依据">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
