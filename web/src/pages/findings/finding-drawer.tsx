import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Col, DatePicker, Divider, Drawer, Flex, Form, Input, Row, Select, Space, Typography, type SelectProps } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { FINDING_CATEGORIES, FINDING_CATEGORY_LIST, FINDING_SOURCE_LIST, FINDING_SOURCES } from '../../../../domain/findings/finding';
import { checklistKeys, checklistsApi } from '../../api/checklists';
import { keys, registryApi } from '../../api/endpoints';
import { applyFieldErrors } from '../../api/errors';
import { findingKeys, findingsApi, type FindingDetail, type TownTargetOption } from '../../api/findings';
import { inspectionKeys, inspectionsApi, type InspectionRow } from '../../api/inspections';
import { RefusalAlert } from '../../components/refusal-alert';
import { checkFindingForm, findingBody, findingFormValues, TOWN_PREFIX, townTargetOf, type FindingFormValues } from './finding-form';

export interface FindingVillage {
  inspectionId: string;
  villageCode: string;
  villageName: string;
}

const CATEGORY_OPTIONS = FINDING_CATEGORY_LIST.map((c) => ({ value: c, label: FINDING_CATEGORIES[c] }));
const SOURCE_OPTIONS = FINDING_SOURCE_LIST.map((s) => ({ value: s, label: FINDING_SOURCES[s] }));
const today = () => dayjs().format('YYYY-MM-DD');

/** The picker's options: the team's village inspections, and the town targets for 乡镇层面问题 when there are any. */
function placeOptions(items: InspectionRow[], towns: TownTargetOption[]): SelectProps['options'] {
  const villages = items.map((i) => ({ value: i.id, label: `${i.roundLabel} · ${i.townName} · ${i.villageName}` }));
  if (towns.length === 0) return villages;
  return [
    { label: '村（社区）', options: villages },
    { label: '乡镇层面问题', options: towns.map((t) => ({ value: `${TOWN_PREFIX}${t.id}`, label: `${t.roundLabel} · ${t.name}（乡镇层面）` })) },
  ];
}

/**
 * Write or edit one working paper (问题底稿). From the workspace the village is fixed; from the list the
 * writer picks one of the team's villages. The checklist item comes from that village's list (items
 * marked 发现问题 first); people responsible are picked from the village's cadres or entered by hand.
 */
export function FindingDrawer({
  open,
  finding,
  village,
  checklistItemId,
  onClose,
  onSaved,
}: {
  open: boolean;
  finding: FindingDetail | null;
  village?: FindingVillage;
  checklistItemId?: string;
  onClose: () => void;
  onSaved?: (f: FindingDetail) => void;
}) {
  const [form] = Form.useForm<FindingFormValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);

  // fill the form once per opening: later re-renders of the page (refetches, a new `village` object) must not wipe what is typed
  const villageInspection = village?.inspectionId;
  useEffect(() => {
    if (open) {
      setError(null);
      form.resetFields();
      form.setFieldsValue(findingFormValues(finding, { inspectionId: villageInspection, checklistItemId }));
    }
  }, [open, finding?.id, finding?.version, villageInspection, checklistItemId, form]);

  const fixedInspection = finding?.inspectionId ?? village?.inspectionId;
  const inspections = useQuery({
    queryKey: inspectionKeys.list({ page: 1, pageSize: 500 }),
    queryFn: () => inspectionsApi.list({ page: 1, pageSize: 500 }),
    enabled: open && !finding && !village,
  });
  const towns = useQuery({ queryKey: findingKeys.townTargets, queryFn: findingsApi.townTargets, enabled: open && !finding && !village });
  const picked = Form.useWatch('inspectionId', form);
  // a town-level problem is written on the town target itself: no village, no village checklist or cadres
  const townTarget = townTargetOf(picked);
  const chosen = townTarget ? undefined : (picked ?? fixedInspection);
  const villageCode = finding?.villageCode ?? village?.villageCode ?? inspections.data?.items.find((i) => i.id === chosen)?.villageCode;
  const checklist = useQuery({
    queryKey: checklistKeys.inspection(chosen ?? ''),
    queryFn: () => checklistsApi.inspectionChecklist(chosen!),
    enabled: open && Boolean(chosen),
  });
  const cadres = useQuery({ queryKey: keys.cadres(villageCode ?? ''), queryFn: () => registryApi.cadres(villageCode!), enabled: open && Boolean(villageCode) });
  const immediate = Form.useWatch('immediate', form);

  const items = [...(checklist.data?.items ?? [])].sort((a, b) => Number(b.result === 'problem_found') - Number(a.result === 'problem_found'));
  const itemOptions = items.map((i) => ({
    value: i.id,
    label: `${i.result === 'problem_found' ? '【发现问题】' : ''}${i.aspect} · ${i.title}`,
  }));
  const cadreOptions = (cadres.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.positions.join('、') || '无职务'}）` }));

  const save = useMutation({
    mutationFn: (values: FindingFormValues) => {
      const body = findingBody(values, fixedInspection);
      return finding ? findingsApi.update(finding.id, { ...body, version: finding.version }) : findingsApi.create(body);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: findingKeys.all });
      void message.success(finding ? '已保存问题底稿' : `已新建问题底稿${saved.numberLabel}`);
      onSaved?.(saved);
      onClose();
    },
    onError: (e) => {
      applyFieldErrors(form, e);
      setError(e);
    },
  });

  const submit = async () => {
    const values = await form.validateFields();
    const problems = checkFindingForm(findingBody(values, fixedInspection), today());
    if (problems.length > 0) {
      form.setFields(problems as Parameters<typeof form.setFields>[0]);
      return;
    }
    setError(null);
    save.mutate(values);
  };

  const pickCadre = (index: number, cadreId: string | undefined) => {
    const c = cadres.data?.items.find((x) => x.id === cadreId);
    if (c) form.setFieldValue(['responsible', index], { cadreId: c.id, name: c.name, position: c.positions.join('、') });
    else form.setFieldValue(['responsible', index, 'cadreId'], null);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      title={finding ? `修改问题底稿 ${finding.numberLabel}` : '新建问题底稿（一事一底稿）'}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void submit()} data-testid="finding-save">
            保存
          </Button>
        </Space>
      }
    >
      <RefusalAlert error={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" data-testid="finding-form">
        {finding || village ? (
          <Form.Item label={finding && !finding.villageCode ? '乡镇' : '村（社区）'}>
            <Typography.Text strong>{finding?.villageName ?? village?.villageName ?? finding?.townName}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item
            name="inspectionId"
            label="村（社区）或乡镇"
            rules={[{ required: true, message: '请选择问题所在的村（社区）或乡镇' }]}
            extra={townTarget ? '乡镇层面的问题挂在乡镇巡察对象上，不对应村级监督清单；责任人请手工填写' : undefined}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="本组巡察的村（社区），或镇村一体、巡镇带村的乡镇"
              loading={inspections.isPending}
              options={placeOptions(inspections.data?.items ?? [], towns.data?.items ?? [])}
              onChange={() => form.setFieldsValue({ checklistItemId: null, responsible: [] })}
              data-testid="finding-inspection"
            />
          </Form.Item>
        )}
        <Form.Item name="title" label="问题名称" rules={[{ required: true, message: '请填写问题名称' }]}>
          <Input maxLength={100} showCount placeholder="如：村集体资金支出未经“四议两公开”程序" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="category" label="问题类别（三大问题）" rules={[{ required: true, message: '请选择问题类别（三大问题）' }]}>
              <Select options={CATEGORY_OPTIONS} placeholder="请选择" data-testid="finding-category" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="source" label="问题来源" rules={[{ required: true, message: '请选择问题来源' }]}>
              <Select options={SOURCE_OPTIONS} placeholder="请选择" data-testid="finding-source" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item name="checklistItemId" label="对应监督清单事项" extra={chosen && itemOptions.length === 0 && !checklist.isPending ? '本村尚无监督清单' : '检查结果为“发现问题”的事项排在前面'}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                disabled={!chosen}
                loading={checklist.isFetching}
                options={itemOptions}
                placeholder="可不选"
                onChange={(id?: string) => {
                  const item = items.find((i) => i.id === id);
                  if (item && !form.getFieldValue('aspect')) form.setFieldValue('aspect', item.aspect);
                }}
                data-testid="finding-checklist-item"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="aspect" label="清单方面">
              <Input maxLength={60} placeholder="如：三资管理" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label="问题描述" rules={[{ required: true, message: '请填写问题描述' }]}>
          <Input.TextArea rows={5} maxLength={10000} showCount placeholder="时间、事实经过、涉及人员和金额、违反的规定" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="amount" label="涉及金额">
              <Input suffix="元" inputMode="decimal" placeholder="无则不填" data-testid="finding-amount" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="foundOn" label="发现日期" rules={[{ required: true, message: '请选择发现日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="place" label="发现地点">
              <Input maxLength={200} placeholder="如：村委会档案室" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">责任人</Divider>
        <Form.List name="responsible">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item name={[field.name, 'cadreId']} style={{ width: 230 }}>
                    <Select
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder={villageCode ? '从本村干部名册选择' : '手工填写'}
                      options={cadreOptions}
                      disabled={!villageCode}
                      onChange={(v?: string) => pickCadre(field.name, v)}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} style={{ width: 140 }}>
                    <Input placeholder="姓名" maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'position']} style={{ flex: 1 }}>
                    <Input placeholder="职务" maxLength={60} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label="移除责任人" onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ cadreId: null, name: '', position: '' })} data-testid="finding-add-responsible">
                添加责任人
              </Button>
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">立行立改</Divider>
        <Form.Item name="immediate" valuePropName="checked">
          <Checkbox data-testid="finding-immediate">本问题列为立行立改事项（发出立行立改通知书）</Checkbox>
        </Form.Item>
        {immediate && (
          <>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="immediateNoticeNo" label="立行立改通知书文号" rules={[{ required: true, message: '立行立改事项须填写立行立改通知书文号' }]}>
                  <Input maxLength={60} placeholder="如：溧巡立改〔2026〕3号" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="immediateFixedOn" label="整改完成日期" extra="整改完成后填写">
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="immediateFix" label="整改情况">
              <Input.TextArea rows={3} maxLength={5000} placeholder="采取的措施和结果，如：违规资金已于当日退回村集体账户" />
            </Form.Item>
          </>
        )}
      </Form>
    </Drawer>
  );
}
