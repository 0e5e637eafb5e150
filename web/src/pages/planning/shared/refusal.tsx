import { Alert } from 'antd';
import { errorText } from '../../../api/errors';
import { refusalReasons } from '../../../api/planning';

/** A refusal with every reason the server gave (phase guard, 回避, started inspections …). */
export function RefusalAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
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
          <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="refusal-reasons">
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
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      }
      style={{ marginBottom: 12 }}
    />
  );
}
