import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Tabs, Tag } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { inspectionKeys, inspectionsApi } from '../../../api/inspections';
import { PageContainer } from '../../../components/page-container';
import { PageLoading, QueryError } from '../../../components/query-state';
import { InspectionChecklistPanel } from '../../checklists/inspection-checklist/inspection-checklist-panel';
import { InspectionFindingsTab } from '../../findings/inspection-findings-tab';
import { phaseAllowsFindings } from '../../../../../domain/findings/review';
import { useAccess } from '../../../session/session';
import { InspectionStatusTag } from '../inspection-status-tag';
import { PreFileTab } from './pre-file-tab';
import { ProgressOverview } from './progress-overview';
import { RecordsTab } from './records-tab';
import { StepsTab } from './steps-tab';
import { TransitionActions } from './transition-actions';
import { readOnlyReason } from './workspace-state';

const TABS = ['steps', 'records', 'checklist', 'pre-file', 'findings'] as const;

/** 村级巡察工作台: one village's inspection — progress, steps, work records, checklist and pre-inspection file. */
export function InspectionPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const access = useAccess();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t === params.get('tab')) ?? 'steps';
  const workspace = useQuery({ queryKey: inspectionKeys.workspace(id), queryFn: () => inspectionsApi.workspace(id) });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/inspections')}>
      返回村级巡察列表
    </Button>
  );

  if (workspace.isPending) return <PageLoading />;
  if (workspace.isError) {
    return (
      <PageContainer title="村级巡察工作台" testId="inspection-page">
        <QueryError error={workspace.error} onRetry={() => void workspace.refetch()} extra={back} />
      </PageContainer>
    );
  }
  const ws = workspace.data;
  const { inspection: insp, round, target, team } = ws;
  const roundLabel = `${round.year}年第${round.number}轮`;
  const readOnly = readOnlyReason(ws, access.can('inspections.work'));
  const editable = readOnly === null;

  return (
    <PageContainer
      testId="inspection-page"
      documentTitle={`${insp.villageName} - 村级巡察`}
      title={
        <Space wrap>
          <span data-testid="inspection-title">{insp.villageName}</span>
          <InspectionStatusTag status={insp.status} name={insp.statusName} />
          {target.importance === 'key' && <Tag color="volcano">{target.importanceName}</Tag>}
        </Space>
      }
      subTitle={`${insp.townName} · ${roundLabel}${round.theme ? `（${round.theme}）` : ''} · ${round.phaseName}阶段`}
      breadcrumb={[{ title: '村级巡察', to: '/inspections' }, { title: insp.villageName }]}
      extra={<TransitionActions ws={ws} />}
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'round', label: '轮次', children: `${roundLabel}（${round.phaseName}）` },
            { key: 'mode', label: '巡察方式', children: target.modeName },
            { key: 'team', label: '巡察组', children: team?.name ?? '未分配' },
            { key: 'target', label: '巡察对象', children: target.kind === 'village' ? '本村（社区）' : target.name },
            { key: 'period', label: '巡察时间', children: round.startDate ? `${round.startDate} 至 ${round.endDate ?? '—'}` : '未定' },
            { key: 'households', label: '户数', children: insp.households ?? '未登记' },
            { key: 'min', label: '最低在村工作日', children: `${insp.minWorkingDays} 个工作日` },
            { key: 'code', label: '区划代码', children: insp.villageCode },
          ]}
        />
      </Card>
      {ws.canWork && insp.status === 'not_started' && (
        <Alert type="info" showIcon title="本村巡察尚未开始：点击“开始巡察”，或直接登记第一个工作环节、工作记录，即转为进行中" style={{ marginBottom: 16 }} />
      )}
      {readOnly && <Alert type="warning" showIcon icon={<LockOutlined />} title={readOnly} style={{ marginBottom: 16 }} data-testid="read-only-reason" />}
      <ProgressOverview ws={ws} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'steps' ? {} : { tab: k }, { replace: true })}
          items={[
            { key: 'steps', label: '工作环节', children: <StepsTab ws={ws} editable={editable} /> },
            { key: 'records', label: '工作记录', children: <RecordsTab ws={ws} editable={editable} /> },
            {
              key: 'checklist',
              label: ws.checklist.total === 0 ? '监督清单' : `监督清单（${ws.checklist.total - ws.checklist.notChecked}/${ws.checklist.total}）`,
              children: <InspectionChecklistPanel inspectionId={insp.id} onChanged={() => void queryClient.invalidateQueries({ queryKey: inspectionKeys.workspace(insp.id) })} />,
            },
            { key: 'pre-file', label: '巡前资料', children: <PreFileTab inspectionId={insp.id} canEdit={access.can('planning.write')} townTarget={target.kind !== 'village'} /> },
            ...(access.can('findings.read')
              ? [
                  {
                    key: 'findings',
                    label: '问题底稿',
                    children: <InspectionFindingsTab village={{ inspectionId: insp.id, villageCode: insp.villageCode, villageName: insp.villageName }} canWrite={access.can('findings.write') && phaseAllowsFindings(round.phase)} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </PageContainer>
  );
}
