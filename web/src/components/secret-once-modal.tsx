import { Alert, Descriptions, Modal, Typography } from 'antd';

interface Props {
  open: boolean;
  title: string;
  username: string;
  password: string;
  onClose: () => void;
}

/** A generated password, shown exactly once, with a copy button. */
export function SecretOnceModal({ open, title, username, password, onClose }: Props) {
  return (
    <Modal
      open={open}
      title={title}
      onOk={onClose}
      onCancel={onClose}
      okText="我已记下"
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="初始密码只显示这一次"
        description="请通过安全渠道告知本人。用户首次登录时须修改密码。"
      />
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          { key: 'u', label: '用户名', children: <span data-testid="initial-username">{username}</span> },
          {
            key: 'p',
            label: '初始密码',
            children: (
              <Typography.Text code copyable={{ text: password, tooltips: ['复制', '已复制'] }}>
                <span data-testid="initial-password">{password}</span>
              </Typography.Text>
            ),
          },
        ]}
      />
    </Modal>
  );
}
