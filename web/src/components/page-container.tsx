import { Breadcrumb, Flex, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';

export const APP_TITLE = '巡察工作平台';

interface Props {
  title: ReactNode;
  /** plain text for the browser tab when `title` is not a string */
  documentTitle?: string;
  subTitle?: ReactNode;
  extra?: ReactNode;
  breadcrumb?: { title: string; to?: string }[];
  children?: ReactNode;
  testId?: string;
}

/** Page heading (breadcrumb, title, actions) and the browser tab's title. */
export function PageContainer({ title, documentTitle, subTitle, extra, breadcrumb, children, testId }: Props) {
  const text = documentTitle ?? (typeof title === 'string' ? title : '');
  useEffect(() => {
    document.title = text ? `${text} - ${APP_TITLE}` : APP_TITLE;
  }, [text]);
  return (
    <div data-testid={testId}>
      {breadcrumb && breadcrumb.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={breadcrumb.map((b) => ({ title: b.to ? <Link to={b.to}>{b.title}</Link> : b.title }))}
        />
      )}
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
        </div>
        {extra && (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
      {children}
    </div>
  );
}
