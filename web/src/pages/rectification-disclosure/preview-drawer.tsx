import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Empty, Space, Tag, Typography } from 'antd';
import type { DisclosureSnapshot } from '../../../../domain/rectification/disclosure';
import { disclosureApi, disclosureKeys } from '../../api/rectification-disclosure';
import { QueryError } from '../../components/query-state';
import { RefusalAlert } from '../../components/refusal-alert';

/** What the public page will show, as it will show it; the approval sends back this preview's hash. */
export function PreviewDrawer({ roundId, republish, onClose }: { roundId: string; republish: boolean; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  // always fresh: the approval must match what is on screen
  const q = useQuery({ queryKey: disclosureKeys.preview(roundId), queryFn: () => disclosureApi.preview(roundId), staleTime: 0, gcTime: 0 });
  const publish = useMutation({
    mutationFn: (hash: string) => disclosureApi.publish(roundId, hash),
    meta: { silent: true },
    onSuccess: (d) => {
      void queryClient.invalidateQueries({ queryKey: disclosureKeys.all });
      void message.success(`已审批发布第 ${d.version} 版，公开链接可复制分享`);
      onClose();
    },
  });
  const p = q.data;
  const approve = () =>
    p &&
    modal.confirm({
      title: republish ? '确认重新审批发布？' : '确认审批发布？',
      content: `发布后，公众无需登录即可查看预览中的 ${p.snapshot.itemCount} 项整改情况${republish ? '，公开页面将替换为这一版本' : ''}。`,
      okText: '审批发布',
      cancelText: '取消',
      onOk: () => publish.mutateAsync(p.contentHash).catch(() => undefined),
    });

  return (
    <Drawer
      open
      width={820}
      title="预览公开内容"
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={() => void q.refetch()} loading={q.isFetching}>
            刷新预览
          </Button>
          <Button type="primary" disabled={!p || p.snapshot.itemCount === 0} loading={publish.isPending} onClick={approve} data-testid="disclosure-approve">
            审批发布
          </Button>
        </Space>
      }
    >
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      <RefusalAlert error={publish.error} />
      {p && (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`将公开 ${p.snapshot.itemCount} 项；不公开 ${p.withheld.total} 项（尚未销号 ${p.withheld.notClosed} 项，标记不予公开 ${p.withheld.exempt} 项）`}
            description="公开页面只显示问题、类别、整改措施和结果，不显示责任领导、经办人、问题详情和举报人信息；措施中出现的责任领导、经办人和登记在册的村（社区）干部姓名已替换为“×××”。请逐项核对措辞后再审批。"
          />
          <SnapshotView snapshot={p.snapshot} />
        </>
      )}
    </Drawer>
  );
}

export function SnapshotView({ snapshot }: { snapshot: DisclosureSnapshot }) {
  if (snapshot.itemCount === 0) return <Empty description="本轮还没有可以公开的整改事项（已销号且未标记不予公开）" />;
  return (
    <div data-testid="disclosure-snapshot">
      <Typography.Title level={4} style={{ textAlign: 'center', color: '#a8071a' }}>
        {snapshot.title}
      </Typography.Title>
      {snapshot.towns.map((t) => (
        <section key={t.code}>
          <Typography.Title level={5} style={{ borderLeft: '4px solid #c41d1d', paddingLeft: 8 }}>
            {t.name}
          </Typography.Title>
          {t.places.map((pl) => (
            <div key={pl.code} style={{ marginBottom: 12 }}>
              <Typography.Text strong>{`${pl.name}（${pl.items.length} 项）`}</Typography.Text>
              {pl.items.map((i) => (
                <Card key={i.code} size="small" style={{ marginTop: 8 }}>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>
                    <Typography.Text strong>{i.problem}</Typography.Text> <Tag color="green">{i.kindName}</Tag>
                  </Typography.Paragraph>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>{`问题类别：${i.categoryName}`}</Typography.Paragraph>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>{`整改措施：${i.measures}`}</Typography.Paragraph>
                  <Typography.Paragraph style={{ marginBottom: 0 }}>{`整改结果：${i.result}`}</Typography.Paragraph>
                </Card>
              ))}
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
