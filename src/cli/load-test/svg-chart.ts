/** One line of a chart: a value per second (undefined: no data, a gap in the line). */
export interface Series {
  readonly name: string;
  readonly color: string;
  readonly values: readonly (number | undefined)[];
}

export interface ChartOptions {
  readonly title: string;
  /** The y axis's unit, shown after its top value ("ms", "/s", "% of a core"). */
  readonly unit: string;
  readonly series: readonly Series[];
  /** Seconds [from, to) shaded as the measured window. */
  readonly window?: readonly [number, number];
}

const WIDTH = 760;
const HEIGHT = 240;
const LEFT = 56;
const RIGHT = 16;
const TOP = 44;
const BOTTOM = 30;

/**
 * A line chart as inline SVG, drawn here so the report needs no script and no external asset:
 * x is seconds since the load started, y starts at 0 and ends at a round number above the
 * largest value, with gridlines at round steps and a legend above.
 */
export function lineChart(options: ChartOptions): string {
  const points = Math.max(1, ...options.series.map((s) => s.values.length));
  const largest = Math.max(0, ...options.series.flatMap((s) => s.values.filter(isNumber)));
  const step = niceStep(largest / 4 || 1);
  const top = Math.max(step, Math.ceil(largest / step) * step);
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (t: number) => LEFT + (points <= 1 ? 0 : (t / (points - 1)) * plotW);
  const y = (v: number) => TOP + plotH - (v / top) * plotH;
  const parts: string[] = [];
  parts.push(
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escape(options.title)}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${escape(options.title)}</title>`,
    `<text class="chart__title" x="${LEFT}" y="14">${escape(options.title)}</text>`,
  );
  if (options.window) {
    const [from, to] = options.window;
    const x0 = x(Math.max(0, from));
    const x1 = x(Math.min(points - 1, to));
    parts.push(
      `<rect class="chart__window" x="${r(x0)}" y="${TOP}" width="${r(Math.max(0, x1 - x0))}" height="${plotH}"><title>measured window</title></rect>`,
    );
  }
  for (let v = 0; v <= top + step / 1e6; v += step) {
    parts.push(
      `<line class="chart__grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${r(y(v))}" y2="${r(y(v))}"/>`,
      `<text class="chart__tick" x="${LEFT - 6}" y="${r(y(v) + 4)}" text-anchor="end">${label(v)}</text>`,
    );
  }
  const xStep = niceStep((points - 1) / 8 || 1);
  for (let t = 0; t < points; t += xStep) {
    parts.push(
      `<text class="chart__tick" x="${r(x(t))}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle">${t}</text>`,
    );
  }
  parts.push(
    `<text class="chart__tick" x="${WIDTH - RIGHT}" y="${HEIGHT - 2}" text-anchor="end">seconds</text>`,
    `<text class="chart__tick" x="${LEFT - 6}" y="${TOP - 8}" text-anchor="end">${escape(options.unit)}</text>`,
  );
  let legendX = LEFT;
  for (const series of options.series) {
    let d = '';
    let pen = 'M';
    series.values.forEach((value, t) => {
      if (value === undefined || !Number.isFinite(value)) {
        pen = 'M';
        return;
      }
      d += `${pen}${r(x(t))} ${r(y(value))}`;
      pen = 'L';
    });
    parts.push(
      `<path class="series" data-series="${escape(series.name)}" d="${d || `M${LEFT} ${TOP + plotH}`}" fill="none" stroke="${series.color}" stroke-width="2" stroke-linejoin="round"/>`,
      `<rect x="${legendX}" y="23" width="12" height="4" fill="${series.color}"/>`,
      `<text class="chart__legend" x="${legendX + 16}" y="29">${escape(series.name)}</text>`,
    );
    legendX += 24 + series.name.length * 7;
  }
  parts.push('</svg>');
  return parts.join('');
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

function label(v: number): string {
  if (v >= 1_000_000) return `${+(v / 1_000_000).toFixed(1)}M`;
  if (v >= 10_000) return `${+(v / 1000).toFixed(1)}k`;
  return String(+v.toFixed(3));
}

function isNumber(v: number | undefined): v is number {
  return v !== undefined && Number.isFinite(v);
}

function r(n: number): string {
  return n.toFixed(1);
}

/** Escapes text for HTML and SVG content and attributes. */
export function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
