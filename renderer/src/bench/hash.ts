/** A content hash of records, independent of key order and row order: proves a round trip. */

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export async function hashRecords(rowsByTable: Record<string, readonly { id: string }[]>): Promise<string> {
  const parts: string[] = [];
  for (const table of Object.keys(rowsByTable).sort()) {
    const rows = [...(rowsByTable[table] ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    parts.push(`${table}:${rows.length}`);
    for (const row of rows) parts.push(canonical(row));
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\n')));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
