import { Tag, Typography } from 'antd';

/** 村 (村民委员会) or 社区 (居民委员会). */
export function VillageKindTag({ kind }: { kind: string | null }) {
  return kind ? <Tag color={kind === '社区' ? 'blue' : 'green'}>{kind}</Tag> : <Typography.Text type="secondary">—</Typography.Text>;
}
