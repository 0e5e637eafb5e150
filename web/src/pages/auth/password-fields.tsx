import { Form, Input } from 'antd';
import { passwordProblems } from '../../../../domain/access/password';

/** New password + confirmation, checked with the same policy the server applies. */
export function NewPasswordFields({ username }: { username: string }) {
  return (
    <>
      <Form.Item
        name="newPassword"
        label="新密码"
        extra="至少 8 位，包含字母、数字、符号中至少两类，不能包含用户名。"
        rules={[
          { required: true, message: '请输入新密码' },
          {
            validator: async (_r, v: string | undefined) => {
              if (!v) return;
              const problems = passwordProblems(v, username);
              if (problems.length) throw new Error(problems.join('；'));
            },
          },
        ]}
        hasFeedback
      >
        <Input.Password autoComplete="new-password" data-testid="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="确认新密码"
        dependencies={['newPassword']}
        hasFeedback
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: async (_r, v: string | undefined) => {
              if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="confirm-password" />
      </Form.Item>
    </>
  );
}
