import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../../api/client';
import { authApi, keys } from '../../../api/endpoints';
import { applyFieldErrors } from '../../../api/errors';
import { queryClient } from '../../../api/query-client';
import { APP_TITLE } from '../../../components/page-container';
import { clearSession, useMe } from '../../../session/session';
import { NewPasswordFields } from '../password-fields';

/** The forced password change after first login or a reset: nothing else opens until it is done. */
export function ChangePasswordPage() {
  const me = useMe();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const navigate = useNavigate();
  const location = useLocation();
  const next = (location.state as { next?: string } | null)?.next ?? '/';

  useEffect(() => {
    document.title = `修改密码 - ${APP_TITLE}`;
  }, []);

  const change = useMutation({
    mutationFn: authApi.changePassword,
    onSuccess: () => {
      queryClient.setQueryData(keys.me, { ...me, mustChangePassword: false });
      void queryClient.invalidateQueries({ queryKey: keys.me });
      void navigate(next.startsWith('/') && next !== '/change-password' ? next : '/', { replace: true });
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'INVALID_CREDENTIALS') form.setFields([{ name: 'currentPassword', errors: [e.message] }]);
      else if (isApiError(e) && e.code === 'PASSWORD_TOO_WEAK') form.setFields([{ name: 'newPassword', errors: [e.message] }]);
      else applyFieldErrors(form, e);
    },
  });
  const logout = useMutation({
    mutationFn: authApi.logout,
    onSettled: () => {
      clearSession(null);
      void navigate('/login', { replace: true });
    },
  });

  return (
    <div className="xc-login-bg">
      <Card style={{ width: 440, maxWidth: '100%' }} data-testid="change-password-page">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          修改密码
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {me.displayName}（{me.username}）· {me.org.name}
        </Typography.Paragraph>
        {me.mustChangePassword && (
          <Alert type="warning" showIcon title="首次登录或密码已重置，请先修改密码" style={{ marginBottom: 16 }} />
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword })}
          disabled={change.isPending}
        >
          <Form.Item
            name="currentPassword"
            label={me.mustChangePassword ? '当前密码（管理员告知的初始密码）' : '当前密码'}
            rules={[{ required: true, message: '请输入当前密码' }]}
          >
            <Input.Password autoComplete="current-password" data-testid="current-password" autoFocus />
          </Form.Item>
          <NewPasswordFields username={me.username} />
          <Button type="primary" htmlType="submit" block loading={change.isPending} data-testid="change-password-submit">
            修改密码并进入系统
          </Button>
        </Form>
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => logout.mutate()}>
          退出登录
        </Button>
      </Card>
    </div>
  );
}
