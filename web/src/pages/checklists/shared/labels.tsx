import { Tag, Tooltip } from 'antd';
import type { VersionStatus } from '../../../../../domain/checklists/catalogue';

const STATUS_COLORS: Record<VersionStatus, string> = { draft: 'gold', published: 'green', retired: 'default' };

export function VersionStatusTag({ status, name, version }: { status: VersionStatus; name: string; version?: number }) {
  return <Tag color={STATUS_COLORS[status]}>{version !== undefined ? `第 ${version} 版 · ${name}` : name}</Tag>;
}

export function BuiltinBadge() {
  return (
    <Tooltip title="系统预置的默认清单：可直接修改（修改后形成新版本），也可复制为本地清单后调整">
      <Tag color="blue" data-testid="builtin-badge">
        系统预置（可修改）
      </Tag>
    </Tooltip>
  );
}

export function KindTag({ kind, name }: { kind: string; name: string }) {
  return <Tag color={kind === 'common' ? 'geekblue' : 'purple'}>{name}</Tag>;
}
