import { ArrowLeftOutlined, FileWordOutlined, LockOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { findingDocuments, findingKeys, findingsApi, type FindingDetail, type FindingReview } from '../../../api/findings';
import { PageContainer } from '../../../components/page-container';
import { PageLoading, QueryError } from '../../../components/query-state';
import { useAccess } from '../../../session/session';
import { FindingDrawer } from '../finding-drawer';
import { FindingStatusTag, ImmediateTag, yuan } from '../finding-status-tag';
import { MaterialsSection } from './materials-section';
import { ReviewActions } from './review-actions';
import { SourceReports } from '../../public-reports/source-reports';

const none = <Typography.Text type="secondary">无</Typography.Text>;
const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

const DECISION_COLOR: Record<FindingReview['decision'], string> = { submitted: 'blue', approved: 'green', returned: 'orange', reopened: 'red' };

/** Where the paper stands in the three steps, in words. */
function stageHint(f: FindingDetail): string | null {
  switch (f.status) {
    case 'draft':
      return '草稿：撰写人完善后提交副组长审核';
    case 'returned':
      return '已退回修改：撰写人根据审核意见修改后重新提交';
    case 'submitted':
      return '待副组长审核';
    case 'deputy_approved':
      return '副组长已审核，待组长审定';
    case 'approved':
      return null;
  }
}

/** 问题底稿: the working paper with its materials, the review history and the actions of this user. */
export function FindingPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const access = useAccess();
  const [editing, setEditing] = useState(false);
  const finding = useQuery({ queryKey: findingKeys.one(id), queryFn: () => findingsApi.get(id) });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/findings')}>
      返回问题底稿列表
    </Button>
  );
  if (finding.isPending) return <PageLoading />;
  if (finding.isError) {
    return (
      <PageContainer title="问题底稿" testId="finding-page">
        <QueryError error={finding.error} onRetry={() => void finding.refetch()} extra={back} />
      </PageContainer>
    );
  }
  const f = finding.data;
  const place = f.villageName ?? `${f.townName}（乡镇层面）`;
  const hint = stageHint(f);
  const lastReturn = [...f.reviews].reverse().find((r) => r.decision === 'returned' || r.decision === 'reopened');

  return (
    <PageContainer
      testId="finding-page"
      documentTitle={`${f.numberLabel} ${f.title} - 问题底稿`}
      title={
        <Space wrap>
          <span data-testid="finding-title">
            {f.numberLabel} {f.title}
          </span>
          <FindingStatusTag status={f.status} name={f.statusName} />
          {f.immediate && <ImmediateTag fixedOn={f.immediateFixedOn} />}
        </Space>
      }
      subTitle={`${f.round.label} · ${f.townName}${f.villageName ? ` · ${f.villageName}` : ''} · ${f.team?.name ?? '未分配巡察组'}`}
      breadcrumb={[{ title: '问题底稿', to: '/findings' }, { title: f.numberLabel }]}
      extra={
        <Space wrap>
          {access.can('leads.write') && (
            <Button onClick={() => void navigate(`/leads/new?findingId=${encodeURIComponent(f.id)}`)} data-testid="finding-new-lead">
              登记问题线索
            </Button>
          )}
          <Button icon={<FileWordOutlined />} href={findingDocuments.workingPaper(f.id)} data-testid="finding-docx">
            下载底稿
          </Button>
          {f.immediate && (
            <Button icon={<FileWordOutlined />} href={findingDocuments.immediateNotice(f.id)} data-testid="finding-notice-docx">
              立行立改通知书
            </Button>
          )}
        </Space>
      }
    >
      {!f.phaseOpen && (
        <Alert type="warning" showIcon icon={<LockOutlined />} title={`本轮巡察处于“${f.round.phaseName}”阶段，问题底稿只能查看，不能撰写或审核`} style={{ marginBottom: 16 }} />
      )}
      {f.phaseOpen && hint && <Alert type={f.status === 'returned' ? 'warning' : 'info'} showIcon title={hint} description={f.status === 'returned' && lastReturn ? `${lastReturn.reviewerName}：${lastReturn.comment}` : undefined} style={{ marginBottom: 16 }} />}
      <Card size="small" style={{ marginBottom: 16 }}>
        <ReviewActions finding={f} onEdit={() => setEditing(true)} />
        {f.actions.length === 0 && <Typography.Text type="secondary">{f.status === 'approved' ? '已审定，可进入巡察报告。' : '您当前没有可执行的操作。'}</Typography.Text>}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title="问题底稿" size="small" style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'number', label: '编号', children: f.numberLabel },
                { key: 'place', label: '被巡察单位', children: place },
                { key: 'category', label: '问题类别', children: f.categoryName },
                { key: 'aspect', label: '清单方面', children: f.aspect || none },
                {
                  key: 'item',
                  label: '监督清单事项',
                  span: 2,
                  children: f.checklistItem ? (
                    <Space wrap>
                      <span>
                        {f.checklistItem.aspect} · {f.checklistItem.title}
                      </span>
                      {f.checklistItem.result === 'problem_found' ? <Tag color="red">已标记发现问题</Tag> : <Tag>清单尚未标记发现问题</Tag>}
                      {f.inspectionId && <Link to={`/inspections/${f.inspectionId}?tab=checklist`}>查看监督清单</Link>}
                    </Space>
                  ) : (
                    none
                  ),
                },
                { key: 'source', label: '问题来源', children: f.sourceName },
                { key: 'amount', label: '涉及金额', children: yuan(f.amount) ?? none },
                { key: 'found', label: '发现日期', children: f.foundOn },
                { key: 'where', label: '发现地点', children: f.place || none },
                {
                  key: 'responsible',
                  label: '责任人',
                  span: 2,
                  children:
                    f.responsible.length === 0
                      ? none
                      : f.responsible.map((r, i) => (
                          <Tag key={`${r.name}-${i}`} color={r.cadreId ? 'blue' : undefined}>
                            {r.name}
                            {r.position ? `（${r.position}）` : ''}
                          </Tag>
                        )),
                },
                { key: 'desc', label: '问题描述', span: 2, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{f.description}</Typography.Paragraph> },
                { key: 'author', label: '撰写人', children: f.authorName ?? none },
                { key: 'updated', label: '最后修改', children: time(f.updatedAt) },
              ]}
            />
          </Card>
          {f.immediate && (
            <Card title="立行立改" size="small" style={{ marginBottom: 16 }} data-testid="finding-immediate-section">
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'no', label: '通知书文号', children: f.immediateNoticeNo ?? none },
                  { key: 'fixedOn', label: '整改完成日期', children: f.immediateFixedOn ?? <Typography.Text type="danger">尚未整改完成</Typography.Text> },
                  { key: 'fix', label: '整改情况', span: 2, children: f.immediateFix ? <span style={{ whiteSpace: 'pre-wrap' }}>{f.immediateFix}</span> : none },
                ]}
              />
            </Card>
          )}
          <Card title="佐证材料清单" size="small" style={{ marginBottom: 16 }}>
            <MaterialsSection finding={f} />
          </Card>
          <SourceReports by={{ findingId: f.id }} />
        </Col>
        <Col xs={24} xl={8}>
          <Card title="审核记录" size="small" data-testid="finding-reviews">
            {f.reviews.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未提交审核" />
            ) : (
              <Timeline
                items={f.reviews.map((r) => ({
                  key: r.id,
                  color: DECISION_COLOR[r.decision],
                  content: (
                    <div>
                      <Space wrap>
                        <Typography.Text strong>{r.stepName}</Typography.Text>
                        <Tag color={DECISION_COLOR[r.decision]}>{r.decisionName}</Tag>
                      </Space>
                      <div>
                        <Typography.Text type="secondary">
                          {r.reviewerName} · {time(r.at)}
                        </Typography.Text>
                      </div>
                      {r.comment && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{r.comment}</Typography.Paragraph>}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <FindingDrawer open={editing} finding={f} onClose={() => setEditing(false)} />
    </PageContainer>
  );
}
