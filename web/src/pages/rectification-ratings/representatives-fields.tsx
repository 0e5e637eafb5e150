import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space } from 'antd';
import { REPRESENTATIVE_CATEGORIES, REPRESENTATIVE_CATEGORY_LIST, type RepresentativeCategory } from '../../../../domain/rectification/rating';
import type { RepresentativeInput } from '../../../../domain/rectification/inputs';

export interface RepresentativeRow {
  name?: string;
  category?: RepresentativeCategory;
  phone?: string;
}

export const toRepresentatives = (rows: RepresentativeRow[] = []): RepresentativeInput[] =>
  rows.map((r) => ({ name: (r.name ?? '').trim(), category: r.category!, phone: r.phone?.trim() ? r.phone.trim() : null }));

const categoryOptions = REPRESENTATIVE_CATEGORY_LIST.map((c) => ({ value: c, label: REPRESENTATIVE_CATEGORIES[c] }));

/** Named mass representatives: name, category (老党员 … 乡镇企业主) and an optional mobile number. */
export function RepresentativesFields({ name = 'representatives' }: { name?: string }) {
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_r, rows?: RepresentativeRow[]) => {
            if (!rows || rows.length === 0) throw new Error('请至少添加一名群众代表');
            const names = rows.map((r) => r?.name?.trim()).filter(Boolean);
            if (new Set(names).size !== names.length) throw new Error('群众代表姓名不能重复（同名请注明区别）');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((f) => (
            <Space key={f.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
              <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写群众代表姓名' }]}>
                <Input placeholder="姓名" maxLength={40} style={{ width: 140 }} aria-label="群众代表姓名" />
              </Form.Item>
              <Form.Item name={[f.name, 'category']} rules={[{ required: true, message: '请选择代表类别' }]}>
                <Select placeholder="代表类别" options={categoryOptions} style={{ width: 150 }} aria-label="代表类别" />
              </Form.Item>
              <Form.Item name={[f.name, 'phone']} rules={[{ pattern: /^1\d{10}$/, message: '手机号码应为 11 位数字' }]}>
                <Input placeholder="手机号码（可不填）" maxLength={11} style={{ width: 170 }} aria-label="手机号码" />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除该代表" />
            </Space>
          ))}
          <Form.Item>
            <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>
              添加群众代表
            </Button>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}
