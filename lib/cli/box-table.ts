/**
 * A table drawn as `orchestrate connections list` draws its tables (rich, heavy head, a rule
 * between rows, cells centred, the title centred above).
 */

/** Terminal columns: ✅ and ❌ (and other emoji) take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /\p{Extended_Pictographic}/u.test(char) ? 2 : 1;
  return width;
}

function centre(text: string, width: number): string {
  const room = width - displayWidth(text);
  const left = Math.floor(room / 2);
  return ' '.repeat(left) + text + ' '.repeat(room - left);
}

export function boxTable(title: string, headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))) + 2);
  const rule = (left: string, fill: string, join: string, right: string) => left + widths.map((w) => fill.repeat(w)).join(join) + right;
  const line = (cells: string[], edge: string) => edge + cells.map((c, i) => centre(c, widths[i])).join(edge) + edge;
  const total = widths.reduce((a, b) => a + b, 0) + widths.length + 1;
  const out = [centre(title, total).trimEnd(), rule('┏', '━', '┳', '┓'), line(headers, '┃'), rule('┡', '━', '╇', '┩')];
  rows.forEach((row, index) => {
    if (index > 0) out.push(rule('├', '─', '┼', '┤'));
    out.push(line(row, '│'));
  });
  out.push(rule('└', '─', '┴', '┘'));
  return out.join('\n') + '\n';
}
