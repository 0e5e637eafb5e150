import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, Card, Col, Flex, Progress, Row, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { GroupCoverage, Workspace } from '../../../api/inspections';

const pct = (done: number, of: number) => (of <= 0 ? 100 : Math.min(100, Math.round((done / of) * 100)));

function Measure({ label, value, percent, ok, extra, testId }: { label: string; value: ReactNode; percent: number | null; ok: boolean; extra?: ReactNode; testId: string }) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={testId}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div style={{ fontSize: 22, fontWeight: 600, margin: '4px 0', color: ok ? '#389e0d' : undefined }}>{value}</div>
      {percent !== null && <Progress percent={percent} size="small" showInfo={false} status={ok ? 'success' : 'active'} />}
      {extra}
    </Card>
  );
}

function Coverage({ label, group, testId, required }: { label: string; group: GroupCoverage; testId: string; required: boolean }) {
  const all = group.covered.length + group.missing.length;
  return (
    <Measure
      testId={testId}
      label={required ? `${label}（本轮必须）` : label}
      value={`${group.covered.length} / ${all} 类`}
      percent={null}
      ok={group.missing.length === 0}
      extra={
        <Flex gap={4} wrap>
          {group.covered.map((r) => (
            <Tag key={r} color="success" icon={<CheckCircleFilled />}>
              {r}
            </Tag>
          ))}
          {group.missing.map((r) => (
            <Tag key={r} title="尚未谈到">
              {r}
            </Tag>
          ))}
        </Flex>
      }
    />
  );
}

/** 进度概览: the measures of completion, and every condition not yet met (the same list the server checks). */
export function ProgressOverview({ ws }: { ws: Workspace }) {
  const mandatory = ws.steps.filter((s) => s.requirement === 'mandatory');
  const mandatoryDone = mandatory.filter((s) => s.doneOn).length;
  const { days, visits, checklist } = ws;
  const checked = checklist.total - checklist.notChecked;
  return (
    <Card title="进度概览" size="small" style={{ marginBottom: 16 }} data-testid="progress-overview">
      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} xl={4}>
          <Measure
            testId="measure-steps"
            label="必经环节"
            value={`${mandatoryDone} / ${mandatory.length}`}
            percent={pct(mandatoryDone, mandatory.length)}
            ok={mandatoryDone === mandatory.length}
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Measure
            testId="measure-days"
            label="在村工作日"
            value={`${days.workingDays} / ${days.minimum} 天`}
            percent={pct(days.workingDays, days.minimum)}
            ok={days.workingDays >= days.minimum}
            extra={
              days.dates.length > days.workingDays && (
                <Typography.Text type="secondary" title={days.dates.join('、')}>
                  已记录 {days.dates.length} 天，其中 {days.dates.length - days.workingDays} 天为周末或节假日，不计入
                </Typography.Text>
              )
            }
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Measure
            testId="measure-visits"
            label={`走访农户（应走访 ${visits.percent}%）`}
            value={visits.quota === null ? `${visits.visited} 户` : `${visits.visited} / ${visits.quota} 户`}
            percent={visits.quota === null ? null : pct(visits.visited, visits.quota)}
            ok={visits.quota !== null && visits.visited >= visits.quota}
            extra={visits.quota === null && <Typography.Text type="warning">未登记户数，无法核定应走访户数</Typography.Text>}
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Coverage testId="measure-san-lao" label="“三老”谈话覆盖" group={ws.talks.sanLao} required={ws.talkCoverageRequired} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Coverage testId="measure-liang-di" label="“两低”谈话覆盖" group={ws.talks.liangDi} required={ws.talkCoverageRequired} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Measure
            testId="measure-checklist"
            label="监督清单已检查"
            value={checklist.total === 0 ? '未制定' : `${checked} / ${checklist.total} 项`}
            percent={checklist.total === 0 ? 0 : pct(checked, checklist.total)}
            ok={checklist.total > 0 && checklist.notChecked === 0}
            extra={
              checklist.problemFound > 0 && <Typography.Text type="danger">发现问题 {checklist.problemFound} 项</Typography.Text>
            }
          />
        </Col>
      </Row>
      {ws.inspection.status !== 'completed' &&
        (ws.blockers.length > 0 ? (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            icon={<ExclamationCircleFilled />}
            title={`完成本村巡察前还需满足以下 ${ws.blockers.length} 项条件`}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="blockers">
                {ws.blockers.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            }
          />
        ) : (
          <Alert style={{ marginTop: 12 }} type="success" showIcon title="各项完成条件均已满足，可以完成本村巡察" data-testid="no-blockers" />
        ))}
      {ws.inspection.override && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          title={`经特批完成${ws.inspection.override.byName ? `（${ws.inspection.override.byName}）` : ''}：${ws.inspection.override.reason}`}
          description={
            ws.inspection.override.conditions.length > 0 && (
              <>
                特批时未满足的条件：
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {ws.inspection.override.conditions.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              </>
            )
          }
          data-testid="override-note"
        />
      )}
    </Card>
  );
}
