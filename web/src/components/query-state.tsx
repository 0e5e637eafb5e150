import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { isApiError } from '../api/client';
import { errorText } from '../api/errors';

/** A failed load, in words: not found / no permission / anything else, with a retry. */
export function QueryError({ error, onRetry, extra }: { error: unknown; onRetry?: () => void; extra?: ReactNode }) {
  const status = isApiError(error) ? error.status : 0;
  if (status === 404) {
    return (
      <div data-testid="not-found">
        <Result status="404" title="不存在或无权查看" subTitle={errorText(error)} extra={extra} />
      </div>
    );
  }
  if (status === 403) {
    return (
      <div data-testid="forbidden">
        <Result status="403" title="没有权限" subTitle={errorText(error)} extra={extra} />
      </div>
    );
  }
  return (
    <div data-testid="load-error">
      <Result
        status="error"
        title="加载失败"
        subTitle={errorText(error)}
        extra={
          <>
            {onRetry && (
              <Button type="primary" onClick={onRetry}>
                重试
              </Button>
            )}
            {extra}
          </>
        }
      />
    </div>
  );
}

export function PageLoading({ text = '加载中…' }: { text?: string }) {
  return (
    <div style={{ padding: 64, textAlign: 'center' }}>
      <Spin size="large" description={text} />
    </div>
  );
}
