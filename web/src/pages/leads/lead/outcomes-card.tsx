import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Flex, Form, Input, Popconfirm, Select, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { OUTCOME_KINDS, OUTCOME_KIND_LIST, type OutcomeKind } from '../../../../../domain/leads/lead';
import { applyFieldErrors } from '../../../api/errors';
import { leadKeys, leadsApi, type LeadDetail, type LeadOutcome } from '../../../api/leads';
import { RefusalAlert } from '../../../components/refusal-alert';

interface Values {
  personName: string;
  kind: OutcomeKind;
  measure: string;
  decidedOn: Dayjs;
  note?: string;
}

/** 处理结果 per person: Party and government sanctions, organisational handling, transfer to the judiciary. */
export function OutcomesCard({ lead }: { lead: LeadDetail }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const canEdit = lead.actions.includes('outcome');
  const refresh = () => void qc.invalidateQueries({ queryKey: leadKeys.all });

  const add = useMutation({
    mutationFn: (v: Values) => leadsApi.addOutcome(lead.id, { personName: v.personName, kind: v.kind, measure: v.measure, decidedOn: v.decidedOn.format('YYYY-MM-DD'), note: v.note ?? '' }),
    onSuccess: () => {
      message.success('已登记处理结果');
      form.resetFields(['measure', 'note']);
      refresh();
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const remove = useMutation({
    mutationFn: (id: string) => leadsApi.deleteOutcome(lead.id, id),
    onSuccess: () => {
      message.success('已删除处理结果');
      refresh();
    },
  });

  const measures = kind ? Object.entries(OUTCOME_KINDS[kind].measures as Record<string, string>).map(([value, label]) => ({ value, label })) : [];

  return (
    <Card size="small" title="处理结果（按人登记）" data-testid="lead-outcomes">
      <RefusalAlert error={remove.error} />
      <Table<LeadOutcome>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={lead.outcomes}
        locale={{ emptyText: '尚未登记处理结果' }}
        columns={[
          { title: '被反映人', dataIndex: 'personName', width: 120 },
          { title: '处理类别', dataIndex: 'kindName', width: 120 },
          { title: '处理方式', dataIndex: 'measureName', width: 140 },
          { title: '决定日期', dataIndex: 'decidedOn', width: 120 },
          { title: '说明', dataIndex: 'note', render: (n: string) => n || <Typography.Text type="secondary">—</Typography.Text> },
          ...(canEdit
            ? [
                {
                  title: '',
                  key: 'op',
                  width: 60,
                  render: (_v: unknown, o: LeadOutcome) => (
                    <Popconfirm title={`删除对“${o.personName}”的处理结果“${o.measureName}”？`} okText="删除" okButtonProps={{ danger: true }} onConfirm={() => remove.mutate(o.id)}>
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除" />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canEdit && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            登记处理结果
          </Typography.Title>
          <RefusalAlert error={add.error} />
          <Form<Values> form={form} layout="vertical" initialValues={{ decidedOn: dayjs() }} onFinish={(v) => add.mutate(v)}>
            <Flex gap={12} wrap>
              <Form.Item name="personName" label="被反映人" rules={[{ required: true, message: '请选择被反映人' }]} style={{ width: 160 }}>
                <Select options={lead.persons.map((p) => ({ value: p.name, label: p.name }))} data-testid="outcome-person" />
              </Form.Item>
              <Form.Item name="kind" label="处理类别" rules={[{ required: true, message: '请选择处理类别' }]} style={{ width: 160 }}>
                <Select
                  options={OUTCOME_KIND_LIST.map((k) => ({ value: k, label: OUTCOME_KINDS[k].name }))}
                  onChange={() => form.setFieldValue('measure', undefined)}
                  data-testid="outcome-kind"
                />
              </Form.Item>
              <Form.Item name="measure" label="处理方式" rules={[{ required: true, message: '请选择处理方式' }]} style={{ width: 160 }}>
                <Select options={measures} disabled={!kind} placeholder={kind ? '请选择' : '先选类别'} data-testid="outcome-measure" />
              </Form.Item>
              <Form.Item name="decidedOn" label="决定日期" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
              <Form.Item name="note" label="说明" style={{ flex: 1, minWidth: 200 }}>
                <Input maxLength={1000} placeholder="如：处分决定文号" />
              </Form.Item>
            </Flex>
            <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="outcome-add">
              登记
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
