import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/client';
import { authApi } from '../../../api/endpoints';
import { errorText } from '../../../api/errors';
import { APP_TITLE } from '../../../components/page-container';
import { clearSession, useSessionQuery } from '../../../session/session';

interface Values {
  username: string;
  password: string;
  totp?: string;
}

/** Only same-site paths are followed after login. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSessionQuery();
  const [needTotp, setNeedTotp] = useState(false);
  const [problem, setProblem] = useState<{ type: 'error' | 'warning'; text: string } | null>(null);
  const otpRef = useRef<HTMLDivElement>(null);
  const next = safeNext(params.get('next'));

  useEffect(() => {
    document.title = `登录 - ${APP_TITLE}`;
  }, []);

  const login = useMutation({
    mutationFn: authApi.login,
    meta: { silent: true },
    onSuccess: (res) => {
      if (!res.user) {
        // The password was right but the session is not usable (e.g. the organisation is disabled).
        setProblem({ type: 'error', text: '账户或所属组织已停用，请联系管理员' });
        return;
      }
      clearSession(res.user);
      void navigate(res.user.mustChangePassword ? '/change-password' : next, { replace: true, state: { next } });
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'TOTP_REQUIRED') {
        setNeedTotp(true);
        setProblem(null);
        setTimeout(() => otpRef.current?.querySelector('input')?.focus(), 50);
        return;
      }
      if (isApiError(e) && e.code === 'TOTP_INVALID') {
        form.setFields([{ name: 'totp', value: '', errors: [e.message] }]);
        setProblem(null);
        return;
      }
      const warning = isApiError(e) && (e.code === 'LOGIN_THROTTLED' || e.code === 'ACCOUNT_LOCKED');
      setProblem({ type: warning ? 'warning' : 'error', text: errorText(e) });
    },
  });

  if (session.data && !login.isPending) {
    return <Navigate to={session.data.mustChangePassword ? '/change-password' : next} replace />;
  }

  const submit = (v: Values) => {
    setProblem(null);
    login.mutate({ username: v.username.trim(), password: v.password, ...(needTotp && v.totp ? { totp: v.totp } : {}) });
  };

  return (
    <div className="xc-login-bg">
      <Card style={{ width: 400, maxWidth: '100%', boxShadow: '0 8px 32px rgba(0,0,0,0.15)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <span className="xc-brand-mark" style={{ width: 48, height: 48, fontSize: 26 }}>
            巡
          </span>
          <Typography.Title level={3} style={{ margin: '12px 0 4px' }}>
            {APP_TITLE}
          </Typography.Title>
          <Typography.Text type="secondary">对村（社区）巡察 · 工作人员登录</Typography.Text>
        </div>
        {problem && (
          <div data-testid="login-error">
            <Alert type={problem.type} showIcon title={problem.text} style={{ marginBottom: 16 }} />
          </div>
        )}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={login.isPending}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" readOnly={needTotp} />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" readOnly={needTotp} />
          </Form.Item>
          {needTotp && (
            <>
              <Alert
                type="info"
                showIcon
                icon={<SafetyOutlined />}
                title="该账户已启用动态验证码"
                description="请输入手机验证器（如微信小程序、Google Authenticator）中显示的 6 位数字。"
                style={{ marginBottom: 12 }}
              />
              <div ref={otpRef} data-testid="login-totp">
                <Form.Item name="totp" label="动态验证码" rules={[{ required: true, len: 6, message: '请输入 6 位动态验证码' }]}>
                  <Input.OTP
                    length={6}
                    onChange={(v) => {
                      if (v.length === 6) form.submit();
                    }}
                  />
                </Form.Item>
              </div>
            </>
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending} data-testid="login-submit">
            {needTotp ? '验证并登录' : '登录'}
          </Button>
          {needTotp && (
            <Button
              type="link"
              block
              style={{ marginTop: 8 }}
              onClick={() => {
                setNeedTotp(false);
                form.resetFields(['password', 'totp']);
              }}
            >
              换一个账户登录
            </Button>
          )}
        </Form>
      </Card>
    </div>
  );
}
