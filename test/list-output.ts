/** Reads the box tables `connections list` prints back into `{ title: [headers, ...rows] }` for tests. */
export function parseTables(text: string): Record<string, string[][]> {
  const tables: Record<string, string[][]> = {};
  let title = '';
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (/^[┏┡├└]/.test(line)) continue;
    if (/^[┃│]/.test(line)) {
      tables[title].push(line.slice(1, -1).split(/[┃│]/).map((cell) => cell.trim()));
      continue;
    }
    title = line.trim();
    tables[title] = [];
  }
  return tables;
}
