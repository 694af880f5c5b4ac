import type { ReactNode } from 'react';

/**
 * What a screen shows when it has nothing to list yet: one sentence, optionally a title
 * and the action that fills it (« Nouvelle promotion », « Importer un tableur »).
 */
export function EmptyState({ title, action, children }: { title?: string; action?: ReactNode; children: ReactNode }) {
  return (
    <div className="empty-state">
      {title ? <p className="empty-state-title">{title}</p> : null}
      <div className="empty-state-text">{children}</div>
      {action ? <div className="empty-state-action no-print">{action}</div> : null}
    </div>
  );
}
