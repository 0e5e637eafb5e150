import { Alert } from 'antd';
import { errorText, refusalReasons } from '../api/errors';

const listStyle = { margin: 0, paddingInlineStart: 20, maxHeight: 240, overflow: 'auto' } as const;

/** A refusal with every reason the server gave (phase guard, 回避, each bad cell of an import …). */
export function RefusalAlert({ error, onClose, testId = 'refusal-reasons' }: { error: unknown; onClose?: () => void; testId?: string }) {
  if (!error) return null;
  const reasons = refusalReasons(error);
  return (
    <Alert
      type="error"
      showIcon
      closable={onClose ? { onClose } : undefined}
      title={errorText(error)}
      description={
        reasons.length > 0 ? (
          <ul style={listStyle} data-testid={testId}>
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
    />
  );
}

/** Warnings the server returned with a success (e.g. a relative with the same name, to check). */
export function WarningsAlert({ warnings, onClose }: { warnings: string[]; onClose?: () => void }) {
  if (warnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      closable={onClose ? { onClose } : undefined}
      title="请核实以下情况"
      description={
        <ul style={listStyle}>
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      }
      style={{ marginBottom: 12 }}
    />
  );
}
