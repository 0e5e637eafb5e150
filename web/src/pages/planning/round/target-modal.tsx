import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, InputNumber, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { INSPECTION_MODE_DESCRIPTIONS, INSPECTION_MODE_LIST, INSPECTION_MODES, type InspectionMode } from '../../../../../domain/planning/modes';
import { applyFieldErrors } from '../../../api/errors';
import { accessApi, keys, registryApi } from '../../../api/endpoints';
import { planningApi, planningKeys, type RoundDetail, type Target } from '../../../api/planning';
import { TownSelect } from '../shared/county-select';
import { RefusalAlert } from '../../../components/refusal-alert';

type Kind = 'village' | 'town' | 'department';

interface Values {
  kind: Kind;
  code?: string;
  mode: InspectionMode;
  importance: 'key' | 'ordinary';
  minWorkingDays?: number | null;
  villageCodes?: string[];
  teamId?: string | null;
}

/** Villages of the county found by name, code or pinyin initials; `known` names the ones already chosen. */
function VillageSearch({
  county,
  town,
  multiple,
  value,
  onChange,
  known = [],
}: {
  county: string;
  town?: string;
  multiple?: boolean;
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  known?: { code: string; name: string }[];
}) {
  const [q, setQ] = useState('');
  const filter = { county, town, q: q || undefined, page: 1, pageSize: town ? 500 : 50 };
  const villages = useQuery({ queryKey: keys.villages(filter), queryFn: () => registryApi.villages(filter) });
  const options = new Map<string, string>(known.map((k) => [k.code, k.name]));
  for (const v of villages.data?.items ?? []) options.set(v.code, town ? v.name : `${v.name}（${v.townName}）`);
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入名称、代码或拼音首字母查找"
      loading={villages.isFetching}
      options={[...options].map(([code, name]) => ({ value: code, label: name }))}
      data-testid={multiple ? 'target-villages' : 'target-village'}
    />
  );
}

/** Add a target (village, town, department) or change one: mode, importance, minimum days, villages, team. */
export function TargetModal({ open, round, target, onClose }: { open: boolean; round: RoundDetail; target: Target | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [refusal, setRefusal] = useState<unknown>(null);
  const kind = (Form.useWatch('kind', form) ?? target?.kind ?? 'village') as Kind;
  const code = Form.useWatch('code', form);
  const importance = Form.useWatch('importance', form) ?? 'ordinary';
  const departments = useQuery({
    queryKey: ['planning', 'organisations', 'department'],
    queryFn: () => organisationsOfKind('department'),
    enabled: open && kind === 'department',
  });

  useEffect(() => {
    if (!open) return;
    setRefusal(null);
    form.resetFields();
    form.setFieldsValue(
      target
        ? {
            kind: target.kind,
            code: target.code,
            mode: target.mode,
            importance: target.importance,
            minWorkingDays: target.ownMinWorkingDays,
            villageCodes: target.kind === 'village' ? [] : target.villages.map((v) => v.code),
            teamId: target.teamId,
          }
        : { kind: 'village', mode: 'direct', importance: 'ordinary', villageCodes: [], teamId: null },
    );
  }, [open, target, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = {
        mode: v.mode,
        importance: v.importance,
        minWorkingDays: v.minWorkingDays ?? null,
        villageCodes: v.kind === 'village' ? [] : (v.villageCodes ?? []),
        teamId: v.teamId ?? null,
      };
      return target ? planningApi.updateTarget(round.id, target.id, common) : planningApi.addTarget(round.id, { kind: v.kind, code: v.code ?? '', ...common });
    },
    meta: { silent: true },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: planningKeys.round(round.id) });
      void message.success(target ? `已保存${saved.name}` : `已添加巡察对象${saved.name}`);
      if (saved.warnings.length > 0) void message.warning(`请核实：${saved.warnings.join('；')}`, 8);
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) setRefusal(e);
    },
  });

  const modes = INSPECTION_MODE_LIST.filter((m) => (kind === 'department') === (m === 'department_with_villages'));
  const county = round.countyCode;

  return (
    <Modal
      open={open}
      title={target ? `编辑巡察对象：${target.name}` : '添加巡察对象'}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      <RefusalAlert error={refusal} onClose={() => setRefusal(null)} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        onValuesChange={(changed: Partial<Values>) => {
          if ('kind' in changed) form.setFieldsValue({ code: undefined, villageCodes: [], mode: changed.kind === 'department' ? 'department_with_villages' : 'direct' });
          if ('code' in changed && kind === 'town') form.setFieldsValue({ villageCodes: [] });
        }}
        data-testid="target-form"
      >
        <Form.Item name="kind" label="对象类型">
          <Radio.Group
            disabled={!!target}
            options={[
              { value: 'village', label: '村（社区）' },
              { value: 'town', label: '乡镇（街道）' },
              { value: 'department', label: '职能部门' },
            ]}
          />
        </Form.Item>
        <Form.Item name="code" label="巡察对象" rules={[{ required: true, message: '请选择巡察对象' }]}>
          {kind === 'village' ? (
            target ? (
              <Select disabled options={[{ value: target.code, label: target.name }]} />
            ) : (
              <VillageSearch county={county} />
            )
          ) : kind === 'town' ? (
            <TownSelect county={county} allowClear={false} />
          ) : (
            <Select
              disabled={!!target}
              placeholder="选择职能部门"
              loading={departments.isPending}
              options={(departments.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              notFoundContent="尚无职能部门组织，请在“组织机构”中添加"
            />
          )}
        </Form.Item>
        <Form.Item name="mode" label="巡察方式" rules={[{ required: true, message: '请选择巡察方式' }]}>
          <Select options={modes.map((m) => ({ value: m, label: INSPECTION_MODES[m], title: INSPECTION_MODE_DESCRIPTIONS[m] }))} optionRender={(o) => <span title={INSPECTION_MODE_DESCRIPTIONS[o.value as InspectionMode]}>{o.label}</span>} />
        </Form.Item>
        <Form.Item name="importance" label="类别">
          <Radio.Group
            options={[
              { value: 'key', label: '重点' },
              { value: 'ordinary', label: '一般' },
            ]}
          />
        </Form.Item>
        <Form.Item name="minWorkingDays" label="最少驻点工作日" extra={`不填按本轮标准：${importance === 'key' ? '重点' : '一般'}村（社区）${round.onSitePolicy[importance as 'key' | 'ordinary']} 个工作日`}>
          <InputNumber min={1} max={120} suffix="个工作日" style={{ width: 200 }} />
        </Form.Item>
        {kind !== 'village' && (
          <Form.Item
            name="villageCodes"
            label={kind === 'town' ? '延伸巡察的村（社区）' : '政策涉及、延伸巡察的村（社区）'}
            rules={kind === 'department' ? [{ required: true, type: 'array', min: 1, message: '请选择该部门延伸巡察的村（社区）' }] : []}
            extra={kind === 'town' ? '巡镇带村、镇村一体巡时选择本镇（街道）所辖的村（社区）；每个村（社区）生成一项村级巡察' : undefined}
          >
            {kind === 'town' && !code ? (
              <Select mode="multiple" disabled placeholder="请先选择乡镇（街道）" />
            ) : (
              <VillageSearch county={county} town={kind === 'town' ? code : undefined} multiple known={target?.villages.map((v) => ({ code: v.code, name: v.name })) ?? []} />
            )}
          </Form.Item>
        )}
        <Form.Item name="teamId" label="巡察组" extra="分配时对组内每名成员进行回避审查">
          <Select allowClear placeholder="暂不分配" options={round.teams.map((t) => ({ value: t.id, label: t.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Organisations of a kind in scope (职能部门 for targets, 巡察组 for teams). */
export async function organisationsOfKind(kind: 'department' | 'team') {
  const list = await accessApi.organisations();
  return list.items.filter((o) => o.kind === kind && !o.disabled);
}
