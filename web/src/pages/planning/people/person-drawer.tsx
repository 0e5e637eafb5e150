import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Button, Col, Divider, Drawer, Form, Input, Row, Select, Space } from 'antd';
import { useEffect } from 'react';
import { EXPERTISE_SUGGESTIONS, type PersonInput } from '../../../../../domain/planning/requests';
import { RELATIONS } from '../../../../../domain/registry/cadre';
import { parseIdNumber } from '../../../../../domain/shared/id-number';
import { applyFieldErrors } from '../../../api/errors';
import { planningApi, type Person } from '../../../api/planning';
import { CountySelect, TownSelect, useDefaultCounty, useNeedsCounty } from '../shared/county-select';

interface Values {
  countyCode?: string;
  name: string;
  gender?: '男' | '女' | null;
  idNumber?: string;
  unit?: string;
  position?: string;
  expertise?: string[];
  homeTownCode?: string | null;
  workTownCode?: string | null;
  phone?: string;
  notes?: string;
  relatives?: { name: string; relation: string; idNumber?: string }[];
}

const idRule = {
  validator: async (_r: unknown, v: string | undefined) => {
    if (!v || !v.trim()) return;
    const r = parseIdNumber(v);
    if (!r.ok) throw new Error(r.reason);
  },
};

/** Add or edit a person with the relatives he declares (for 回避). */
export function PersonDrawer({ open, person, onClose }: { open: boolean; person: Person | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const needsCounty = useNeedsCounty() && !person;
  const defaultCounty = useDefaultCounty();
  const chosenCounty = Form.useWatch('countyCode', form);
  const county = person?.countyCode ?? chosenCounty ?? (needsCounty ? undefined : defaultCounty);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      person
        ? {
            name: person.name,
            gender: person.gender,
            idNumber: person.idNumber ?? '',
            unit: person.unit,
            position: person.position,
            expertise: person.expertise,
            homeTownCode: person.homeTownCode,
            workTownCode: person.workTownCode,
            phone: person.phone ?? '',
            notes: person.notes,
            relatives: person.relatives.map((r) => ({ name: r.name, relation: r.relation, idNumber: r.idNumber ?? '' })),
          }
        : { expertise: [], relatives: [] },
    );
  }, [open, person, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: PersonInput = {
        ...(v.countyCode ? { countyCode: v.countyCode } : {}),
        name: v.name.trim(),
        gender: v.gender ?? null,
        idNumber: v.idNumber?.trim() || null,
        unit: v.unit?.trim() ?? '',
        position: v.position?.trim() ?? '',
        expertise: v.expertise ?? [],
        homeTownCode: v.homeTownCode ?? null,
        workTownCode: v.workTownCode ?? null,
        phone: v.phone?.trim() || null,
        notes: v.notes ?? '',
        relatives: (v.relatives ?? []).map((r) => ({ name: r.name.trim(), relation: r.relation.trim(), idNumber: r.idNumber?.trim() || null })),
      };
      return person ? planningApi.updatePerson(person.id, body) : planningApi.createPerson(body);
    },
    onSuccess: (saved) => {
      void message.success(person ? `已保存${saved.name}` : `已新增${saved.name}`);
      void queryClient.invalidateQueries({ queryKey: ['planning', 'people'] });
      void queryClient.invalidateQueries({ queryKey: ['planning', 'round'] });
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e),
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={person ? `编辑人员：${person.name}` : '新增人员'}
      size={640}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="person-save">
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="person-form">
        {needsCounty && (
          <Form.Item name="countyCode" label="所属区县人员库" rules={[{ required: true, message: '请选择区县' }]}>
            <CountySelect />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 40 }]}>
              <Input data-testid="person-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="gender" label="性别">
              <Select allowClear options={[{ value: '男', label: '男' }, { value: '女', label: '女' }]} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="idNumber" label="身份证号码" rules={[idRule]} validateTrigger="onBlur" extra="用于与村干部及其亲属比对回避">
              <Input maxLength={18} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label="联系电话">
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="unit" label="单位" rules={[{ max: 100 }]}>
              <Input placeholder="如：县委组织部" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="position" label="职务" rules={[{ max: 60 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="expertise" label="专长类别" extra="可选择，也可直接输入后回车">
              <Select mode="tags" options={EXPERTISE_SUGGESTIONS.map((x) => ({ value: x, label: x }))} data-testid="person-expertise" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="homeTownCode" label="家乡（乡镇、街道）" extra="不得巡察家乡所在乡镇">
              <TownSelect county={county} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="workTownCode" label="工作所在乡镇（街道）" extra="交叉巡察时不得巡察本镇">
              <TownSelect county={county} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label="备注">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">申报的亲属</Divider>
        <Form.List name="relatives">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col span={6}>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
                      <Input placeholder="姓名" />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[f.name, 'relation']} rules={[{ required: true, whitespace: true, message: '请填写关系' }]}>
                      <AutoComplete placeholder="关系" options={RELATIONS.map((r) => ({ value: r }))} />
                    </Form.Item>
                  </Col>
                  <Col span={10}>
                    <Form.Item name={[f.name, 'idNumber']} rules={[idRule]} validateTrigger="onBlur">
                      <Input placeholder="身份证号码（建议填写）" maxLength={18} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', relation: '', idNumber: '' })} block>
                添加亲属
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
