import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Form, Input, Select, Typography, type FormInstance } from 'antd';
import { keys, registryApi } from '../../api/endpoints';
import type { LeadPerson } from '../../api/leads';

/**
 * 被反映人: picked from the village's cadre roster (registry) or entered freely. Edits the form's
 * `persons` list; a picked cadre keeps its id so outcomes can be traced back to the roster.
 */
export function PersonsEditor({ form, villageCode }: { form: FormInstance; villageCode: string | null }) {
  const cadres = useQuery({
    queryKey: keys.cadres(villageCode ?? ''),
    queryFn: () => registryApi.cadres(villageCode!),
    enabled: Boolean(villageCode),
  });
  const pick = (id: string, addRow: (p: LeadPerson) => void) => {
    const c = cadres.data?.items.find((x) => x.id === id);
    if (!c) return;
    const list: LeadPerson[] = form.getFieldValue('persons') ?? [];
    if (list.some((p) => p.cadreId === c.id || p.name === c.name)) return;
    addRow({ name: c.name, cadreId: c.id, position: c.positions.join('、') });
  };
  return (
    <Form.List name="persons">
      {(fields, { add: addRow, remove }) => (
        <div data-testid="persons-editor">
          {fields.map((f) => (
            <Flex key={f.key} gap={8} align="baseline">
              <Form.Item name={[f.name, 'cadreId']} hidden>
                <Input />
              </Form.Item>
              <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写姓名' }]} style={{ flex: 1 }}>
                <Input placeholder="姓名" maxLength={40} data-testid="person-name" />
              </Form.Item>
              <Form.Item name={[f.name, 'position']} style={{ flex: 2 }}>
                <Input placeholder="职务（如 村党支部书记）" maxLength={80} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() =>
                  form.getFieldValue(['persons', f.name, 'cadreId']) ? (
                    <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                      干部名册
                    </Typography.Text>
                  ) : null
                }
              </Form.Item>
              <Button icon={<DeleteOutlined />} type="text" danger aria-label="移除" onClick={() => remove(f.name)} />
            </Flex>
          ))}
          <Flex gap={8} wrap>
            {villageCode && (
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="从本村干部名册选择"
                value={null}
                onChange={(v: string) => pick(v, addRow)}
                loading={cadres.isPending}
                options={(cadres.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.positions.join('、') || '无职务'}）` }))}
                notFoundContent="名册中没有干部"
                style={{ width: 260 }}
                data-testid="cadre-picker"
              />
            )}
            <Button icon={<PlusOutlined />} onClick={() => addRow({ name: '', cadreId: null, position: '' })} data-testid="person-add">
              手动添加被反映人
            </Button>
          </Flex>
        </div>
      )}
    </Form.List>
  );
}
