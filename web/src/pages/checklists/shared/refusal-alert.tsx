import { Alert } from 'antd';
import { checklistRefusalReasons } from '../../../api/checklists';
import { errorText } from '../../../api/errors';

/** A refusal with every reason the server gave (each bad cell of an import, each unmet condition). */
export function ChecklistRefusal({ error, onClose }: { error: unknown; onClose?: () => void }) {
  if (!error) return null;
  const reasons = checklistRefusalReasons(error);
  return (
    <Alert
      type="error"
      showIcon
      closable={onClose ? { onClose } : undefined}
      title={errorText(error)}
      description={
        reasons.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 240, overflow: 'auto' }} data-testid="checklist-refusal-reasons">
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
