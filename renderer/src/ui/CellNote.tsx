import type { ReactNode } from 'react';
import type { Column } from './DataTable';

/** A quieter second line under a table cell's value: a person's e-mail, a workshop's theme. */
export function CellNote({ children }: { children: ReactNode }) {
  return (
    <div className="muted" style={{ fontWeight: 'normal' }}>
      {children}
    </div>
  );
}

/** The row-header column of a list of people: the name, and under it the e-mail or what stands for its absence. */
export function personColumn<T extends { name: string; email: string }>(header: string, noEmail: string): Column<T> {
  return {
    id: 'person',
    header,
    rowHeader: true,
    minRem: 11,
    className: 'wrap-anywhere',
    cell: (row) => (
      <>
        {row.name}
        <CellNote>{row.email || noEmail}</CellNote>
      </>
    ),
  };
}
