/** Prometheus' text exposition format, read into numbers by series (`name{label="value",…}`, labels sorted). */
export function parsePrometheusText(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+([-+\d.eE]+|NaN|[-+]Inf)$/.exec(line);
    if (!m || m[3] === 'NaN') continue;
    const labels = (m[2] ?? '')
      .split(/,(?=[a-zA-Z_]+=")/)
      .filter(Boolean)
      .sort()
      .join(',');
    series.set(labels ? `${m[1]}{${labels}}` : m[1], Number(m[3].replace('Inf', 'Infinity')));
  }
  return series;
}

/** The same, summed by metric name over every label set. */
export function sumByName(series: Map<string, number>): Map<string, number> {
  const sums = new Map<string, number>();
  for (const [key, value] of series) {
    const name = key.replace(/\{.*$/, '');
    sums.set(name, (sums.get(name) ?? 0) + value);
  }
  return sums;
}
