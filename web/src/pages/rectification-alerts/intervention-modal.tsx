import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { INTERVENTION_GROUNDS, INTERVENTION_GROUND_LIST, INTERVENTION_KINDS, type InterventionGround, type InterventionKind } from '../../../../domain/rectification';
import { ACCOUNTABILITY_KINDS, alertKeys, alertsApi, type BoardItem } from '../../api/rectification-alerts';
import { RefusalAlert } from '../../components/refusal-alert';

const TITLES: Record<InterventionKind, string> = { reminder: '发送催办', talk: '登记约谈', accountability: '登记问责' };

interface Values {
  ground: InterventionGround;
  happenedOn: Dayjs;
  persons: string;
  content: string;
  accountabilityKind?: string;
  decisionNo?: string;
}

/** The office's reminder, talk or accountability decision on the chosen items, confirmed before it is sent. */
export function InterventionModal({ kind, items, onClose }: { kind: InterventionKind | null; items: BoardItem[]; onClose: () => void }) {
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      alertsApi.createIntervention({
        kind: kind!,
        ground: v.ground,
        itemIds: items.map((i) => i.id),
        happenedOn: v.happenedOn.format('YYYY-MM-DD'),
        persons: v.persons,
        content: v.content,
        accountabilityKind: kind === 'accountability' ? (v.accountabilityKind ?? null) : null,
        decisionNo: kind === 'accountability' ? (v.decisionNo ?? '') : '',
      }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: alertKeys.all });
      message.success(r.kind === 'reminder' ? `已发送催办：${r.todos} 人的待办中可见` : `已登记${r.kindName}`);
      onClose();
    },
  });
  const submit = (v: Values) =>
    modal.confirm({
      title: `确认${kind ? TITLES[kind] : ''}？`,
      content: kind === 'reminder' ? `将向 ${items.length} 项整改事项的责任单位发送催办，记录保存后不能撤回。` : `将为 ${items.length} 项整改事项登记${kind ? INTERVENTION_KINDS[kind] : ''}记录，保存后不能撤回。`,
      okText: '确认',
      cancelText: '取消',
      onOk: () => save.mutateAsync(v),
    });
  const isReminder = kind === 'reminder';
  return (
    <Modal
      open={kind !== null}
      title={kind ? TITLES[kind] : ''}
      okText={kind ? TITLES[kind] : '保存'}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      afterOpenChange={(o) => {
        if (!o) {
          form.resetFields();
          save.reset();
        }
      }}
      destroyOnHidden
      width={620}
    >
      <RefusalAlert error={save.error} />
      <Typography.Paragraph type="secondary">
        涉及整改事项：{items.map((i) => i.code).join('、')}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ ground: items.some((i) => i.level === 'red') ? 'overdue' : 'other', happenedOn: dayjs(), persons: isReminder ? [...new Set(items.map((i) => i.responsibleUnitName))].join('、') : '' }}
      >
        <Form.Item name="ground" label="事由" rules={[{ required: true, message: '请选择事由' }]}>
          <Select options={INTERVENTION_GROUND_LIST.map((g) => ({ value: g, label: INTERVENTION_GROUNDS[g] }))} data-testid="intervention-ground" />
        </Form.Item>
        <Form.Item name="happenedOn" label={isReminder ? '催办日期' : kind === 'talk' ? '约谈日期' : '问责决定日期'} rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="persons" label={isReminder ? '催办对象' : kind === 'talk' ? '约谈对象' : '问责对象'} rules={[{ required: true, whitespace: true, message: '请填写对象' }, { max: 500, message: '不能超过 500 个字' }]}>
          <Input placeholder={isReminder ? '责任单位' : '姓名及职务，如：张三（某镇党委书记）'} data-testid="intervention-persons" />
        </Form.Item>
        {kind === 'accountability' && (
          <>
            <Form.Item name="accountabilityKind" label="问责方式" rules={[{ required: true, message: '请选择问责方式' }]}>
              <Select options={Object.entries(ACCOUNTABILITY_KINDS).map(([value, label]) => ({ value, label }))} data-testid="intervention-accountability-kind" />
            </Form.Item>
            <Form.Item name="decisionNo" label="决定文号" rules={[{ required: true, whitespace: true, message: '请填写问责决定文号' }, { max: 60, message: '不能超过 60 个字' }]}>
              <Input placeholder="如：溧纪发〔2027〕3号" data-testid="intervention-decision-no" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="content"
          label={isReminder ? '催办内容' : kind === 'talk' ? '约谈情况' : '问责决定'}
          rules={[{ required: true, whitespace: true, message: '请填写内容' }, { max: 4000, message: '不能超过 4000 个字' }]}
        >
          <Input.TextArea rows={4} placeholder={isReminder ? '如：请于 10 日内报送整改进展和佐证材料' : ''} data-testid="intervention-content" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
