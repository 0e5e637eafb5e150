import { DeleteOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Popconfirm, Radio, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { InspectionChecklistItem } from '../../../api/checklists';
import { reportError } from '../../../api/errors';
import { CHECK_RESULTS, type CheckResult } from '../../../../../domain/inspections/checklist-coverage';

const SOURCE_COLORS = { common: 'blue', personalised: 'purple', team: 'orange' } as const;
const RESULT_LIST = ['no_problem', 'problem_found', 'not_checked'] as const satisfies readonly CheckResult[];

/** One item of a village's list: what to check, where it came from, and its mark with a note. */
export function ChecklistItemRow({
  item,
  index,
  markable,
  removable,
  onMark,
  onRemove,
}: {
  item: InspectionChecklistItem;
  index: number;
  markable: boolean;
  removable: boolean;
  onMark: (result: CheckResult, note: string) => Promise<unknown>;
  onRemove: () => Promise<unknown>;
}) {
  const [result, setResult] = useState<CheckResult>(item.result);
  const [note, setNote] = useState(item.note);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setResult(item.result);
    setNote(item.note);
  }, [item.result, item.note]);

  const dirty = result !== item.result || note.trim() !== item.note;
  const needsNote = result === 'problem_found' && note.trim() === '';

  const save = async (r: CheckResult, n: string) => {
    setSaving(true);
    try {
      await onMark(r, n.trim());
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };

  const sourceTip = item.source === 'team' ? '巡察组进驻前增加' : `${item.catalogueName ?? ''}${item.catalogueVersion ? `（第 ${item.catalogueVersion} 版）` : ''}`;

  return (
    <div style={{ padding: '10px 0', borderTop: index === 0 ? undefined : '1px solid rgba(5,5,5,0.06)' }} data-testid="inspection-checklist-item">
      <Flex justify="space-between" align="start" gap={12} wrap>
        <div style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Space size={4} wrap>
            <Typography.Text strong>{item.title}</Typography.Text>
            <Tooltip title={sourceTip}>
              <Tag color={SOURCE_COLORS[item.source]}>{item.sourceName}</Tag>
            </Tooltip>
            {item.powerClassName && <Tag color="cyan">小微权力·{item.powerClassName}</Tag>}
          </Space>
          {item.manifestations.length > 0 && (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20, color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>
              {item.manifestations.map((m, k) => (
                <li key={k}>{m}</li>
              ))}
            </ul>
          )}
        </div>
        <div style={{ flex: '0 1 360px', minWidth: 260 }}>
          <Flex gap={8} align="center" wrap>
            <Radio.Group
              size="small"
              optionType="button"
              buttonStyle="solid"
              disabled={!markable || saving}
              value={result}
              onChange={(e) => {
                const r = e.target.value as CheckResult;
                setResult(r);
                // a problem needs a note first; other results are saved at once
                if (!(r === 'problem_found' && note.trim() === '')) void save(r, note);
              }}
              options={RESULT_LIST.map((r) => ({ value: r, label: CHECK_RESULTS[r] }))}
              aria-label="检查结果"
            />
            {removable && (
              <Popconfirm title={`删除本组增加的事项“${item.title}”？`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={onRemove}>
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label="删除事项" />
              </Popconfirm>
            )}
          </Flex>
          {markable ? (
            <>
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 4 }}
                maxLength={2000}
                value={note}
                status={needsNote ? 'warning' : undefined}
                placeholder={result === 'problem_found' ? '发现的问题，简要说明（必填），如：见问题底稿第 3 号' : '备注（可选）'}
                onChange={(e) => setNote(e.target.value)}
                style={{ marginTop: 6 }}
              />
              {dirty && (
                <Flex gap={8} align="center" style={{ marginTop: 4 }}>
                  <Button size="small" type="primary" disabled={needsNote} loading={saving} onClick={() => void save(result, note)}>
                    保存
                  </Button>
                  <Button
                    size="small"
                    onClick={() => {
                      setResult(item.result);
                      setNote(item.note);
                    }}
                  >
                    撤销
                  </Button>
                  {needsNote && <Typography.Text type="warning">发现问题的事项请简要说明</Typography.Text>}
                </Flex>
              )}
            </>
          ) : (
            item.note && (
              <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 13 }}>
                备注：{item.note}
              </Typography.Paragraph>
            )
          )}
          {item.markedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {item.markedByName ?? ''} 标记于 {new Date(item.markedAt).toLocaleString('zh-CN', { hour12: false })}
            </Typography.Text>
          )}
        </div>
      </Flex>
    </div>
  );
}
