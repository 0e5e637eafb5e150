import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Flex, Form, Input, Popconfirm, Row, Select, Space, Table, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { LEAD_AUTHORITIES, LEAD_AUTHORITY_LIST, LEAD_DISPOSITIONS, LEAD_DISPOSITION_LIST, RECEIVER_KIND, type LeadAction, type LeadAuthority, type LeadDisposition } from '../../../../../domain/leads/lead';
import { keys, accessApi } from '../../../api/endpoints';
import { leadKeys, leadsApi, type LeadDetail, type LeadPerson } from '../../../api/leads';
import { errorText } from '../../../api/errors';
import { PageContainer } from '../../../components/page-container';
import { PageLoading, QueryError } from '../../../components/query-state';
import { RefusalAlert } from '../../../components/refusal-alert';
import { useMe } from '../../../session/session';
import { DeadlineTag, LeadStatusTag } from '../lead-tags';
import { PersonsEditor } from '../persons-editor';
import { ActionModal } from './action-modal';
import { AttachmentList, AttachmentUpload } from '../../inspections/inspection/attachments';
import { OutcomesCard } from './outcomes-card';
import { SourceReports } from '../../public-reports/source-reports';

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

type Open = Exclude<LeadAction, 'delete' | 'outcome'> | null;

const BUTTONS: { action: Open & string; label: string; primary?: boolean; danger?: boolean }[] = [
  { action: 'edit', label: '修改' },
  { action: 'transfer', label: '移交', primary: true },
  { action: 'recall', label: '撤回移交', danger: true },
  { action: 'receive', label: '签收', primary: true },
  { action: 'return', label: '退回', danger: true },
  { action: 'dispose', label: '登记处置' },
  { action: 'report', label: '报告办理情况并办结', primary: true },
  { action: 'reopen', label: '重新打开' },
];

/** 问题线索: content, transfer, the receiving body's receipt, disposition, outcomes and report, and the history. */
export function LeadPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const me = useMe();
  const lead = useQuery({ queryKey: leadKeys.detail(id), queryFn: () => leadsApi.get(id) });
  const remove = useMutation({
    mutationFn: () => leadsApi.remove(id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: leadKeys.all });
      message.success('已删除问题线索草稿');
      void navigate('/leads', { replace: true });
    },
  });

  if (lead.isPending) return <PageLoading />;
  if (lead.isError) return <QueryError error={lead.error} onRetry={() => void lead.refetch()} />;
  const l = lead.data;
  const can = (a: LeadAction) => l.actions.includes(a);
  const close = () => setOpen(null);

  return (
    <PageContainer
      title={
        <Space>
          {`问题线索 ${l.code}`}
          <LeadStatusTag status={l.status} />
          <DeadlineTag deadline={l.deadline} showOk />
        </Space>
      }
      documentTitle={`问题线索 ${l.code}`}
      breadcrumb={[{ title: '问题线索', to: '/leads' }, { title: l.code }]}
      extra={
        <Flex gap={8} wrap>
          <Button icon={<DownloadOutlined />} href={leadsApi.transferLetterUrl(l.id)} data-testid="lead-letter">
            {l.status === 'draft' ? '移交函（预览）' : '移交函'}
          </Button>
          {BUTTONS.filter((b) => can(b.action)).map((b) => (
            <Button key={b.action} type={b.primary ? 'primary' : 'default'} danger={b.danger} onClick={() => setOpen(b.action)} data-testid={`lead-${b.action}`}>
              {b.label}
            </Button>
          ))}
          {can('delete') && (
            <Popconfirm title="删除这条问题线索草稿？删除后不能恢复。" okText="删除" okButtonProps={{ danger: true }} onConfirm={() => remove.mutate()}>
              <Button danger data-testid="lead-delete">
                删除
              </Button>
            </Popconfirm>
          )}
        </Flex>
      }
      testId="lead-page"
    >
      <RefusalAlert error={remove.error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title="线索内容">
              <Descriptions column={2} size="small" bordered>
                <Descriptions.Item label="轮次">{l.roundLabel}</Descriptions.Item>
                <Descriptions.Item label="巡察组">{l.teamName ?? dash}</Descriptions.Item>
                <Descriptions.Item label="村（社区）">{`${l.townName ?? ''}${l.villageName ?? ''}`}</Descriptions.Item>
                <Descriptions.Item label="来源">{l.findingId && me.permissions.includes('findings.read') ? <Link to={`/findings/${l.findingId}`}>问题底稿</Link> : l.findingId ? '问题底稿' : '直接登记'}</Descriptions.Item>
                <Descriptions.Item label="摘要" span={2}>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{l.summary}</Typography.Paragraph>
                </Descriptions.Item>
                <Descriptions.Item label="证据材料" span={2}>
                  {l.evidence ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{l.evidence}</Typography.Paragraph> : dash}
                </Descriptions.Item>
              </Descriptions>
              <Table<LeadPerson>
                style={{ marginTop: 12 }}
                rowKey="name"
                size="small"
                pagination={false}
                dataSource={l.persons}
                locale={{ emptyText: '尚未登记被反映人' }}
                columns={[
                  { title: '被反映人', dataIndex: 'name', width: 140 },
                  { title: '职务', dataIndex: 'position', render: (p: string) => p || dash },
                  { title: '来源', key: 'src', width: 110, render: (_v, p) => (p.cadreId ? '干部名册' : '手动填写') },
                ]}
                data-testid="lead-persons"
              />
            </Card>
            <Card size="small" title="移交与签收">
              <Descriptions column={2} size="small" bordered>
                <Descriptions.Item label="移交方向">{l.authorityName}</Descriptions.Item>
                <Descriptions.Item label="接收单位">{l.receiverName ?? dash}</Descriptions.Item>
                <Descriptions.Item label="移交函文号">{l.letterNo ?? dash}</Descriptions.Item>
                <Descriptions.Item label="移交日期">{l.transferredOn ?? dash}</Descriptions.Item>
                <Descriptions.Item label="办理期限">{l.deadline ? <Space>{l.deadline.dueOn}<DeadlineTag deadline={l.deadline} showOk /></Space> : dash}</Descriptions.Item>
                <Descriptions.Item label="签收">{l.receivedOn ? `${l.receivedOn} ${l.receivedByName ?? ''}` : dash}</Descriptions.Item>
              </Descriptions>
            </Card>
            {(l.status === 'received' || l.status === 'disposed' || l.status === 'closed') && (
              <>
                <Card size="small" title="处置">
                  <Descriptions column={3} size="small" bordered>
                    <Descriptions.Item label="处置方式">{l.dispositionName ?? dash}</Descriptions.Item>
                    <Descriptions.Item label="处置日期">{l.dispositionOn ?? dash}</Descriptions.Item>
                    <Descriptions.Item label="立案">{l.caseOpenedOn ?? '未立案'}</Descriptions.Item>
                  </Descriptions>
                </Card>
                {(l.status !== 'received' || l.outcomes.length > 0) && <OutcomesCard lead={l} />}
                <Card size="small" title="办理情况报告">
                  {l.reportedOn ? (
                    <>
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{l.handlingReport}</Typography.Paragraph>
                      <Typography.Text type="secondary">报告日期：{l.reportedOn}</Typography.Text>
                    </>
                  ) : (
                    <Typography.Text type={l.deadline?.flag === 'overdue' ? 'danger' : 'secondary'}>
                      {!l.deadline ? '尚未报告' : l.deadline.flag === 'overdue' ? `尚未报告，已超过办理期限（${l.deadline.dueOn}）${-l.deadline.daysLeft} 天` : `尚未报告，应于 ${l.deadline.dueOn} 前报告`}
                    </Typography.Text>
                  )}
                </Card>
              </>
            )}
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <SourceReports by={{ leadId: l.id }} />
          <Card size="small" title="附件" style={{ marginBottom: 16 }} data-testid="lead-attachments">
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              证据材料、签字的移交签收单、处理决定等
            </Typography.Paragraph>
            <AttachmentList
              attachments={l.attachments}
              onDelete={
                l.canAttach
                  ? (a) =>
                      leadsApi.deleteAttachment(l.id, a.id).then(
                        () => qc.invalidateQueries({ queryKey: leadKeys.detail(l.id) }),
                        (e: unknown) => {
                          message.error(errorText(e));
                          throw e;
                        },
                      )
                  : undefined
              }
            />
            {l.canAttach && (
              <div style={{ marginTop: 8 }}>
                <AttachmentUpload upload={(f) => leadsApi.upload(l.id, f)} onUploaded={() => void qc.invalidateQueries({ queryKey: leadKeys.detail(l.id) })} />
              </div>
            )}
          </Card>
          <Card size="small" title="办理经过">
            <Timeline
              items={l.history.map((h) => ({
                content: (
                  <>
                    <div>
                      <Typography.Text strong>{h.actionName}</Typography.Text> · {h.actorName}
                    </div>
                    <Typography.Text type="secondary">{dayjs(h.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                    {h.reason && <div>原因：{h.reason}</div>}
                  </>
                ),
              }))}
              data-testid="lead-history"
            />
          </Card>
        </Col>
      </Row>
      <Modals lead={l} open={open} close={close} />
    </PageContainer>
  );
}

function Modals({ lead: l, open, close }: { lead: LeadDetail; open: Open; close: () => void }) {
  const navigate = useNavigate();
  return (
    <>
      <ActionModal<{ summary: string; evidence: string; persons: LeadPerson[]; authority: LeadAuthority; otherBody?: string }>
        open={open === 'edit'}
        title="修改问题线索"
        okText="保存"
        initialValues={{ summary: l.summary, evidence: l.evidence, persons: l.persons, authority: l.authority, otherBody: l.otherBody ?? undefined }}
        onClose={close}
        success="已保存"
        submit={(v) =>
          leadsApi.update(l.id, {
            summary: v.summary,
            evidence: v.evidence ?? '',
            persons: (v.persons ?? []).map((p) => ({ name: p.name, cadreId: p.cadreId ?? null, position: p.position ?? '' })),
            authority: v.authority,
            otherBody: v.authority === 'other' ? v.otherBody : null,
            version: l.version,
          })
        }
        testId="lead-edit-modal"
      >
        {(form) => (
          <>
            <Form.Item name="summary" label="问题线索摘要" rules={[{ required: true, whitespace: true, message: '请填写问题线索摘要' }]}>
              <Input.TextArea rows={4} maxLength={4000} showCount />
            </Form.Item>
            <Form.Item name="evidence" label="证据材料">
              <Input.TextArea rows={3} maxLength={8000} />
            </Form.Item>
            <Form.Item label="被反映人">
              <PersonsEditor form={form} villageCode={l.villageCode} />
            </Form.Item>
            <Form.Item name="authority" label="拟移交方向" rules={[{ required: true }]}>
              <Select options={LEAD_AUTHORITY_LIST.map((a) => ({ value: a, label: LEAD_AUTHORITIES[a] }))} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.authority !== b.authority}>
              {() =>
                form.getFieldValue('authority') === 'other' ? (
                  <Form.Item name="otherBody" label="接收机关" rules={[{ required: true, whitespace: true, message: '请填写接收机关名称' }]}>
                    <Input maxLength={100} />
                  </Form.Item>
                ) : null
              }
            </Form.Item>
          </>
        )}
      </ActionModal>

      <TransferModal lead={l} open={open === 'transfer'} close={close} />

      <ActionModal<{ reason: string }>
        open={open === 'recall' || open === 'return' || open === 'reopen'}
        title={open === 'recall' ? '撤回移交' : open === 'return' ? '退回移交单位' : '重新打开'}
        okText={open === 'recall' ? '撤回' : open === 'return' ? '退回' : '重新打开'}
        danger={open !== 'reopen'}
        onClose={close}
        success={open === 'recall' ? '已撤回，线索回到草稿' : open === 'return' ? '已退回移交单位' : '已重新打开'}
        submit={(v) => (open === 'recall' ? leadsApi.recall(l.id, v.reason) : open === 'return' ? leadsApi.returnLead(l.id, v.reason) : leadsApi.reopen(l.id, v.reason))}
        // a returned lead leaves the receiver's sight: back to the list
        onDone={open === 'return' ? () => void navigate('/leads', { replace: true }) : undefined}
        testId="lead-reason-modal"
      >
        {() => (
          <Form.Item
            name="reason"
            label="原因"
            extra={open === 'return' ? '退回后本单位不再看到这条线索，移交方可修改后重新移交。' : open === 'recall' ? '撤回后线索回到草稿，接收单位不再看到。' : '重新打开后需再次报告办理情况。'}
            rules={[{ required: true, whitespace: true, min: 2, message: '请写明原因' }]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        )}
      </ActionModal>

      <ActionModal<{ receivedOn: Dayjs; receivedByName: string }>
        open={open === 'receive'}
        title={l.authority === 'other' ? `登记${l.otherBody ?? '接收机关'}签收` : '签收问题线索'}
        okText="签收"
        initialValues={{ receivedOn: dayjs() }}
        onClose={close}
        success="已签收"
        submit={(v) => leadsApi.receive(l.id, { receivedOn: day(v.receivedOn), receivedByName: v.receivedByName })}
        testId="lead-receive-modal"
      >
        {() => (
          <>
            <Form.Item name="receivedOn" label="签收日期" rules={[{ required: true, message: '请选择签收日期' }]}>
              <DatePicker disabledDate={(d) => notFuture(d) || (l.transferredOn ? d.isBefore(dayjs(l.transferredOn), 'day') : false)} />
            </Form.Item>
            <Form.Item name="receivedByName" label="签收人" rules={[{ required: true, whitespace: true, message: '请填写签收人姓名' }]}>
              <Input maxLength={40} data-testid="receive-name" />
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ disposition: LeadDisposition; dispositionOn: Dayjs; caseOpened: boolean; caseOpenedOn?: Dayjs }>
        open={open === 'dispose'}
        title="登记处置"
        okText="保存"
        initialValues={{
          disposition: l.disposition ?? undefined,
          dispositionOn: l.dispositionOn ? dayjs(l.dispositionOn) : dayjs(),
          caseOpened: Boolean(l.caseOpenedOn),
          caseOpenedOn: l.caseOpenedOn ? dayjs(l.caseOpenedOn) : undefined,
        }}
        onClose={close}
        success="已登记处置"
        submit={(v) => leadsApi.dispose(l.id, { disposition: v.disposition, dispositionOn: day(v.dispositionOn), caseOpenedOn: v.caseOpened && v.caseOpenedOn ? day(v.caseOpenedOn) : null })}
        testId="lead-dispose-modal"
      >
        {(form) => (
          <>
            <Form.Item name="disposition" label="处置方式" rules={[{ required: true, message: '请选择处置方式' }]}>
              <Select options={LEAD_DISPOSITION_LIST.map((d) => ({ value: d, label: LEAD_DISPOSITIONS[d] }))} data-testid="dispose-way" />
            </Form.Item>
            <Form.Item name="dispositionOn" label="处置日期" rules={[{ required: true, message: '请选择处置日期' }]}>
              <DatePicker disabledDate={notFuture} />
            </Form.Item>
            <Form.Item name="caseOpened" valuePropName="checked">
              <Checkbox>已立案</Checkbox>
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.caseOpened !== b.caseOpened}>
              {() =>
                form.getFieldValue('caseOpened') ? (
                  <Form.Item name="caseOpenedOn" label="立案日期" rules={[{ required: true, message: '请选择立案日期' }]}>
                    <DatePicker disabledDate={notFuture} />
                  </Form.Item>
                ) : null
              }
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ handlingReport: string; reportedOn: Dayjs }>
        open={open === 'report'}
        title="报告办理情况并办结"
        okText="报告并办结"
        initialValues={{ reportedOn: dayjs(), handlingReport: l.handlingReport }}
        onClose={close}
        success="已报告办理情况，线索办结"
        submit={(v) => leadsApi.report(l.id, { handlingReport: v.handlingReport, reportedOn: day(v.reportedOn) })}
        testId="lead-report-modal"
      >
        {() => (
          <>
            <Form.Item name="handlingReport" label="办理情况" rules={[{ required: true, whitespace: true, min: 10, message: '办理情况报告不少于 10 个字' }]}>
              <Input.TextArea rows={6} maxLength={8000} showCount placeholder="核查经过、认定事实、处理结果" data-testid="report-text" />
            </Form.Item>
            <Form.Item name="reportedOn" label="报告日期" rules={[{ required: true, message: '请选择报告日期' }]}>
              <DatePicker disabledDate={notFuture} />
            </Form.Item>
          </>
        )}
      </ActionModal>
    </>
  );
}

/** 移交: by cadre-management authority to a commission or department in scope, or to a body outside the system. */
function TransferModal({ lead: l, open, close }: { lead: LeadDetail; open: boolean; close: () => void }) {
  const orgs = useQuery({ queryKey: keys.organisations(), queryFn: () => accessApi.organisations(), enabled: open });
  return (
    <ActionModal<{ authority: LeadAuthority; receivingOrgId?: string; otherBody?: string; letterNo: string; transferredOn: Dayjs }>
      open={open}
      title="移交问题线索"
      okText="移交"
      initialValues={{ authority: l.authority, otherBody: l.otherBody ?? undefined, transferredOn: dayjs() }}
      onClose={close}
      success="已移交，接收单位可以签收"
      submit={(v) =>
        leadsApi.transfer(l.id, {
          authority: v.authority,
          receivingOrgId: v.authority === 'other' ? null : (v.receivingOrgId ?? null),
          otherBody: v.authority === 'other' ? v.otherBody : null,
          letterNo: v.letterNo,
          transferredOn: day(v.transferredOn),
        })
      }
      testId="lead-transfer-modal"
    >
      {(form) => (
        <>
          <Form.Item name="authority" label="移交方向（按干部管理权限）" rules={[{ required: true, message: '请选择移交方向' }]}>
            <Select
              options={LEAD_AUTHORITY_LIST.map((a) => ({ value: a, label: LEAD_AUTHORITIES[a] }))}
              onChange={() => form.setFieldValue('receivingOrgId', undefined)}
              data-testid="transfer-authority"
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.authority !== b.authority}>
            {() => {
              const authority = form.getFieldValue('authority') as LeadAuthority;
              const kind = RECEIVER_KIND[authority];
              return kind ? (
                <Form.Item name="receivingOrgId" label="接收单位" rules={[{ required: true, message: '请选择接收单位' }]}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={orgs.isPending}
                    options={(orgs.data?.items ?? []).filter((o) => o.kind === kind && !o.disabled).map((o) => ({ value: o.id, label: o.name }))}
                    notFoundContent={`没有${LEAD_AUTHORITIES[authority]}单位，请先在组织机构中建立`}
                    data-testid="transfer-org"
                  />
                </Form.Item>
              ) : (
                <Form.Item name="otherBody" label="接收机关" rules={[{ required: true, whitespace: true, message: '请填写接收机关名称' }]} extra="涉法涉诉等事项移交其他机关，由移交方代为登记签收和办理情况">
                  <Input maxLength={100} placeholder="如：县人民法院" />
                </Form.Item>
              );
            }}
          </Form.Item>
          <Form.Item name="letterNo" label="移交函文号" rules={[{ required: true, whitespace: true, message: '请填写移交函文号' }]}>
            <Input maxLength={60} placeholder="如：溧巡移〔2026〕3号" data-testid="transfer-letter-no" />
          </Form.Item>
          <Form.Item name="transferredOn" label="移交日期" rules={[{ required: true, message: '请选择移交日期' }]}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
        </>
      )}
    </ActionModal>
  );
}
