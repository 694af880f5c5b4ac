import type { ReactNode } from 'react';

/** A quieter second line under a table cell's value: a person's e-mail, a workshop's theme. */
export function CellNote({ children }: { children: ReactNode }) {
  return (
    <div className="muted" style={{ fontWeight: 'normal' }}>
      {children}
    </div>
  );
}
