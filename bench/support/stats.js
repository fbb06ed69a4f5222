/** Percentile by nearest rank over a copy of the samples. */
export function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const round = (value, digits = 3) => Number(value.toFixed(digits));

/** Prints rows (objects with the same keys) as a Markdown table and returns the text. */
export function markdownTable(rows) {
  const columns = Object.keys(rows[0]);
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [
    line(columns),
    line(columns.map(() => '---')),
    ...rows.map((row) => line(columns.map((c) => row[c]))),
  ].join('\n');
}
