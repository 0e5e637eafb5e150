import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Button, Col, DatePicker, Divider, Drawer, Form, Input, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { CADRE_POSITIONS, isOneShoulder, RELATIONS } from '../../../../../domain/registry/cadre';
import { parseIdNumber } from '../../../../../domain/shared/id-number';
import { applyFieldErrors } from '../../../api/errors';
import { keys, registryApi } from '../../../api/endpoints';
import type { Cadre, CadreBody } from '../../../api/types';

interface Values {
  name: string;
  gender?: '男' | '女' | null;
  idNumber: string;
  positions: string[];
  termStart?: Dayjs | null;
  termEnd?: Dayjs | null;
  phone?: string;
  notes?: string;
  relatives?: { name: string; relation: string; idNumber?: string }[];
}

const today = () => dayjs().format('YYYY-MM-DD');

const idRule = (required: boolean) => ({
  validator: async (_r: unknown, v: string | undefined) => {
    if (!v || !v.trim()) {
      if (required) throw new Error('请输入身份证号码');
      return;
    }
    const r = parseIdNumber(v, { today: today() });
    if (!r.ok) throw new Error(r.reason);
  },
});

function toValues(c: Cadre | null): Partial<Values> {
  if (!c) return { positions: [], relatives: [] };
  return {
    name: c.name,
    gender: c.gender,
    idNumber: c.idNumber,
    positions: c.positions,
    termStart: c.termStart ? dayjs(c.termStart) : null,
    termEnd: c.termEnd ? dayjs(c.termEnd) : null,
    phone: c.phone ?? '',
    notes: c.notes,
    relatives: c.relatives.map((r) => ({ name: r.name, relation: r.relation, idNumber: r.idNumber ?? '' })),
  };
}

function toBody(v: Values): CadreBody {
  return {
    name: v.name.trim(),
    gender: v.gender ?? null,
    idNumber: v.idNumber.trim(),
    positions: v.positions,
    termStart: v.termStart ? v.termStart.format('YYYY-MM-DD') : null,
    termEnd: v.termEnd ? v.termEnd.format('YYYY-MM-DD') : null,
    phone: v.phone?.trim() || null,
    notes: v.notes ?? '',
    relatives: (v.relatives ?? []).map((r) => ({ name: r.name.trim(), relation: r.relation.trim(), idNumber: r.idNumber?.trim() || null })),
  };
}

/** Add or edit one cadre with the relatives (亲属) the roster keeps for conflict-of-interest checks. */
export function CadreDrawer({ open, villageCode, cadre, onClose }: { open: boolean; villageCode: string; cadre: Cadre | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(toValues(cadre));
    }
  }, [open, cadre, form]);

  const save = useMutation({
    mutationFn: (body: CadreBody) => (cadre ? registryApi.updateCadre(cadre.id, body) : registryApi.createCadre(villageCode, body)),
    onSuccess: (saved) => {
      void message.success(cadre ? `已保存 ${saved.name} 的信息` : `已新增干部 ${saved.name}`);
      void queryClient.invalidateQueries({ queryKey: keys.village(villageCode) });
      void queryClient.invalidateQueries({ queryKey: ['registry', 'villages'] });
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e),
  });

  const positions = Form.useWatch('positions', form) ?? [];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={cadre ? `编辑干部：${cadre.name}` : '新增干部'}
      size={640}
      destroyOnHidden
      mask={{ closable: !save.isPending }}
      extra={
        <Space>
          <Button onClick={onClose} disabled={save.isPending}>
            取消
          </Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="cadre-save">
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(toBody(v))} disabled={save.isPending} data-testid="cadre-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 40 }]}>
              <Input data-testid="cadre-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="gender" label="性别" extra="不填时按身份证号码推定">
              <Select
                allowClear
                options={[
                  { value: '男', label: '男' },
                  { value: '女', label: '女' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="idNumber" label="身份证号码" required rules={[idRule(true)]} validateTrigger="onBlur">
              <Input
                maxLength={18}
                data-testid="cadre-id-number"
                onBlur={(e) => {
                  const r = parseIdNumber(e.target.value, { today: today() });
                  if (r.ok && !form.getFieldValue('gender')) form.setFieldValue('gender', r.gender);
                }}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="positions"
              label="职务"
              rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个职务' }]}
              extra={isOneShoulder(positions) ? <Typography.Text type="warning">书记兼主任：一肩挑</Typography.Text> : '书记兼任主任时两项都选（一肩挑）'}
            >
              <Select mode="multiple" options={CADRE_POSITIONS.map((p) => ({ value: p, label: p }))} data-testid="cadre-positions" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="termStart" label="任职时间">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="termEnd"
              label="任期届满"
              dependencies={['termStart']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_r, v: Dayjs | null | undefined) => {
                    const start = getFieldValue('termStart') as Dayjs | null | undefined;
                    if (v && start && v.isBefore(start, 'day')) throw new Error('任期届满日期不能早于任职日期');
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label="联系电话" rules={[{ pattern: /^\s*(1\d{10}|0\d{2,3}-?\d{7,8})?\s*$/, message: '电话号码格式不正确' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label="备注">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">亲属（回避与利益冲突核查用）</Divider>
        <Form.List name="relatives">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col span={6}>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
                      <Input placeholder="亲属姓名" />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[f.name, 'relation']} rules={[{ required: true, whitespace: true, message: '请填写关系' }]}>
                      <AutoComplete
                        placeholder="与本人关系"
                        options={RELATIONS.map((r) => ({ value: r }))}
                        filterOption={(input, o) => String(o?.value ?? '').includes(input)}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={10}>
                    <Form.Item name={[f.name, 'idNumber']} rules={[idRule(false)]} validateTrigger="onBlur">
                      <Input placeholder="身份证号码（选填）" maxLength={18} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除亲属" />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ name: '', relation: '', idNumber: '' })}>
                添加亲属
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
