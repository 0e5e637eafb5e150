import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  ACCESS_MODES,
  QUESTION_TYPES,
  questionnaireDefinition,
  type AccessMode,
  type QuestionInput,
  type QuestionnaireDefinitionInput,
  type QuestionType,
} from '../../../../domain/public-reports/questionnaires';
import { move, newId, newQuestion, retype } from './definition-edit';
import { isApiError } from '../../api/client';
import { errorText } from '../../api/errors';
import { questionnairesApi, type QuestionnaireDetail } from '../../api/questionnaires';

type Section = QuestionnaireDefinitionInput['sections'][number];
type Issue = { path: string; message: string };

function QuestionEditor({ q, n, issues, readOnly, onChange, onRemove, onMove }: { q: QuestionInput; n: number; issues: string[]; readOnly: boolean; onChange: (q: QuestionInput) => void; onRemove: () => void; onMove: (d: -1 | 1) => void }) {
  const choice = q.type === 'single' || q.type === 'multiple';
  return (
    <Card
      size="small"
      style={{ marginBottom: 8, borderColor: issues.length ? '#ff4d4f' : undefined }}
      title={`第 ${n} 题 · ${QUESTION_TYPES[q.type]}`}
      extra={
        !readOnly && (
          <Space size={4}>
            <Button size="small" icon={<ArrowUpOutlined />} aria-label="上移" onClick={() => onMove(-1)} />
            <Button size="small" icon={<ArrowDownOutlined />} aria-label="下移" onClick={() => onMove(1)} />
            <Button size="small" danger icon={<DeleteOutlined />} aria-label="删除题目" onClick={onRemove} />
          </Space>
        )
      }
    >
      <Form layout="vertical" disabled={readOnly} component="div">
        <Flex gap={12} wrap>
          <Form.Item label="题目" style={{ flex: '1 1 360px', marginBottom: 8 }} required>
            <Input.TextArea autoSize value={q.text} maxLength={300} onChange={(e) => onChange({ ...q, text: e.target.value })} aria-label={`第 ${n} 题题目`} />
          </Form.Item>
          <Form.Item label="题型" style={{ marginBottom: 8 }}>
            <Select style={{ width: 110 }} value={q.type} onChange={(t: QuestionType) => onChange(retype(q, t))} options={(Object.keys(QUESTION_TYPES) as QuestionType[]).map((t) => ({ value: t, label: QUESTION_TYPES[t] }))} />
          </Form.Item>
          <Form.Item label="必答" style={{ marginBottom: 8 }}>
            <Switch checked={q.required ?? true} onChange={(required) => onChange({ ...q, required })} />
          </Form.Item>
        </Flex>
        {choice && (
          <Form.Item label="选项" style={{ marginBottom: 8 }}>
            {q.options.map((o, i) => (
              <Flex key={o.id} gap={8} style={{ marginBottom: 4 }}>
                <Input value={o.label} maxLength={100} aria-label={`选项 ${i + 1}`} onChange={(e) => onChange({ ...q, options: q.options.map((x) => (x.id === o.id ? { ...x, label: e.target.value } : x)) })} />
                {!readOnly && <Button icon={<DeleteOutlined />} aria-label="删除选项" onClick={() => onChange({ ...q, options: q.options.filter((x) => x.id !== o.id) })} />}
              </Flex>
            ))}
            {!readOnly && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ ...q, options: [...q.options, { id: newId('o'), label: '' }] })}>
                添加选项
              </Button>
            )}
          </Form.Item>
        )}
        {q.type === 'multiple' && (
          <Flex gap={12}>
            <Form.Item label="至少选" style={{ marginBottom: 8 }}>
              <InputNumber min={0} value={q.min ?? 0} onChange={(v) => onChange({ ...q, min: v ?? 0 })} suffix="项" />
            </Form.Item>
            <Form.Item label="最多选（空为不限）" style={{ marginBottom: 8 }}>
              <InputNumber min={1} value={q.max ?? null} onChange={(v) => onChange({ ...q, max: v ?? undefined })} suffix="项" />
            </Form.Item>
          </Flex>
        )}
        {q.type === 'rating' && (
          <Flex gap={12} wrap>
            <Form.Item label="分制" style={{ marginBottom: 8 }}>
              <Radio.Group value={q.scale} onChange={(e) => onChange({ ...q, scale: e.target.value as 5 | 10 })} options={[{ value: 5, label: '1–5 分' }, { value: 10, label: '1–10 分' }]} />
            </Form.Item>
            <Form.Item label="最低分说明" style={{ marginBottom: 8 }}>
              <Input value={q.lowLabel ?? ''} maxLength={20} onChange={(e) => onChange({ ...q, lowLabel: e.target.value })} />
            </Form.Item>
            <Form.Item label="最高分说明" style={{ marginBottom: 8 }}>
              <Input value={q.highLabel ?? ''} maxLength={20} onChange={(e) => onChange({ ...q, highLabel: e.target.value })} />
            </Form.Item>
          </Flex>
        )}
        {q.type === 'text' && (
          <Form.Item label="字数上限" style={{ marginBottom: 8 }}>
            <InputNumber min={1} max={2000} value={q.maxLength ?? 500} onChange={(v) => onChange({ ...q, maxLength: v ?? 500 })} suffix="字" />
          </Form.Item>
        )}
        {issues.map((m) => (
          <Typography.Text key={m} type="danger" style={{ display: 'block' }}>
            {m}
          </Typography.Text>
        ))}
      </Form>
    </Card>
  );
}

/**
 * The definition editor: title and intro, sections with their questions (type, options, required,
 * limits), answering mode and window. Read-only once published. The domain's own schema marks problems
 * as one types; the server checks the same rules again on save.
 */
export function DefinitionEditor({ detail, onSaved, onDirty }: { detail: QuestionnaireDetail; onSaved: () => void; onDirty: (dirty: boolean) => void }) {
  const { message } = App.useApp();
  const q = detail.questionnaire;
  const readOnly = q.status !== 'draft';
  const [def, setDef] = useState<QuestionnaireDefinitionInput>(() => structuredClone(detail.definition));
  const [mode, setMode] = useState<AccessMode>(q.accessMode);
  const [range, setRange] = useState<[string, string]>([q.opensOn, q.closesOn]);
  const [serverIssues, setServerIssues] = useState<Issue[] | null>(null);

  const local = questionnaireDefinition.safeParse(def);
  const issues: Issue[] = serverIssues ?? (local.success ? [] : local.error.issues.map((i) => ({ path: ['definition', ...i.path].join('.'), message: i.message })));
  const issuesAt = (prefix: string) => issues.filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`)).map((i) => i.message);

  const save = useMutation({
    mutationFn: () => questionnairesApi.update(q.id, { definition: def, roundId: q.roundId, targetId: q.targetId, accessMode: mode, opensOn: range[0], closesOn: range[1], version: q.version }),
    onSuccess: (r) => {
      setServerIssues(null);
      onDirty(false);
      setDef(structuredClone(r.definition));
      void message.success('已保存');
      onSaved();
    },
    onError: (e) => {
      if (isApiError(e) && e.fieldIssues.length > 0) setServerIssues(e.fieldIssues);
      void message.error(errorText(e));
    },
  });

  const edit = (next: QuestionnaireDefinitionInput) => {
    setServerIssues(null);
    setDef(next);
    onDirty(true);
  };
  const setSection = (si: number, s: Section) => edit({ ...def, sections: def.sections.map((x, i) => (i === si ? s : x)) });
  let n = 0;

  return (
    <div data-testid="definition-editor">
      {readOnly && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="问卷已发布，题目不能再修改" description="如需调整，请新建问卷。" />}
      <Form layout="vertical" disabled={readOnly} component="div">
        <Form.Item label="问卷标题" required validateStatus={issuesAt('definition.title').length ? 'error' : undefined} help={issuesAt('definition.title')[0]}>
          <Input value={def.title} maxLength={100} onChange={(e) => edit({ ...def, title: e.target.value })} />
        </Form.Item>
        <Form.Item label="问卷说明（显示在作答页面顶部）">
          <Input.TextArea autoSize={{ minRows: 2 }} value={def.intro ?? ''} maxLength={1000} onChange={(e) => edit({ ...def, intro: e.target.value })} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item label="作答方式">
            <Radio.Group value={mode} onChange={(e) => (setMode(e.target.value as AccessMode), onDirty(true))} options={(Object.keys(ACCESS_MODES) as AccessMode[]).map((m) => ({ value: m, label: ACCESS_MODES[m] }))} />
          </Form.Item>
          <Form.Item label="作答时间">
            <DatePicker.RangePicker
              value={[dayjs(range[0]), dayjs(range[1])]}
              allowClear={false}
              onChange={(v) => {
                if (v?.[0] && v[1]) {
                  setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')]);
                  onDirty(true);
                }
              }}
            />
          </Form.Item>
        </Flex>
      </Form>
      {def.sections.map((s, si) => (
        <Card
          key={s.id}
          style={{ marginBottom: 12, background: '#fafafa' }}
          title={
            <Input
              variant="borderless"
              value={s.title}
              disabled={readOnly}
              maxLength={100}
              aria-label={`第 ${si + 1} 部分标题`}
              onChange={(e) => setSection(si, { ...s, title: e.target.value })}
              style={{ fontWeight: 600, paddingLeft: 0 }}
            />
          }
          extra={
            !readOnly && (
              <Space size={4}>
                <Button size="small" icon={<ArrowUpOutlined />} aria-label="分组上移" onClick={() => edit({ ...def, sections: move(def.sections, si, -1) })} />
                <Button size="small" icon={<ArrowDownOutlined />} aria-label="分组下移" onClick={() => edit({ ...def, sections: move(def.sections, si, 1) })} />
                <Button size="small" danger icon={<DeleteOutlined />} disabled={def.sections.length === 1} aria-label="删除分组" onClick={() => edit({ ...def, sections: def.sections.filter((_, i) => i !== si) })} />
              </Space>
            )
          }
        >
          {issuesAt(`definition.sections.${si}.title`).map((m) => (
            <Typography.Text key={m} type="danger" style={{ display: 'block' }}>
              {m}
            </Typography.Text>
          ))}
          {s.questions.map((qq, qi) => (
            <QuestionEditor
              key={qq.id}
              q={qq}
              n={++n}
              readOnly={readOnly}
              issues={issuesAt(`definition.sections.${si}.questions.${qi}`)}
              onChange={(next) => setSection(si, { ...s, questions: s.questions.map((x, i) => (i === qi ? next : x)) })}
              onRemove={() => setSection(si, { ...s, questions: s.questions.filter((_, i) => i !== qi) })}
              onMove={(d) => setSection(si, { ...s, questions: move(s.questions, qi, d) })}
            />
          ))}
          {issuesAt(`definition.sections.${si}.questions`)
            .filter(() => s.questions.length === 0)
            .map((m) => (
              <Typography.Text key={m} type="danger" style={{ display: 'block' }}>
                {m}
              </Typography.Text>
            ))}
          {!readOnly && (
            <Space wrap>
              {(Object.keys(QUESTION_TYPES) as QuestionType[]).map((t) => (
                <Button key={t} size="small" icon={<PlusOutlined />} onClick={() => setSection(si, { ...s, questions: [...s.questions, newQuestion(t)] })}>
                  {QUESTION_TYPES[t]}题
                </Button>
              ))}
            </Space>
          )}
        </Card>
      ))}
      {!readOnly && (
        <Flex gap={12} align="center" wrap>
          <Button icon={<PlusOutlined />} onClick={() => edit({ ...def, sections: [...def.sections, { id: newId('s'), title: `第${def.sections.length + 1}部分`, description: '', questions: [newQuestion('single')] }] })}>
            添加分组
          </Button>
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="definition-save">
            保存
          </Button>
          {issues.length > 0 && (
            <Typography.Text type="danger" data-testid="definition-issues">
              还有 {issues.length} 处需要修改：{issues[0]!.message}
            </Typography.Text>
          )}
        </Flex>
      )}
    </div>
  );
}
