/** A plain text table: a title, a header row, a rule, the rows; columns padded to their widest cell. */
export function textTable(title: string, headers: string[], rows: string[][]): string {
  const width = (s: string) => [...s].length;
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ').trimEnd();
  const body = rows.length ? rows.map(line) : ['(none)'];
  return [title, line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...body, ''].join('\n');
}
