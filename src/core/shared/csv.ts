/** One CSV cell: quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Rows to CSV text (RFC 4180, `\n` line ends, a final line end): the server's files (study exports, the audit trail). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
