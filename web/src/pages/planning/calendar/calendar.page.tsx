import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, Modal, Popconfirm, Radio, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { DayInfo, DayOverrideKind } from '../../../../../domain/shared/calendar';
import { planningApi, planningKeys, type CalendarYear } from '../../../api/planning';
import { PageContainer } from '../../../components/page-container';
import { PageLoading, QueryError } from '../../../components/query-state';
import { useAccess } from '../../../session/session';

const WEEK = ['一', '二', '三', '四', '五', '六', '日'];

const STYLE: Record<DayInfo['source'], { background: string; color: string }> = {
  statutory_holiday: { background: '#fff1f0', color: '#cf1322' },
  adjusted_workday: { background: '#fff7e6', color: '#d46b08' },
  override: { background: '#f9f0ff', color: '#531dab' },
  weekend: { background: '#fafafa', color: '#8c8c8c' },
  weekday: { background: '#fff', color: '#262626' },
};

const LEGEND: [DayInfo['source'], string][] = [
  ['statutory_holiday', '法定节假日'],
  ['adjusted_workday', '调休上班'],
  ['override', '巡察办设置'],
  ['weekend', '周末'],
];

function Month({ year, month, days, onPick }: { year: number; month: number; days: Map<string, DayInfo>; onPick?: (d: DayInfo) => void }) {
  const first = dayjs(`${year}-${String(month).padStart(2, '0')}-01`);
  const offset = (first.day() + 6) % 7; // Monday first
  const cells: (DayInfo | null)[] = Array.from({ length: offset }, () => null);
  for (let d = 1; d <= first.daysInMonth(); d++) cells.push(days.get(first.date(d).format('YYYY-MM-DD')) ?? null);
  return (
    <Card size="small" title={`${month}月`} styles={{ body: { padding: 8 } }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, textAlign: 'center', fontSize: 12 }}>
        {WEEK.map((w) => (
          <div key={w} style={{ color: '#8c8c8c' }}>
            {w}
          </div>
        ))}
        {cells.map((c, i) =>
          c ? (
            <Tooltip key={c.date} title={`${c.date} ${c.working ? '上班' : '休息'}${c.name ? `：${c.name}` : ''}`}>
              <div
                role={onPick ? 'button' : undefined}
                onClick={onPick ? () => onPick(c) : undefined}
                data-testid={`day-${c.date}`}
                data-working={c.working}
                style={{
                  ...STYLE[c.source],
                  cursor: onPick ? 'pointer' : 'default',
                  borderRadius: 4,
                  padding: '2px 0',
                  border: c.source === 'override' ? '1px solid #9254de' : '1px solid transparent',
                  fontWeight: c.source === 'statutory_holiday' || c.source === 'adjusted_workday' ? 600 : 400,
                }}
              >
                {Number(c.date.slice(8))}
                {c.source === 'adjusted_workday' && <sup>班</sup>}
                {c.source === 'statutory_holiday' && <sup>休</sup>}
              </div>
            </Tooltip>
          ) : (
            <div key={`blank-${i}`} />
          ),
        )}
      </div>
    </Card>
  );
}

function OverrideModal({ day, year, onClose }: { day: DayInfo | null; year: number; onClose: () => void }) {
  const [form] = Form.useForm<{ kind: DayOverrideKind; note?: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: { kind: DayOverrideKind; note?: string }) => planningApi.setOverride(day!.date, { kind: v.kind, note: v.note?.trim() || undefined }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: planningKeys.calendar(year) });
      void queryClient.invalidateQueries({ queryKey: ['planning', 'round'] });
      void message.success('已设置');
      onClose();
    },
  });
  return (
    <Modal
      open={day !== null}
      title={day ? `设置 ${day.date}` : ''}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      afterOpenChange={(o) => o && day && form.setFieldsValue({ kind: day.working ? 'holiday' : 'workday', note: '' })}
    >
      {day && (
        <Typography.Paragraph type="secondary">
          当前：{day.working ? '上班' : '休息'}
          {day.name ? `（${day.name}）` : ''}。设置后，驻点工作日按此计算。
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="override-form">
        <Form.Item name="kind" label="当天" rules={[{ required: true, message: '请选择' }]}>
          <Radio.Group options={[{ value: 'workday', label: '上班' }, { value: 'holiday', label: '休息' }]} />
        </Form.Item>
        <Form.Item name="note" label="说明" rules={[{ max: 100 }]}>
          <Input placeholder="如：国务院办公厅通知调休上班" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WorkingDaysCalculator() {
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const from = range?.[0].format('YYYY-MM-DD');
  const to = range?.[1].format('YYYY-MM-DD');
  const q = useQuery({ queryKey: ['planning', 'working-days', from, to], queryFn: () => planningApi.workingDays(from!, to!), enabled: !!range });
  return (
    <Card size="small" title="工作日计算" style={{ marginBottom: 16 }}>
      <Space wrap>
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} />
        {q.data && (
          <Typography.Text data-testid="working-days-result">
            含首尾共 <b>{q.data.workingDays}</b> 个工作日
          </Typography.Text>
        )}
      </Space>
      {q.data?.warnings.map((w) => <Alert key={w} type="warning" showIcon title={w} style={{ marginTop: 8 }} />)}
    </Card>
  );
}

/** 节假日与调休: the official calendar of a year with the office's corrections. */
export function CalendarPage() {
  const access = useAccess();
  const canWrite = access.can('calendar.write');
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [year, setYear] = useState(dayjs().year());
  const [picked, setPicked] = useState<DayInfo | null>(null);
  const q = useQuery({ queryKey: planningKeys.calendar(year), queryFn: () => planningApi.calendar(year) });
  const remove = useMutation({
    mutationFn: (date: string) => planningApi.removeOverride(date),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: planningKeys.calendar(year) });
      void queryClient.invalidateQueries({ queryKey: ['planning', 'round'] });
      void message.success('已删除设置');
    },
  });

  const body = (data: CalendarYear) => {
    const days = new Map(data.days.map((d) => [d.date, d]));
    return (
      <>
        {data.unknownYearWarning && <Alert type="warning" showIcon title={data.unknownYearWarning} style={{ marginBottom: 16 }} data-testid="unknown-year-warning" />}
        <Flex gap={16} wrap style={{ marginBottom: 12 }}>
          {LEGEND.map(([s, label]) => (
            <Space key={s} size={4}>
              <span style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 3, background: STYLE[s].background, border: `1px solid ${STYLE[s].color}` }} />
              {label}
            </Space>
          ))}
          <Typography.Text type="secondary">全年工作日 {data.workingDays} 天{canWrite ? '；点击日期可设置上班或休息' : ''}</Typography.Text>
        </Flex>
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          {Array.from({ length: 12 }, (_, i) => (
            <Col key={i} xs={24} sm={12} md={8} xl={6}>
              <Month year={year} month={i + 1} days={days} onPick={canWrite ? setPicked : undefined} />
            </Col>
          ))}
        </Row>
        <Card size="small" title="巡察办设置">
          <Table
            rowKey="date"
            size="small"
            dataSource={data.overrides}
            pagination={false}
            locale={{ emptyText: '本年没有自定义设置' }}
            columns={[
              { title: '日期', dataIndex: 'date' },
              { title: '设置为', dataIndex: 'kindName', render: (n: string, o) => <Tag color={o.kind === 'workday' ? 'orange' : 'red'}>{n}</Tag> },
              { title: '说明', dataIndex: 'note' },
              ...(canWrite
                ? [
                    {
                      title: '',
                      key: 'a',
                      width: 80,
                      render: (_: unknown, o: { date: string }) => (
                        <Popconfirm title={`删除 ${o.date} 的设置？`} description="删除后按官方安排计算" okText="删除" okButtonProps={{ danger: true }} onConfirm={() => remove.mutate(o.date)}>
                          <Button size="small" danger type="link">
                            删除
                          </Button>
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </>
    );
  };

  return (
    <PageContainer
      title="节假日与调休"
      subTitle="驻点工作日按国务院公布的法定节假日和调休安排计算；巡察办可补充尚未公布的年份或更正"
      extra={
        <Space>
          <Button icon={<LeftOutlined />} onClick={() => setYear(year - 1)} />
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="calendar-year">
            {year}年
          </Typography.Text>
          <Button icon={<RightOutlined />} onClick={() => setYear(year + 1)} />
        </Space>
      }
    >
      <WorkingDaysCalculator />
      {q.isPending ? <PageLoading /> : q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : body(q.data)}
      <OverrideModal day={picked} year={year} onClose={() => setPicked(null)} />
    </PageContainer>
  );
}
