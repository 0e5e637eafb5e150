import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Alert, Button, Card, Form, Input, Select, Space } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { LEAD_AUTHORITIES, LEAD_AUTHORITY_LIST, type LeadAuthority } from '../../../../../domain/leads/lead';
import { applyFieldErrors } from '../../../api/errors';
import { findingBrief, inspectionOptions, leadsApi, type LeadPerson } from '../../../api/leads';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { RefusalAlert } from '../../../components/refusal-alert';
import { PersonsEditor } from '../persons-editor';

interface Values {
  inspectionId?: string;
  summary?: string;
  evidence?: string;
  persons: LeadPerson[];
  authority: LeadAuthority;
  otherBody?: string;
}

/**
 * 登记问题线索: from a finding (`?findingId=` — village, town, summary and persons come from the
 * working paper and may be changed later) or directly on a village inspection of the user's team.
 */
export function LeadNewPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const findingId = params.get('findingId') ?? undefined;
  const [form] = Form.useForm<Values>();
  const inspectionId = Form.useWatch('inspectionId', form);
  const authority = Form.useWatch('authority', form);

  const finding = useQuery({ queryKey: ['findings', 'brief', findingId], queryFn: () => findingBrief(findingId!), enabled: Boolean(findingId) });
  const inspections = useQuery({ queryKey: ['leads', 'inspection-options'], queryFn: inspectionOptions, enabled: !findingId });
  const villageCode = inspections.data?.find((i) => i.value === inspectionId)?.villageCode ?? null;

  const create = useMutation({
    mutationFn: (v: Values) =>
      leadsApi.create({
        ...(findingId ? { findingId } : { inspectionId: v.inspectionId }),
        summary: v.summary?.trim() || undefined,
        evidence: v.evidence ?? '',
        // from a finding, an untouched empty list means "copy the finding's persons"
        persons: findingId && (v.persons ?? []).length === 0 ? undefined : (v.persons ?? []).map((p) => ({ name: p.name, cadreId: p.cadreId ?? null, position: p.position ?? '' })),
        authority: v.authority,
        otherBody: v.authority === 'other' ? v.otherBody : null,
      }),
    onSuccess: (lead) => {
      message.success(`已登记问题线索 ${lead.code}`);
      void navigate(`/leads/${lead.id}`, { replace: true });
    },
    onError: (e) => applyFieldErrors(form, e),
  });

  if (findingId && finding.isError) return <QueryError error={finding.error} />;

  return (
    <PageContainer title="登记问题线索" breadcrumb={[{ title: '问题线索', to: '/leads' }, { title: '登记' }]} testId="lead-new-page">
      <Card>
        <RefusalAlert error={create.error} />
        {findingId && finding.data && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`来自问题底稿 ${finding.data.numberLabel}：${finding.data.title}`}
            description="村（社区）、摘要和被反映人取自该底稿；摘要留空、被反映人不填时照底稿登记，可在草稿中修改。"
          />
        )}
        <Form<Values> form={form} layout="vertical" initialValues={{ authority: 'discipline', persons: [] }} onFinish={(v) => create.mutate(v)} style={{ maxWidth: 820 }}>
          {!findingId && (
            <Form.Item name="inspectionId" label="巡察对象（村级巡察）" rules={[{ required: true, message: '请选择巡察对象' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择本组承担的村（社区）"
                options={inspections.data ?? []}
                loading={inspections.isPending}
                notFoundContent="没有可登记的巡察对象"
                data-testid="lead-inspection"
              />
            </Form.Item>
          )}
          <Form.Item name="summary" label="问题线索摘要" rules={findingId ? [] : [{ required: true, whitespace: true, message: '请填写问题线索摘要' }]}>
            <Input.TextArea rows={4} maxLength={4000} showCount placeholder={findingId ? '留空则取问题底稿的标题和描述' : '反映的主要问题：何人、何时、何事、涉及金额'} data-testid="lead-summary" />
          </Form.Item>
          <Form.Item name="evidence" label="证据材料" extra="每行或用“；”分隔一项，移交函中逐项列出">
            <Input.TextArea rows={3} maxLength={8000} placeholder="如：谈话记录摘录；补贴发放花名册复印件" />
          </Form.Item>
          <Form.Item label="被反映人" extra={findingId ? '不填则照问题底稿的责任人登记' : '移交前至少登记一人'}>
            <PersonsEditor form={form} villageCode={villageCode} />
          </Form.Item>
          <Form.Item name="authority" label="拟移交方向（按干部管理权限）" rules={[{ required: true, message: '请选择移交方向' }]}>
            <Select options={LEAD_AUTHORITY_LIST.map((a) => ({ value: a, label: LEAD_AUTHORITIES[a] }))} style={{ width: 260 }} data-testid="lead-authority" />
          </Form.Item>
          {authority === 'other' && (
            <Form.Item name="otherBody" label="接收机关" rules={[{ required: true, whitespace: true, message: '请填写接收机关名称' }]}>
              <Input maxLength={100} placeholder="如：县人民法院、县公安局" />
            </Form.Item>
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="lead-create">
              保存为草稿
            </Button>
            <Button onClick={() => void navigate('/leads')}>取消</Button>
          </Space>
        </Form>
      </Card>
    </PageContainer>
  );
}
