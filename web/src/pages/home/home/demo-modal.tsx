import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Modal, Progress, Result, Spin, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ROLES, type Role } from '../../../../../domain/access/roles';
import { systemApi } from '../../../api/endpoints';
import type { DemoSummary } from '../../../api/types';
import { errorText } from '../../../api/errors';

type DemoRectification = NonNullable<NonNullable<DemoSummary['work']>['rectification']>;

/** The rectification rows: items by status and colour, and the one rating link left unused (shown only here and by the CLI). */
function rectificationRows(r: DemoRectification) {
  const n = (k: string) => r.byStatus[k] ?? 0;
  const url = `${window.location.origin}${r.rating.link}`;
  return [
    {
      key: 'z',
      label: '整改事项',
      span: 2,
      children: `${r.items} 项：待制定措施 ${n('drafting')}，整改中 ${n('in_progress')}，待核查 ${n('submitted')}，待销号审核 ${n('signing')}，退回整改 ${n('returned')}，已销号 ${n('closed')}；三色预警 绿 ${r.alerts.green}、黄 ${r.alerts.yellow}、红 ${r.alerts.red}`,
    },
    {
      key: 'q',
      label: '群众评议',
      span: 2,
      children: (
        <>
          {r.rating.village}：{r.rating.rated}/{r.rating.representatives} 名代表已评议。未使用的评议链接（可用手机打开，无需账户）：
          <Typography.Text copyable={{ text: url, tooltips: ['复制', '已复制'] }} data-testid="demo-rating-link">
            {url}
          </Typography.Text>
        </>
      ),
    },
    ...(r.lookBack ? [{ key: 'h', label: '回头看', span: 2, children: `${r.lookBack.roundLabel}（准备阶段）：${r.lookBack.village}，关联原整改事项 ${r.lookBack.items} 项` }] : []),
  ];
}

type DemoPublic = NonNullable<DemoSummary['public']>;

/** A link of the summary on this deployment: the server writes its own origin (as the CLI prints it). */
const here = (link: string) => {
  const u = new URL(link, window.location.origin);
  return `${window.location.origin}${u.pathname}${u.search}`;
};

/** 码上巡 and questionnaires: the passphrase, a receipt and an unused paper access code to try (shown only here and by the CLI). */
function publicRows(p: DemoPublic) {
  const receiptPage = `${window.location.origin}/p/receipt`;
  const codePage = here(p.accessCode.link);
  const copy = (text: string) => ({ text, tooltips: ['复制', '已复制'] });
  return [
    {
      key: 'm',
      label: '码上巡',
      span: 2,
      children: `扫码编号 ${p.codes} 个，巡察公告 ${p.notices} 份；群众来件 ${p.reports} 件（实名 ${p.named} 件）；问卷 ${p.questionnaires.map((q) => `${q.title}（${q.target}，答卷 ${q.answers} 份）`).join('、')}`,
    },
    {
      key: 'k',
      label: '实名反映解密口令',
      span: 2,
      children: (
        <>
          <Typography.Text code copyable={copy(p.passphrase)} data-testid="demo-passphrase">
            {p.passphrase}
          </Typography.Text>
          <Typography.Text type="secondary">（巡察办查看实名反映人身份时输入）</Typography.Text>
        </>
      ),
    },
    {
      key: 'rc',
      label: '演示回执码',
      span: 2,
      children: (
        <>
          <Typography.Text code copyable={copy(p.receipt.code)} data-testid="demo-receipt">
            {p.receipt.code}
          </Typography.Text>
          （{p.receipt.target}，{p.receipt.status}，巡察组的提问待答复）在{' '}
          <Typography.Link href={receiptPage} target="_blank" rel="noreferrer">
            {receiptPage}
          </Typography.Link>{' '}
          查看并留言
        </>
      ),
    },
    {
      key: 'ac',
      label: '纸质问卷访问码',
      span: 2,
      children: (
        <>
          <Typography.Text code copyable={copy(p.accessCode.code)} data-testid="demo-access-code">
            {p.accessCode.code}
          </Typography.Text>
          （未使用）在{' '}
          <Typography.Link href={codePage} target="_blank" rel="noreferrer" copyable={copy(codePage)}>
            {codePage}
          </Typography.Link>{' '}
          作答
        </>
      ),
    },
  ];
}

/** Builds the demo county (溧阳市) on an empty deployment; takes 10–30 seconds, so it shows progress. */
export function DemoModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [elapsed, setElapsed] = useState(0);
  const build = useMutation({
    mutationFn: systemApi.buildDemo,
    meta: { silent: true },
    onSuccess: () => {
      void queryClient.invalidateQueries();
    },
  });

  useEffect(() => {
    if (!build.isPending) return;
    const started = Date.now();
    const t = setInterval(() => setElapsed(Math.round((Date.now() - started) / 1000)), 500);
    return () => clearInterval(t);
  }, [build.isPending]);

  const close = () => {
    if (build.isPending) return;
    build.reset();
    setElapsed(0);
    onClose();
  };
  const s = build.data;

  return (
    <Modal
      open={open}
      title="生成演示数据"
      onCancel={close}
      closable={!build.isPending}
      mask={{ closable: false }}
      width={640}
      destroyOnHidden
      footer={
        s || build.isError ? (
          <Button type="primary" onClick={close}>
            完成
          </Button>
        ) : (
          [
            <Button key="c" onClick={close} disabled={build.isPending}>
              取消
            </Button>,
            <Button key="ok" type="primary" loading={build.isPending} onClick={() => build.mutate()} data-testid="demo-confirm">
              开始生成
            </Button>,
          ]
        )
      }
    >
      {build.isPending ? (
        <div style={{ textAlign: 'center', padding: '24px 0' }}>
          <Spin size="large" />
          <Typography.Paragraph style={{ marginTop: 16 }}>正在生成演示数据（溧阳市），通常需要 10–30 秒，请勿关闭页面……</Typography.Paragraph>
          <Progress percent={Math.min(95, Math.round((elapsed / 30) * 100))} status="active" showInfo={false} />
          <Typography.Text type="secondary">已用时 {elapsed} 秒</Typography.Text>
        </div>
      ) : build.isError ? (
        <Result status="error" title="生成失败" subTitle={errorText(build.error)} />
      ) : s ? (
        <div data-testid="demo-summary">
          <Result status="success" title="演示数据已生成" style={{ padding: '8px 0 16px' }} />
          <Descriptions
            bordered
            size="small"
            column={2}
            items={[
              { key: 'c', label: '演示区县', children: s.county },
              { key: 't', label: '乡镇（街道）', children: s.towns },
              { key: 'v', label: '村（社区）', children: s.villages },
              { key: 'd', label: '村干部', children: `${s.cadres} 名（亲属 ${s.relatives} 名）` },
              ...(s.work
                ? [
                    { key: 'r', label: '巡察轮次', children: s.work.rounds.map((r) => `${r.label}（${r.phase}）`).join('；'), span: 2 },
                    { key: 'f', label: '问题底稿', children: `${Object.values(s.work.findings).reduce((a, b) => a + b, 0)} 份（已审定 ${s.work.findings.approved ?? 0} 份）` },
                    { key: 'l', label: '问题线索', children: `${s.work.leads.leads} 条（处理结果 ${s.work.leads.outcomes} 人次）` },
                    { key: 'p', label: '巡察报告', children: `${s.work.reports} 份` },
                    { key: 'b', label: '反馈', children: `${s.work.feedbacks} 次` },
                    ...(s.work.rectification ? rectificationRows(s.work.rectification) : []),
                  ]
                : []),
              ...(s.public ? publicRows(s.public) : []),
              ...(s.analytics
                ? [
                    {
                      key: 'a',
                      label: '大数据比对',
                      span: 2,
                      children: `导入数据集 ${s.analytics.datasets.length} 个（${s.analytics.datasets.reduce((n, d) => n + d.rows, 0)} 行，存疑 ${s.analytics.datasets.reduce((n, d) => n + d.flagged, 0)} 处）；${s.analytics.roundLabel}运行 ${s.analytics.models} 个模型，疑点 ${s.analytics.hits} 条（待核实 ${s.analytics.byStatus.pending ?? 0}、已确认 ${s.analytics.byStatus.confirmed ?? 0}、已排除 ${s.analytics.byStatus.dismissed ?? 0}，其中重新打开 ${s.analytics.reopened} 条）；预置疑点的村：${s.analytics.villages.map((v) => `${v.name}（${v.team}）`).join('、')}`,
                    },
                  ]
                : []),
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            演示账户（密码均为{' '}
            <Typography.Text code copyable={{ text: s.password, tooltips: ['复制', '已复制'] }}>
              {s.password}
            </Typography.Text>
            ）
          </Typography.Title>
          <Table
            size="small"
            rowKey="username"
            pagination={{ pageSize: 6, size: 'small' }}
            dataSource={s.users}
            columns={[
              { title: '用户名', dataIndex: 'username' },
              { title: '角色', dataIndex: 'role', render: (r: string) => r.split(',').map((x) => ROLES[x.trim() as Role] ?? x).join('、') },
              { title: '所属组织', dataIndex: 'org' },
            ]}
          />
        </div>
      ) : (
        <>
          <Typography.Paragraph>
            将用江苏省溧阳市（320481）的真实行政区划生成一个演示县：各镇（街道）党（工）委及其账户、县巡察办账户、各村（社区）的档案数字、分类标签，以及模拟的村“两委”干部及其亲属。
          </Typography.Paragraph>
          <Alert type="warning" showIcon title="演示数据只能在没有任何区划数据的空库中生成，生成后不能一键删除。请勿在正式环境中使用。" />
        </>
      )}
    </Modal>
  );
}
