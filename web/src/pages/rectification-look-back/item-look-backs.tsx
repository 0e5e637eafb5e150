import { useQuery } from '@tanstack/react-query';
import { Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { lookBackApi, lookBackKeys } from '../../api/rectification-look-back';
import { ReasonTags, VerdictTag } from './look-back-tags';

/** On an item's page: the 回头看 targets it is linked to and their verdicts (nothing when it was never re-inspected). */
export function ItemLookBacks({ itemId }: { itemId: string }) {
  const q = useQuery({ queryKey: lookBackKeys.item(itemId), queryFn: () => lookBackApi.ofItem(itemId) });
  if (!q.data || q.data.items.length === 0) return null;
  return (
    <Card size="small" title="回头看" data-testid="rect-look-backs">
      <List
        size="small"
        dataSource={q.data.items}
        renderItem={(l) => (
          <List.Item>
            <Space orientation="vertical" size={2}>
              <Space size={4} wrap>
                <Link to={`/rectification/look-back?tab=targets&target=${l.targetId}`}>{`${l.roundLabel}回头看`}</Link>
                <VerdictTag verdict={l.verdict} name={l.verdictName} />
                <ReasonTags reasons={l.reasons} />
              </Space>
              {l.comment && <Typography.Text>{l.comment}</Typography.Text>}
              {l.decidedAt && (
                <Typography.Text type="secondary">{`${l.decidedByName ?? ''} ${new Date(l.decidedAt).toLocaleString('zh-CN')}${l.itemStatusBefore !== l.itemStatusAfter ? `，事项由“${l.itemStatusBeforeName}”转为“${l.itemStatusAfterName}”` : ''}`}</Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
