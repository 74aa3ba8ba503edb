/*
 * Measuring helpers shared by the benchmark scripts: a progress bar on stderr (the tables
 * go to stdout) and the median and p99 of a set of samples.
 */

/** Redraws `label [####....] done/total` on stderr; a newline once done. */
export function progress(
  label: string,
  done: number,
  total: number,
  labelWidth = 44,
) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(
    `\r  ${label.padEnd(labelWidth)} [${'#'.repeat(filled)}${'.'.repeat(
      width - filled,
    )}] ${done}/${total}`,
  );
  if (done === total) process.stderr.write('\n');
}

/** Median and p99 (nearest rank) of the samples. */
export function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p99: at(0.99) };
}
