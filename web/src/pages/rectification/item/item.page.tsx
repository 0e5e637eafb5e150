import { PaperClipOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Card, Col, DatePicker, Descriptions, Flex, Form, Image, Input, List, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ITEM_KINDS, ITEM_KIND_LIST, RESPONSIBLE_UNIT_KINDS, RESPONSIBLE_UNIT_KIND_LIST, type ItemAction, type ItemKind, type ResponsibleUnitKind } from '../../../../../domain/rectification';
import type { Attachment } from '../../../api/inspections';
import { rectApi, rectKeys, type RectItemDetail } from '../../../api/rectification';
import { PageContainer } from '../../../components/page-container';
import { PageLoading, QueryError } from '../../../components/query-state';
import { useAccess } from '../../../session/session';
import { AttachmentUpload } from '../../inspections/inspection/attachments';
import { actionButtons, partyLine } from '../item-view';
import { AlertTag, ItemStatusTag } from '../item-tags';
import { ActionModal } from './action-modal';
import { ItemLookBacks } from '../../rectification-look-back/item-look-backs';

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const IMAGE = /^image\/(jpeg|png|webp|gif)$/;
const pre = { whiteSpace: 'pre-wrap', marginBottom: 0 } as const;

function EvidenceFiles({ files }: { files: Attachment[] }) {
  if (files.length === 0) return <Typography.Text type="secondary">尚无佐证材料</Typography.Text>;
  return (
    <Flex vertical gap={4} data-testid="rect-evidence-files">
      {files.map((f) => (
        <Flex key={f.id} gap={6} align="center">
          {IMAGE.test(f.mime) ? <Image src={rectApi.fileUrl(f.id)} alt={f.fileName} width={40} height={40} style={{ objectFit: 'cover', borderRadius: 4 }} /> : <PaperClipOutlined />}
          <a href={rectApi.fileUrl(f.id)} target="_blank" rel="noreferrer">
            {f.fileName}
          </a>
        </Flex>
      ))}
    </Flex>
  );
}

/** 整改事项: the problem, measures and units, progress with evidence, the check and the sign-off by every required party. */
export function RectificationItemPage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const { can: canDo } = useAccess();
  const [open, setOpen] = useState<ItemAction | null>(null);
  const item = useQuery({ queryKey: rectKeys.detail(id), queryFn: () => rectApi.get(id) });
  if (item.isPending) return <PageLoading />;
  if (item.isError) return <QueryError error={item.error} onRetry={() => void item.refetch()} />;
  const it = item.data;
  const can = (a: ItemAction) => it.actions.includes(a);
  const close = () => setOpen(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: rectKeys.all });

  return (
    <PageContainer
      title={
        <Space>
          {`整改事项 ${it.code}`}
          <ItemStatusTag status={it.status} />
          <AlertTag level={it.alert} />
        </Space>
      }
      documentTitle={`整改事项 ${it.code}`}
      breadcrumb={[{ title: '整改台账', to: '/rectification/items' }, { title: it.code }]}
      extra={
        <Flex gap={8} wrap>
          {actionButtons(it.actions).map((b) => (
            <Button key={b.action} type={b.primary ? 'primary' : 'default'} danger={b.danger} onClick={() => setOpen(b.action)} data-testid={`rect-${b.action}`}>
              {b.label}
            </Button>
          ))}
        </Flex>
      }
      testId="rect-item-page"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title="问题">
              <Descriptions column={2} size="small" bordered>
                <Descriptions.Item label="轮次">{it.roundLabel}</Descriptions.Item>
                <Descriptions.Item label="巡察组">{it.teamName ?? dash}</Descriptions.Item>
                <Descriptions.Item label="镇（街道）/村（社区）">{it.place}</Descriptions.Item>
                <Descriptions.Item label="问题类别">{it.categoryName}</Descriptions.Item>
                <Descriptions.Item label="问题" span={2}>
                  <Typography.Text strong>{it.problem}</Typography.Text>
                  {canDo('findings.read') && (
                    <Link to={`/findings/${it.findingId}`} style={{ marginLeft: 8 }}>
                      问题底稿
                    </Link>
                  )}
                  <Typography.Paragraph style={pre}>{it.problemDetail}</Typography.Paragraph>
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card size="small" title="整改措施与责任单位" data-testid="rect-measures">
              <Descriptions column={2} size="small" bordered>
                <Descriptions.Item label="整改类型">{it.kindName}</Descriptions.Item>
                <Descriptions.Item label="整改期限">
                  {it.kind === 'long_term' ? `长期坚持，定期报告${it.dueOn ? `（下次 ${it.dueOn}）` : ''}` : (it.deadline ?? '未确定')}
                  {it.overdue && (
                    <Tag color="red" style={{ marginLeft: 8 }}>
                      已逾期
                    </Tag>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label="责任单位">{`${it.responsibleUnitName}（${it.responsibleUnitKindName}）`}</Descriptions.Item>
                <Descriptions.Item label="第一责任人">{it.responsibleLeader || dash}</Descriptions.Item>
                <Descriptions.Item label="牵头单位">{it.leadUnit.name}</Descriptions.Item>
                <Descriptions.Item label="配合单位">{it.cooperatingUnits.length ? it.cooperatingUnits.map((u) => u.name).join('、') : dash}</Descriptions.Item>
                <Descriptions.Item label="经办人">{it.handler || dash}</Descriptions.Item>
                <Descriptions.Item label="开始整改">{it.startedOn ?? dash}</Descriptions.Item>
                <Descriptions.Item label="整改措施" span={2}>
                  {it.measures ? <Typography.Paragraph style={pre}>{it.measures}</Typography.Paragraph> : <Typography.Text type="secondary">尚未制定整改措施</Typography.Text>}
                </Descriptions.Item>
                {it.closedOn && <Descriptions.Item label="销号日期">{it.closedOn}</Descriptions.Item>}
              </Descriptions>
            </Card>
            <Card size="small" title="整改经过" data-testid="rect-timeline">
              <Timeline
                items={it.events.map((e) => ({
                  color: e.action === 'return' ? 'red' : e.action === 'close' ? 'green' : 'blue',
                  content: (
                    <>
                      <div>
                        <Typography.Text strong>{e.actionName}</Typography.Text> · {e.actorName}
                        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                          {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
                        </Typography.Text>
                      </div>
                      {e.comment && e.action !== 'add_evidence' && <Typography.Paragraph style={pre}>{e.action === 'return' || e.action === 'reopen' ? `理由：${e.comment}` : e.comment}</Typography.Paragraph>}
                      {e.files.length > 0 && <EvidenceFiles files={e.files} />}
                    </>
                  ),
                }))}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={`佐证材料（第 ${it.evidenceVersion} 版）`} data-testid="rect-evidence">
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                文件、照片（整改前后对比）等。每补充一份材料，材料版本加一，此前的销号审核需重新进行。
              </Typography.Paragraph>
              <EvidenceFiles files={it.evidence} />
              {can('add_evidence') && (
                <div style={{ marginTop: 8 }}>
                  <AttachmentUpload upload={(f) => rectApi.upload(it.id, f)} onUploaded={refresh} />
                </div>
              )}
            </Card>
            <SignOffCard item={it} />
            <ItemLookBacks itemId={it.id} />
          </Space>
        </Col>
      </Row>
      <Modals item={it} open={open} close={close} />
    </PageContainer>
  );
}

function SignOffCard({ item: it }: { item: RectItemDetail }) {
  const s = it.signOff;
  const returns = s.history.filter((h) => h.decision === 'returned');
  return (
    <Card size="small" title="销号审核" data-testid="rect-sign-off">
      {s.active && s.blockers.length > 0 && <Alert type="info" showIcon title={s.blockers.join('；')} style={{ marginBottom: 8 }} />}
      {it.status === 'closed' && <Alert type="success" showIcon title={`已于 ${it.closedOn ?? ''} 销号`} style={{ marginBottom: 8 }} />}
      <List
        size="small"
        dataSource={s.parties}
        renderItem={(p) => {
          const line = partyLine(p.approval, s.evidenceVersion, s.active || it.status === 'closed');
          return (
            <List.Item data-testid={`rect-party-${p.party}`}>
              <Flex vertical gap={2}>
                <Typography.Text strong>{p.name}</Typography.Text>
                <Tag color={line.color} style={{ whiteSpace: 'normal' }}>
                  {line.text}
                </Tag>
              </Flex>
            </List.Item>
          );
        }}
      />
      {returns.length > 0 && (
        <>
          <Typography.Text type="secondary">退回记录</Typography.Text>
          <List
            size="small"
            dataSource={returns}
            renderItem={(h) => (
              <List.Item>
                {`${dayjs(h.at).format('YYYY-MM-DD')} ${h.partyName} ${h.actorName} 退回：${h.reason}`}
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

interface UnitsForm {
  kind: ItemKind;
  responsibleUnitKind: ResponsibleUnitKind;
  responsibleOrgId?: string;
  leadUnit: string;
  cooperatingUnits: string[];
  responsibleLeader: string;
  handler: string;
  measures: string;
  deadline?: Dayjs | null;
  competentDepartmentOrgId?: string;
}

function Modals({ item: it, open, close }: { item: RectItemDetail; open: ItemAction | null; close: () => void }) {
  const units = useQuery({ queryKey: rectKeys.units(it.id), queryFn: () => rectApi.unitOptions(it.id), enabled: open === 'edit_measures' });
  const orgs = units.data?.items ?? [];
  const orgId = (name: string) => orgs.find((o) => o.name === name)?.id ?? null;
  const [fileIds, setFileIds] = useState<Attachment[]>([]);
  const qc = useQueryClient();
  const drafting = it.status === 'drafting';
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <>
      <ActionModal<UnitsForm>
        open={open === 'edit_measures'}
        title="修改整改措施和责任单位"
        okText="保存"
        width={720}
        onClose={close}
        success="已保存"
        testId="rect-edit"
        initialValues={{
          kind: it.kind,
          responsibleUnitKind: it.responsibleUnitKind,
          responsibleOrgId: it.responsibleOrgId ?? undefined,
          leadUnit: it.leadUnit.name,
          cooperatingUnits: it.cooperatingUnits.map((u) => u.name),
          responsibleLeader: it.responsibleLeader,
          handler: it.handler,
          measures: it.measures,
          deadline: it.deadline ? dayjs(it.deadline) : null,
          competentDepartmentOrgId: it.competentDepartmentOrgId ?? undefined,
        }}
        submit={(v) =>
          rectApi.update(it.id, {
            version: it.version,
            kind: v.kind,
            responsibleUnitKind: v.responsibleUnitKind,
            responsibleOrgId: v.responsibleUnitKind === 'town' ? null : (v.responsibleOrgId ?? null),
            leadUnit: { orgId: orgId(v.leadUnit), name: v.leadUnit.trim() },
            cooperatingUnits: (v.cooperatingUnits ?? []).map((n) => ({ orgId: orgId(n), name: n.trim() })),
            responsibleLeader: v.responsibleLeader,
            handler: v.handler ?? '',
            measures: v.measures ?? '',
            deadline: v.kind === 'long_term' ? null : v.deadline ? day(v.deadline) : it.deadline,
            competentDepartmentOrgId: v.competentDepartmentOrgId ?? null,
          })
        }
      >
        {(form) => (
          <>
            <Flex gap={12}>
              <Form.Item name="kind" label="整改类型" rules={[{ required: true, message: '请选择整改类型' }]} style={{ flex: 1 }}>
                <Select disabled={!drafting} options={ITEM_KIND_LIST.map((k) => ({ value: k, label: ITEM_KINDS[k] }))} />
              </Form.Item>
              <Form.Item name="deadline" label="整改期限" style={{ flex: 1 }} extra={drafting ? '开始整改时确定；立行立改 30 天内，限期整改原则上不超过一年' : '开始整改后如需延期，请由巡察办办理'}>
                <DatePicker disabled={!drafting} style={{ width: '100%' }} />
              </Form.Item>
            </Flex>
            <Flex gap={12}>
              <Form.Item name="responsibleUnitKind" label="责任单位类型" rules={[{ required: true, message: '请选择责任单位类型' }]} style={{ flex: 1 }}>
                <Select options={RESPONSIBLE_UNIT_KIND_LIST.map((k) => ({ value: k, label: RESPONSIBLE_UNIT_KINDS[k] }))} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.responsibleUnitKind !== b.responsibleUnitKind}>
                {() => {
                  const kind = form.getFieldValue('responsibleUnitKind') as ResponsibleUnitKind;
                  return kind === 'town' ? (
                    <Form.Item label="责任单位" style={{ flex: 1 }}>
                      <Input disabled value="本镇（街道）党（工）委" />
                    </Form.Item>
                  ) : (
                    <Form.Item name="responsibleOrgId" label="责任单位" rules={[{ required: true, message: '请选择具体单位' }]} style={{ flex: 1 }}>
                      <Select loading={units.isPending} options={orgs.filter((o) => o.kind === kind).map((o) => ({ value: o.id, label: o.name }))} notFoundContent="没有可选的单位（需先在系统管理中建立）" />
                    </Form.Item>
                  );
                }}
              </Form.Item>
            </Flex>
            <Flex gap={12}>
              <Form.Item name="responsibleLeader" label="第一责任人（责任领导）" rules={[{ required: true, whitespace: true, message: '请填写责任领导' }]} style={{ flex: 1 }}>
                <Input maxLength={40} />
              </Form.Item>
              <Form.Item name="handler" label="经办人" style={{ flex: 1 }}>
                <Input maxLength={40} />
              </Form.Item>
            </Flex>
            <Form.Item name="leadUnit" label="牵头单位" rules={[{ required: true, whitespace: true, message: '请填写牵头单位' }]}>
              <AutoComplete options={orgs.map((o) => ({ value: o.name }))} filterOption={(input, o) => String(o?.value ?? '').includes(input)} />
            </Form.Item>
            <Form.Item name="cooperatingUnits" label="配合单位" extra="可选择或直接输入单位名称后回车">
              <Select mode="tags" options={orgs.map((o) => ({ value: o.name, label: o.name }))} tokenSeparators={['、', ',']} />
            </Form.Item>
            <Form.Item name="competentDepartmentOrgId" label="主管部门（参与销号审核）">
              <Select allowClear loading={units.isPending} options={orgs.filter((o) => o.kind === 'department').map((o) => ({ value: o.id, label: o.name }))} placeholder="不指定时，辖区内职能部门均可审核" />
            </Form.Item>
            <Form.Item name="measures" label="整改措施">
              <Input.TextArea rows={5} maxLength={4000} showCount />
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ measures: string; deadline?: Dayjs }>
        open={open === 'start'}
        title="确定整改措施并开始整改"
        okText="开始整改"
        onClose={close}
        success="已开始整改"
        testId="rect-start"
        initialValues={{ measures: it.measures, deadline: it.deadline ? dayjs(it.deadline) : undefined }}
        submit={(v) => rectApi.start(it.id, { measures: v.measures, deadline: it.kind === 'long_term' ? null : v.deadline ? day(v.deadline) : null })}
      >
        {() => (
          <>
            <Form.Item name="measures" label="整改措施" rules={[{ required: true, whitespace: true, message: '请填写整改措施' }]}>
              <Input.TextArea rows={6} maxLength={4000} showCount />
            </Form.Item>
            {it.kind === 'long_term' ? (
              <Typography.Paragraph type="secondary">长期坚持类整改事项不设最终期限，按季度定期报告整改进展。</Typography.Paragraph>
            ) : (
              <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请填写整改期限' }]} extra={it.kind === 'immediate' ? '立行立改：30 天内完成' : '限期整改：原则上不超过一年'}>
                <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
              </Form.Item>
            )}
          </>
        )}
      </ActionModal>

      <ActionModal<{ text: string; reportedOn: Dayjs }>
        open={open === 'report_progress'}
        title="报告整改进展"
        okText="报告"
        onClose={() => {
          setFileIds([]);
          close();
        }}
        success="已报告整改进展"
        testId="rect-progress"
        initialValues={{ reportedOn: dayjs(today) }}
        submit={(v) => rectApi.progress(it.id, { text: v.text, reportedOn: day(v.reportedOn), evidenceFileIds: fileIds.map((f) => f.id) }).then(() => setFileIds([]))}
      >
        {() => (
          <>
            <Form.Item name="text" label="整改进展情况" rules={[{ required: true, whitespace: true, message: '请填写整改进展情况' }]}>
              <Input.TextArea rows={5} maxLength={4000} showCount />
            </Form.Item>
            <Form.Item name="reportedOn" label="报告日期" rules={[{ required: true, message: '请填写报告日期' }]}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item label="佐证材料" extra="上传的材料即计入整改佐证材料（材料版本随之更新）">
              <EvidenceFiles files={fileIds} />
              <div style={{ marginTop: 8 }}>
                <AttachmentUpload
                  upload={(f) => rectApi.upload(it.id, f)}
                  onUploaded={(a) => {
                    setFileIds((l) => [...l, a]);
                    void qc.invalidateQueries({ queryKey: rectKeys.detail(it.id) });
                  }}
                />
              </div>
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ note: string }> open={open === 'submit'} title="申请销号" okText="申请销号" onClose={close} success="已申请销号，等待核查" testId="rect-submit" submit={(v) => rectApi.submit(it.id, v.note ?? '')}>
        {() => (
          <>
            <Typography.Paragraph>
              提交后由巡察组或巡察办核查，核查通过后进入销号审核。当前佐证材料为第 {it.evidenceVersion} 版，共 {it.evidence.length} 份。
            </Typography.Paragraph>
            <Form.Item name="note" label="说明（可选）">
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ comment: string }> open={open === 'accept'} title="核查通过" okText="核查通过" onClose={close} success="已核查通过，进入销号审核" testId="rect-accept" submit={(v) => rectApi.accept(it.id, v.comment ?? '')}>
        {() => (
          <Form.Item name="comment" label="核查意见（可选）">
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        )}
      </ActionModal>

      <ActionModal<{ comment: string }>
        open={open === 'approve'}
        title="销号审核通过"
        okText="审核通过"
        onClose={close}
        success="已审核通过"
        testId="rect-approve"
        submit={(v) => rectApi.approve(it.id, it.evidenceVersion, v.comment ?? '')}
      >
        {() => (
          <>
            <Typography.Paragraph>
              您审核的是<Typography.Text strong>第 {it.evidenceVersion} 版</Typography.Text>佐证材料（{it.evidence.length} 份）。如此后补充材料，需重新审核。
            </Typography.Paragraph>
            <Form.Item name="comment" label="审核意见（可选）">
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ reason: string }>
        open={open === 'return'}
        title="退回整改"
        okText="确认退回"
        danger
        onClose={close}
        success="已退回整改"
        testId="rect-return"
        submit={(v) => rectApi.returnItem(it.id, v.reason)}
      >
        {() => (
          <>
            <Typography.Paragraph type="warning">退回后，已给出的销号审核意见全部失效，责任单位须重新整改并申请销号。</Typography.Paragraph>
            <Form.Item name="reason" label="退回理由" rules={[{ required: true, whitespace: true, min: 2, message: '请写明退回理由' }]}>
              <Input.TextArea rows={4} maxLength={1000} showCount />
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ deadline: Dayjs; reason: string }>
        open={open === 'extend'}
        title="延长整改期限"
        okText="延期"
        onClose={close}
        success="已延长整改期限"
        testId="rect-extend"
        submit={(v) => rectApi.extend(it.id, day(v.deadline), v.reason)}
      >
        {() => (
          <>
            <Typography.Paragraph>原期限：{it.deadline ?? '未确定'}</Typography.Paragraph>
            <Form.Item name="deadline" label="新的整改期限" rules={[{ required: true, message: '请填写新的整改期限' }]}>
              <DatePicker disabledDate={(d) => (it.deadline ? !d.isAfter(dayjs(it.deadline), 'day') : false)} />
            </Form.Item>
            <Form.Item name="reason" label="延期理由" rules={[{ required: true, whitespace: true, min: 2, message: '请写明延期理由' }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ reason: string }>
        open={open === 'reopen'}
        title="重新打开已销号的整改事项"
        okText="重新打开"
        danger
        onClose={close}
        success="已重新打开，退回责任单位整改"
        testId="rect-reopen"
        submit={(v) => rectApi.reopen(it.id, v.reason)}
      >
        {() => (
          <>
            <Typography.Paragraph type="warning">重新打开后事项退回整改，须重新核查和销号审核。</Typography.Paragraph>
            <Form.Item name="reason" label="重新打开的理由" rules={[{ required: true, whitespace: true, min: 2, message: '请写明理由' }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </ActionModal>
    </>
  );
}
