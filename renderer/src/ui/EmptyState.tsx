import type { ReactNode } from 'react';

/**
 * What a screen shows when it has nothing to list yet: one sentence, optionally a title
 * and the action that fills it (« Nouvelle promotion », « Importer un tableur »). In a card
 * (or `compact`, for a small panel that is not one) it is a quiet line, not a dashed box.
 */
export function EmptyState({ title, action, compact = false, children }: { title?: string; action?: ReactNode; compact?: boolean; children: ReactNode }) {
  return (
    <div className={compact ? 'empty-state compact' : 'empty-state'}>
      {title ? <p className="empty-state-title">{title}</p> : null}
      <div className="empty-state-text">{children}</div>
      {action ? <div className="empty-state-action no-print">{action}</div> : null}
    </div>
  );
}
