import type { ReactNode } from 'react';

export function PageHeader({ title, intro, actions }: { title: string; intro?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {intro ? <p>{intro}</p> : null}
      </div>
      {actions ? <div className="toolbar no-print">{actions}</div> : null}
    </header>
  );
}

// The empty state has its own file; screens that import it from here keep working.
export { EmptyState } from './EmptyState';
