import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Tooltip } from 'antd';
import { downloadExport } from '../../api/archive';
import { errorText } from '../../api/errors';

/** Downloads a .zip export; a refusal (nothing filed yet) shows the server's Chinese reason instead of saving it. */
export function ExportButton({ url, fileName, label, disabledReason, size, testId }: { url: string; fileName: string; label: string; disabledReason?: string | null; size?: 'small' | 'middle'; testId?: string }) {
  const { message } = App.useApp();
  const run = useMutation({
    mutationFn: () => downloadExport(url, fileName),
    onError: (e) => void message.error({ content: errorText(e), duration: 6 }),
  });
  const button = (
    <Button size={size} icon={<DownloadOutlined />} loading={run.isPending} disabled={Boolean(disabledReason)} onClick={() => run.mutate()} data-testid={testId}>
      {run.isPending ? '正在打包…' : label}
    </Button>
  );
  return disabledReason ? <Tooltip title={disabledReason}>{button}</Tooltip> : button;
}
