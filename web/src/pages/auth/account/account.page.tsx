import { CheckCircleTwoTone, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Alert, Button, Card, Col, Descriptions, Form, Image, Input, Modal, Row, Space, Tag, Typography } from 'antd';
import QRCode from 'qrcode';
import { useState } from 'react';
import { ORG_KINDS, PERMISSIONS, ROLES } from '../../../../../domain/access/roles';
import { isApiError } from '../../../api/client';
import { authApi, keys } from '../../../api/endpoints';
import { queryClient } from '../../../api/query-client';
import { PageContainer } from '../../../components/page-container';
import { useMe } from '../../../session/session';
import { NewPasswordFields } from '../password-fields';

function ChangePasswordCard() {
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const change = useMutation({
    mutationFn: authApi.changePassword,
    onSuccess: () => {
      form.resetFields();
      void message.success('密码已修改，其他设备上的登录已全部退出');
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'INVALID_CREDENTIALS') form.setFields([{ name: 'currentPassword', errors: [e.message] }]);
      if (isApiError(e) && e.code === 'PASSWORD_TOO_WEAK') form.setFields([{ name: 'newPassword', errors: [e.message] }]);
    },
  });
  return (
    <Card title="修改密码">
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 400 }}
        onFinish={(v) => change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword })}
        disabled={change.isPending}
      >
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields username={me.username} />
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          修改密码
        </Button>
      </Form>
    </Card>
  );
}

function TotpCard() {
  const me = useMe();
  const { message } = App.useApp();
  // The server does not say yet whether TOTP is on; what this page did is the next best knowledge.
  const [enabled, setEnabled] = useState<boolean | undefined>(me.totpEnabled);
  const [setup, setSetup] = useState<{ secret: string; qr: string } | null>(null);
  const [code, setCode] = useState('');
  const [disableOpen, setDisableOpen] = useState(false);
  const [disableForm] = Form.useForm<{ password: string }>();

  const begin = useMutation({
    mutationFn: authApi.totpSetup,
    onSuccess: async (s) => {
      const qr = await QRCode.toDataURL(s.uri, { width: 220, margin: 1, errorCorrectionLevel: 'M' });
      setSetup({ secret: s.secret, qr });
      setCode('');
    },
  });
  const enable = useMutation({
    mutationFn: (c: string) => authApi.totpEnable(c),
    onSuccess: () => {
      setEnabled(true);
      setSetup(null);
      void message.success('已启用动态验证码：下次登录时需输入验证器中的 6 位数字');
      void queryClient.invalidateQueries({ queryKey: keys.me });
    },
  });
  const disable = useMutation({
    mutationFn: (password: string) => authApi.totpDisable(password),
    onSuccess: () => {
      setEnabled(false);
      setDisableOpen(false);
      disableForm.resetFields();
      void message.success('已停用动态验证码');
      void queryClient.invalidateQueries({ queryKey: keys.me });
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'INVALID_CREDENTIALS') disableForm.setFields([{ name: 'password', errors: [e.message] }]);
    },
  });

  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          动态验证码（两步验证）
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        启用后，登录时除密码外还需输入手机验证器（支持 TOTP 的应用，如 Google Authenticator、Microsoft Authenticator
        或各类身份验证器小程序）生成的 6 位数字，账户更安全。
      </Typography.Paragraph>
      {enabled !== undefined && (
        <Typography.Paragraph>
          当前状态：<span data-testid="totp-status">{enabled ? <Tag color="green">已启用</Tag> : <Tag>未启用</Tag>}</span>
        </Typography.Paragraph>
      )}
      {setup ? (
        <Space align="start" size={24} wrap>
          <Image src={setup.qr} width={220} preview={false} alt="动态验证码二维码" />
          <div style={{ maxWidth: 360 }}>
            <Typography.Paragraph>1. 用验证器扫描左侧二维码；无法扫描时手动输入密钥：</Typography.Paragraph>
            <Typography.Paragraph code copyable={{ text: setup.secret, tooltips: ['复制', '已复制'] }}>
              <span data-testid="totp-secret">{setup.secret}</span>
            </Typography.Paragraph>
            <Typography.Paragraph>2. 输入验证器显示的 6 位数字：</Typography.Paragraph>
            <div data-testid="totp-code">
              <Input.OTP length={6} value={code} onChange={setCode} />
            </div>
            <Space style={{ marginTop: 16 }}>
              <Button type="primary" disabled={code.length !== 6} loading={enable.isPending} onClick={() => enable.mutate(code)} data-testid="totp-confirm">
                确认启用
              </Button>
              <Button onClick={() => setSetup(null)}>取消</Button>
            </Space>
          </div>
        </Space>
      ) : (
        <Space>
          {enabled !== true && (
            <Button type="primary" loading={begin.isPending} onClick={() => begin.mutate()} data-testid="totp-start">
              {enabled === undefined ? '启用（或重新绑定）动态验证码' : '启用动态验证码'}
            </Button>
          )}
          {enabled !== false && (
            <Button danger onClick={() => setDisableOpen(true)}>
              停用动态验证码
            </Button>
          )}
        </Space>
      )}
      <Modal
        open={disableOpen}
        title="停用动态验证码"
        okText="停用"
        okButtonProps={{ danger: true, loading: disable.isPending }}
        onOk={() => disableForm.submit()}
        onCancel={() => setDisableOpen(false)}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title="停用后登录只需密码。" style={{ marginBottom: 16 }} />
        <Form form={disableForm} layout="vertical" onFinish={(v) => disable.mutate(v.password)}>
          <Form.Item name="password" label="请输入登录密码确认" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

export function AccountPage() {
  const me = useMe();
  return (
    <PageContainer title="账户设置">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title="我的账户">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'u', label: '用户名', children: me.username },
                { key: 'n', label: '姓名', children: me.displayName },
                { key: 'o', label: '所属组织', children: `${me.org.name}（${ORG_KINDS[me.org.kind] ?? me.org.kind}）` },
                { key: 'r', label: '角色', children: me.roles.map((r) => <Tag key={r}>{ROLES[r] ?? r}</Tag>) },
                {
                  key: 'p',
                  label: '权限',
                  children: (
                    <Space orientation="vertical" size={2}>
                      {me.permissions.map((p) => (
                        <span key={p}>
                          <CheckCircleTwoTone twoToneColor="#52c41a" /> {PERMISSIONS[p] ?? p}
                        </span>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <ChangePasswordCard />
            <TotpCard />
          </Space>
        </Col>
      </Row>
    </PageContainer>
  );
}
