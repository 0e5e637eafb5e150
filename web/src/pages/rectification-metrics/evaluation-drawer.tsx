import { FileWordOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Flex, Input, InputNumber, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { evaluate, formatRate, type DeductionLine } from '../../../../domain/rectification';
import { metricsApi, metricsDocuments, metricsKeys } from '../../api/rectification-metrics';
import { QueryError } from '../../components/query-state';
import { RefusalAlert } from '../../components/refusal-alert';
import { GradeTag } from './grade-tag';

interface Line extends DeductionLine {
  indicator: string;
  weight: number;
  points: number;
  maxPoints: number | null;
  first: boolean;
  span: number;
}

/**
 * One town's 整改成效评估: every deduction rule of the model with what the records suggest, the count
 * the office enters and a note; the score, grade and 二次整改 follow live (the domain's evaluate), and
 * the server scores again when saved. Confirmed evaluations are read only.
 */
export function EvaluationDrawer({ roundId, townCode, onClose }: { roundId: string; townCode: string | null; onClose: () => void }) {
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  useEffect(() => setAsOf(undefined), [townCode]);
  const q = useQuery({
    queryKey: metricsKeys.evaluation(roundId, townCode ?? '', asOf),
    queryFn: () => metricsApi.evaluation(roundId, townCode!, asOf),
    enabled: townCode !== null,
  });
  const d = q.data;
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [conclusion, setConclusion] = useState('');
  // a fresh load (another town, another date, after saving) resets the form to what the server holds
  useEffect(() => {
    if (!d) return;
    setCounts(d.counts);
    setNotes(d.notes);
    setConclusion(d.conclusion);
  }, [d]);

  const result = useMemo(() => (d ? evaluate(counts, d.model) : null), [counts, d]);
  const lines = useMemo((): Line[] => {
    if (!d || !result) return [];
    return result.indicators.flatMap((ind) => {
      const rules = d.model.indicators.find((i) => i.key === ind.key)?.rules ?? [];
      return ind.lines.map((l, n) => {
        const rule = rules.find((r) => r.key === l.rule);
        return { ...l, indicator: ind.label, weight: ind.weight, points: rule?.points ?? 0, maxPoints: rule?.maxPoints ?? null, first: n === 0, span: n === 0 ? ind.lines.length : 0 };
      });
    });
  }, [d, result]);

  const done = () => {
    void qc.invalidateQueries({ queryKey: metricsKeys.all });
  };
  const save = useMutation({
    mutationFn: () => metricsApi.saveEvaluation(roundId, townCode!, { asOf: d!.asOf, counts, notes, conclusion, version: d!.version }),
    meta: { silent: true },
    onSuccess: (s) => {
      message.success(`已保存草稿：${s.total} 分，${s.gradeName}`);
      done();
    },
  });
  const confirm = useMutation({
    mutationFn: () => metricsApi.confirmEvaluation(roundId, townCode!, d!.version),
    meta: { silent: true },
    onSuccess: () => {
      message.success('评估已确认');
      done();
    },
  });
  const dirty = d ? JSON.stringify(counts) !== JSON.stringify(d.counts) || JSON.stringify(notes) !== JSON.stringify(d.notes) || conclusion !== d.conclusion : false;

  const editable = Boolean(d?.canEdit);
  // a count that departs from what the records suggest is saved only with a note (the server checks too)
  const needsNote = (rule: string) => {
    const s = d?.suggested[rule];
    return s !== undefined && (counts[rule] ?? 0) !== s.count;
  };
  const missingNotes = d ? Object.keys(d.suggested).filter((k) => needsNote(k) && !notes[k]?.trim()).length : 0;
  const columns: TableColumnsType<Line> = [
    { title: '指标', dataIndex: 'indicator', width: 110, onCell: (l) => ({ rowSpan: l.span }), render: (t: string, l) => `${t}（${l.weight} 分）` },
    { title: '扣分项', dataIndex: 'label', render: (t: string, l) => `${t}，每次扣 ${l.points} 分${l.maxPoints !== null ? `，最多扣 ${l.maxPoints} 分` : ''}` },
    {
      title: '数据建议',
      key: 'suggested',
      width: 200,
      render: (_v, l) => {
        const s = d?.suggested[l.rule];
        if (!s) return <Typography.Text type="secondary">由巡察办填写</Typography.Text>;
        return (
          <Typography.Text type={s.count > 0 ? 'warning' : 'secondary'}>
            {s.count} 次：{s.basis}
          </Typography.Text>
        );
      },
    },
    {
      title: '次数',
      key: 'count',
      width: 100,
      render: (_v, l) =>
        editable ? (
          <InputNumber
            min={0}
            max={10000}
            precision={0}
            value={counts[l.rule] ?? 0}
            onChange={(v) => setCounts((c) => ({ ...c, [l.rule]: typeof v === 'number' ? v : 0 }))}
            style={{ width: 80 }}
            data-testid={`count-${l.rule}`}
          />
        ) : (
          l.count
        ),
    },
    { title: '扣分', dataIndex: 'deducted', width: 70, render: (v: number) => (v > 0 ? <Typography.Text type="danger">-{v}</Typography.Text> : 0) },
    {
      title: '说明',
      key: 'note',
      width: 220,
      render: (_v, l) =>
        editable ? (
          <Input
            value={notes[l.rule] ?? ''}
            maxLength={500}
            status={needsNote(l.rule) && !notes[l.rule]?.trim() ? 'error' : undefined}
            placeholder={needsNote(l.rule) ? '与数据建议不同，请说明理由' : '可选'}
            onChange={(e) => setNotes((n) => ({ ...n, [l.rule]: e.target.value }))}
            data-testid={`note-${l.rule}`}
          />
        ) : (
          notes[l.rule] || <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <Drawer
      open={townCode !== null}
      onClose={onClose}
      size={1200}
      destroyOnHidden
      title={d ? `${d.townName} · ${d.round.label} 整改成效评估` : '整改成效评估'}
      data-testid="evaluation-drawer"
      extra={
        d && (
          <Flex gap={8}>
            <Button icon={<FileWordOutlined />} href={metricsDocuments.report(roundId, d.townCode, d.asOf)}>
              整改情况报告
            </Button>
            {d.saved && (
              <Button icon={<FileWordOutlined />} href={metricsDocuments.evaluation(roundId, d.townCode)}>
                评估报告
              </Button>
            )}
          </Flex>
        )
      }
    >
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : d && result ? (
        <>
          <RefusalAlert error={save.error ?? confirm.error} />
          {d.status === 'confirmed' && <Alert type="success" showIcon style={{ marginBottom: 12 }} title={`评估已于 ${d.saved?.confirmedOn ?? ''} 确认，不能再修改。`} />}
          {d.status === 'draft' && dirty && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="有未保存的修改" />}
          <Descriptions size="small" column={3} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label="评估截止日期">
              {editable ? (
                <DatePicker
                  allowClear={false}
                  value={dayjs(d.asOf)}
                  onChange={(v) => v && setAsOf(v.format('YYYY-MM-DD'))}
                  data-testid="evaluation-as-of"
                />
              ) : (
                d.asOf
              )}
            </Descriptions.Item>
            <Descriptions.Item label="状态">{d.status === 'new' ? '未评估' : (d.saved?.statusName ?? '')}</Descriptions.Item>
            <Descriptions.Item label="得分与等次">
              <Typography.Text strong data-testid="evaluation-total">
                {result.total} 分
              </Typography.Text>{' '}
              <GradeTag grade={result.grade} />
              {result.secondRectification && <Tag color="red">需二次整改</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="整改到位率">{formatRate(d.rates.rectified.rate)}</Descriptions.Item>
            <Descriptions.Item label="移交事项办结率">{formatRate(d.rates.transfers.rate)}</Descriptions.Item>
            <Descriptions.Item label="群众满意率">{formatRate(d.rates.satisfaction.rate)}</Descriptions.Item>
          </Descriptions>
          <Table<Line> size="small" bordered rowKey="rule" pagination={false} columns={columns} dataSource={lines} data-testid="evaluation-lines" />
          <Flex gap={16} style={{ margin: '12px 0' }} wrap>
            {result.indicators.map((i) => (
              <Typography.Text key={i.key}>
                {i.label}：{i.score} / {i.weight}
              </Typography.Text>
            ))}
          </Flex>
          <Typography.Title level={5}>评估结论</Typography.Title>
          {editable ? (
            <Input.TextArea rows={4} maxLength={5000} showCount value={conclusion} onChange={(e) => setConclusion(e.target.value)} placeholder="整改工作的总体评价、存在的不足和要求（写入评估报告）" />
          ) : (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{conclusion || '—'}</Typography.Paragraph>
          )}
          {editable && (
            <Flex gap={8} justify="end" align="center" style={{ marginTop: 16 }}>
              {missingNotes > 0 && <Typography.Text type="danger">有 {missingNotes} 项次数与数据建议不同，请填写说明</Typography.Text>}
              <Button type="primary" loading={save.isPending} disabled={missingNotes > 0} onClick={() => save.mutate()} data-testid="evaluation-save">
                保存草稿
              </Button>
              <Button
                disabled={!d.canConfirm || dirty}
                title={dirty ? '请先保存修改' : undefined}
                loading={confirm.isPending}
                onClick={() =>
                  modal.confirm({
                    title: `确认${d.townName}的整改成效评估？`,
                    content: `${d.saved?.total ?? ''} 分，等次“${d.saved?.gradeName ?? ''}”${d.saved?.secondRectification ? '，需二次整改' : ''}。确认后不能再修改。`,
                    okText: '确认评估',
                    cancelText: '取消',
                    onOk: () => confirm.mutateAsync(),
                  })
                }
                data-testid="evaluation-confirm"
              >
                确认评估
              </Button>
            </Flex>
          )}
        </>
      ) : null}
    </Drawer>
  );
}
