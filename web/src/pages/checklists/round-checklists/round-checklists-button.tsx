import { ThunderboltOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { checklistKeys, checklistsApi } from '../../../api/checklists';
import { reportError } from '../../../api/errors';
import { useAccess } from '../../../session/session';

/**
 * For the round page (office, before entry): generates the 1+X list of every village inspection of the
 * round at once. Hidden for users who may not write checklists.
 */
export function RoundChecklistsButton({ roundId, disabled, onDone }: { roundId: string; disabled?: boolean; onDone?: () => void }) {
  const access = useAccess();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!access.can('checklists.write') || !access.can('inspections.work')) return null;
  return (
    <Popconfirm
      title="为本轮全部村（社区）生成个性化监督清单？"
      description="按现行通用清单和各村分类标签生成；已标记的事项和巡察组增加的事项保留。只能在进驻前（准备阶段）生成。"
      okText="生成"
      cancelText="取消"
      onConfirm={async () => {
        setBusy(true);
        try {
          const r = await checklistsApi.generateRound(roundId);
          message.success(`已为 ${r.inspections} 个村生成清单：新增 ${r.added} 项，替换 ${r.removed} 项，保留 ${r.kept} 项${r.withoutItems ? `；${r.withoutItems} 个村没有可用清单事项` : ''}`);
          void qc.invalidateQueries({ queryKey: checklistKeys.all });
          onDone?.();
        } catch (e) {
          reportError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button icon={<ThunderboltOutlined />} loading={busy} disabled={disabled} data-testid="round-generate-checklists">
        生成监督清单
      </Button>
    </Popconfirm>
  );
}
