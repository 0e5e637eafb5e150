import { DownloadOutlined, EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { chinaDateText, mailboxProblem, phoneProblem } from '../../../../domain/public-reports/notice';
import { applyFieldErrors, reportError } from '../../api/errors';
import { planningApi, planningKeys } from '../../api/planning';
import { noticeKeys, noticesApi, type PublicNotice, type PublicNotices } from '../../api/public-reports';
import { QueryError } from '../../components/query-state';

type Setter = (next: Record<string, string | null>) => void;

interface NoticeForm {
  phone: string;
  mailbox: string;
  email?: string;
  receptionPlace?: string;
  receptionHours?: string;
  onSite: [Dayjs, Dayjs];
  petitionCutoff: Dayjs;
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const check = (problem: (v: string) => string | null) => ({ validator: (_: unknown, v: string | undefined) => { const p = problem(v ?? ''); return p ? Promise.reject(new Error(p)) : Promise.resolve(); } });

/** The office fills in one team's 巡察公告; the server checks again and answers in Chinese per field. */
function NoticeModal({ roundId, data, notice, onClose }: { roundId: string; data: PublicNotices; notice: PublicNotice; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<NoticeForm>();
  const save = useMutation({
    mutationFn: (v: NoticeForm) =>
      noticesApi.saveNotice(roundId, notice.teamId, {
        phone: v.phone,
        mailbox: v.mailbox,
        email: v.email || null,
        receptionPlace: v.receptionPlace || null,
        receptionHours: v.receptionHours || null,
        onSiteFrom: day(v.onSite[0]),
        onSiteTo: day(v.onSite[1]),
        petitionCutoff: day(v.petitionCutoff),
        ...(notice.version !== null ? { version: notice.version } : {}),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: noticeKeys.notices(roundId) });
      void qc.invalidateQueries({ queryKey: ['public-reports', 'posters', roundId] });
      void message.success(`${notice.teamName}的巡察公告已保存`);
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, { onSiteFrom: 'onSite', onSiteTo: 'onSite' })) reportError(e);
    },
  });
  const outside = (d: Dayjs) => day(d) < data.startDate || day(d) > data.endDate;
  return (
    <Modal open title={`填写巡察公告：${notice.teamName}`} onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={save.isPending} destroyOnHidden width={620} data-testid="notice-modal">
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          phone: notice.phone,
          mailbox: notice.mailbox,
          email: notice.email ?? '',
          receptionPlace: notice.receptionPlace ?? '',
          receptionHours: notice.receptionHours ?? '',
          onSite: [dayjs(notice.onSiteFrom), dayjs(notice.onSiteTo)],
          petitionCutoff: dayjs(notice.petitionCutoff),
        }}
      >
        <Form.Item name="phone" label="举报电话" rules={[check(phoneProblem)]} extra="手机号、带区号的固定电话（如 0531-86123456）或 12388 等短号。">
          <Input maxLength={40} data-testid="notice-phone" />
        </Form.Item>
        <Form.Item name="mailbox" label="邮政信箱" rules={[check(mailboxProblem)]} extra="写明信箱和邮政编码，如“溧阳市2026号信箱（邮编 213300）”。">
          <Input maxLength={80} data-testid="notice-mailbox" />
        </Form.Item>
        <Form.Item name="email" label="电子邮箱（可不填）" rules={[{ type: 'email', message: '电子邮箱格式不正确，如 xuncha1@163.com' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="receptionPlace" label="接待地点（可不填）" style={{ flex: 1, marginRight: 12 }}>
            <Input maxLength={60} placeholder="如 村委会二楼会议室" />
          </Form.Item>
          <Form.Item name="receptionHours" label="接待时间（可不填）" style={{ flex: 1 }}>
            <Input maxLength={60} placeholder="如 工作日 8:30—17:30" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="onSite" label="进驻期间" rules={[{ required: true, message: '请选择进驻期间' }]} extra={`本轮巡察：${chinaDateText(data.startDate)}至${chinaDateText(data.endDate)}`}>
          <DatePicker.RangePicker style={{ width: '100%' }} allowClear={false} disabledDate={outside} />
        </Form.Item>
        <Form.Item
          name="petitionCutoff"
          label="信访受理截止日期"
          dependencies={['onSite']}
          rules={[
            { required: true, message: '请选择信访受理截止日期' },
            ({ getFieldValue }) => ({
              validator: (_, v?: Dayjs) => {
                const range = getFieldValue('onSite') as [Dayjs, Dayjs] | undefined;
                if (!v || !range) return Promise.resolve();
                if (day(v) < day(range[0])) return Promise.reject(new Error('信访受理截止日期不能早于进驻日期'));
                if (day(v) > day(range[1])) return Promise.reject(new Error('信访受理截止日期不能晚于巡察结束日期'));
                return Promise.resolve();
              },
            }),
          ]}
          extra="截止日期（含当日，按北京时间）之后群众扫码反映的问题转由巡察办受理；公告和反映页面都会显示这一日期。"
        >
          <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={outside} data-testid="notice-cutoff" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 巡察公告 of a round: each team's phone, mailbox, period and 信访 cut-off (the office edits), and the
 * posters of every target — print page (A4, 打印 or save as PDF) and .docx.
 */
export function NoticesTab({ params, set }: { params: URLSearchParams; set: Setter }) {
  const rounds = useQuery({ queryKey: planningKeys.rounds({ page: 1, pageSize: 100 }), queryFn: () => planningApi.rounds({ page: 1, pageSize: 100 }) });
  const roundId = params.get('noticesRound') ?? undefined;
  const notices = useQuery({ queryKey: noticeKeys.notices(roundId ?? ''), queryFn: () => noticesApi.notices(roundId!), enabled: Boolean(roundId) });
  const [editing, setEditing] = useState<PublicNotice | null>(null);
  const data = notices.data;
  const columns: TableColumnsType<PublicNotice> = [
    { title: '巡察组', dataIndex: 'teamName', key: 'team', width: 130 },
    { title: '状态', key: 'saved', width: 90, render: (_: unknown, n) => (n.saved ? <Tag color="green">已填写</Tag> : <Tag color="orange">未填写</Tag>) },
    { title: '举报电话', key: 'phone', render: (_: unknown, n) => n.phone || '—' },
    { title: '邮政信箱', key: 'mailbox', render: (_: unknown, n) => n.mailbox || '—' },
    { title: '进驻期间', key: 'period', render: (_: unknown, n) => `${n.onSiteFrom} 至 ${n.onSiteTo}` },
    { title: '信访受理截止', key: 'cutoff', width: 120, render: (_: unknown, n) => (n.saved ? <Typography.Text strong>{n.petitionCutoff}</Typography.Text> : '—') },
    {
      title: '各对象的公告',
      key: 'targets',
      render: (_: unknown, n) =>
        n.targets.length === 0 ? (
          '—'
        ) : (
          <Space size={[12, 4]} wrap>
            {n.targets.map((t) =>
              n.saved && t.hasCode ? (
                <Space key={t.id} size={4}>
                  <Link to={`/public/reports/posters?roundId=${encodeURIComponent(roundId ?? '')}&targetId=${t.id}`}>{t.name}</Link>
                  <a href={noticesApi.targetDocxUrl(t.id)} aria-label={`下载${t.name}的巡察公告（Word）`}>
                    <DownloadOutlined />
                  </a>
                </Space>
              ) : (
                <Typography.Text key={t.id} type="secondary" title={t.hasCode ? '请先填写巡察公告' : '请先在“扫码编号”中生成本轮扫码编号'}>
                  {t.name}
                </Typography.Text>
              ),
            )}
          </Space>
        ),
    },
    { title: '最后修改', key: 'by', width: 150, render: (_: unknown, n) => (n.updatedByName ? `${n.updatedByName} ${n.updatedAt ? new Date(n.updatedAt).toLocaleDateString('zh-CN') : ''}` : '—') },
    ...(data?.canEdit
      ? [
          {
            title: '',
            key: 'edit',
            width: 90,
            render: (_: unknown, n: PublicNotice) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(n)} data-testid={`notice-edit-${n.teamName}`}>
                {n.saved ? '修改' : '填写'}
              </Button>
            ),
          },
        ]
      : []),
  ];
  const missing = (data?.items ?? []).filter((n) => !n.saved);
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select placeholder="选择巡察轮次" style={{ width: 220 }} loading={rounds.isPending} value={roundId} onChange={(v: string) => set({ noticesRound: v })} options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: r.label }))} data-testid="notices-round" />
        {roundId && (
          <>
            <Link to={`/public/reports/posters?roundId=${encodeURIComponent(roundId)}`}>
              <Button icon={<PrinterOutlined />} data-testid="posters-print-all">
                打印本轮全部公告
              </Button>
            </Link>
            <Button icon={<DownloadOutlined />} href={noticesApi.roundDocxUrl(roundId)}>
              下载本轮全部公告（Word）
            </Button>
          </>
        )}
      </Space>
      {!roundId ? (
        <Alert type="info" showIcon title="请选择巡察轮次。巡察公告写明各巡察组的举报电话、邮政信箱、进驻期间和信访受理截止日期，与二维码一起张贴在被巡察村（社区）。" />
      ) : notices.isError ? (
        <QueryError error={notices.error} onRetry={() => void notices.refetch()} />
      ) : (
        <>
          {missing.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={`${missing.map((n) => n.teamName).join('、')}的巡察公告尚未填写`}
              description="填写之前不能生成这些巡察组负责对象的公告；群众扫码反映的问题按巡察阶段由巡察组受理，没有截止日期。"
            />
          )}
          <Table rowKey="teamId" size="middle" loading={notices.isPending} columns={columns} dataSource={data?.items ?? []} pagination={false} locale={{ emptyText: '本轮还没有巡察组' }} scroll={{ x: 960 }} data-testid="notices-list" />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            点击对象名称打开该村（社区）公告的打印页，点击 <DownloadOutlined /> 下载 Word 版。灰色的对象尚不能生成公告：须先填写巡察组的公告，并在“扫码编号”中生成本轮扫码编号。
          </Typography.Paragraph>
        </>
      )}
      {editing && data && roundId && <NoticeModal roundId={roundId} data={data} notice={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
