import { ETOYS_PEAK_PER_HOUR } from './etoys.js';
import type { LoadResult } from './load-generator.js';
import { CACHEABLE_KINDS, KIND_ORDER, PAGE_KINDS } from './page-kinds.js';
import { formatMix } from './shopping-mix.js';
import { escape, lineChart, type Series } from './svg-chart.js';
import { count, cpuShares, headline, ms, percent, textReport, verdict } from './text-report.js';

/** Line colours, distinguishable in print and for the common colour blindnesses (Okabe–Ito). */
const COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];

/**
 * The run as one self-contained HTML page: the headline against eToys' peak, charts of
 * throughput, latency, CPU and sessions over time (inline SVG drawn here: no script, no
 * external asset, so it opens anywhere and under any CSP), and the tables of the text report.
 */
export function htmlReport(result: LoadResult): string {
  const { recorder, options } = result;
  const seconds = recorder.seconds;
  const window: [number, number] = [
    result.windowStart,
    result.windowStart + Math.round(result.windowSeconds),
  ];
  const per = (pick: (s: (typeof seconds)[number]) => number | undefined) => seconds.map(pick);
  const charts = [
    lineChart({
      title: 'Throughput',
      unit: '/s',
      window,
      series: [
        { name: 'page views/s', color: COLORS[0]!, values: per((s) => s.pages) },
        { name: 'requests/s', color: COLORS[4]!, values: per((s) => s.requests) },
      ],
    }),
    lineChart({
      title: 'Sessions and orders',
      unit: '/s',
      window,
      series: [
        { name: 'sessions completed/s', color: COLORS[0]!, values: per((s) => s.sessions) },
        { name: 'orders/s', color: COLORS[2]!, values: per((s) => s.orders) },
        { name: 'errors/s', color: COLORS[1]!, values: per((s) => s.errors) },
      ],
    }),
    lineChart({
      title: 'Page-view latency',
      unit: 'ms',
      window,
      series: [50, 95, 99].map((p, i) => ({
        name: `p${p}`,
        color: COLORS[[2, 4, 1][i]!]!,
        values: per((s) => (s.latency.count > 0 ? s.latency.percentile(p) : undefined)),
      })),
    }),
    lineChart({
      title: 'CPU by process',
      unit: '% of a core',
      window,
      series: cpuSeries(result),
    }),
    lineChart({
      title: 'Generator: sessions in progress, requests waiting for a connection',
      unit: 'count',
      window,
      series: [
        { name: 'sessions in progress', color: COLORS[0]!, values: per((s) => s.active) },
        { name: 'requests queued', color: COLORS[1]!, values: per((s) => s.queued) },
      ],
    }),
  ];

  const rates = headline(result);
  const figure = (label: string, perHour: number, multiple: number, etoys: number) =>
    `<div class="figure"><div class="figure__label">${label}</div><div class="figure__value">${count(perHour)}</div>` +
    `<div class="figure__multiple">${multiple.toFixed(2)}× eToys</div><div class="figure__note">eToys' peak: ${count(etoys)} an hour</div></div>`;

  const rows = KIND_ORDER.flatMap((kind) => {
    const stats = recorder.kinds.get(kind);
    if (!stats) return [];
    const h = stats.latency;
    const cache =
      stats.cacheAnswers > 0 && (CACHEABLE_KINDS.has(kind) || stats.cacheHits > 0)
        ? percent(stats.cacheHits / stats.cacheAnswers)
        : '';
    return [
      `<tr><th scope="row">${escape(PAGE_KINDS[kind].label)}</th><td>${count(h.count)}</td><td>${ms(h.percentile(50))}</td><td>${ms(h.percentile(95))}</td><td>${ms(h.percentile(99))}</td><td>${ms(h.max)}</td><td>${cache}</td></tr>`,
    ];
  });
  const all = recorder.allPages();
  rows.push(
    `<tr class="total"><th scope="row">all page views</th><td>${count(all.count)}</td><td>${ms(all.percentile(50))}</td><td>${ms(all.percentile(95))}</td><td>${ms(all.percentile(99))}</td><td>${ms(all.max)}</td><td></td></tr>`,
  );
  const errors = [...recorder.errors].sort((a, b) => b[1] - a[1]);
  const cpu = cpuShares(result);
  const { misses } = verdict(result);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Yuletide load test, ${escape(result.startedAt.toISOString())}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1180px; padding: 0 16px; color: #1d1d1f; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; }
.meta { color: #555; margin: 0 0 16px; }
.figures { display: flex; gap: 16px; flex-wrap: wrap; }
.figure { border: 1px solid #ddd; border-radius: 8px; padding: 12px 16px; min-width: 220px; }
.figure__label { color: #555; } .figure__value { font-size: 28px; font-weight: 600; }
.figure__multiple { font-size: 18px; color: #0072b2; font-weight: 600; } .figure__note { color: #777; font-size: 13px; }
.verdict { margin: 14px 0; padding: 8px 12px; border-radius: 6px; background: #eef7ee; }
.verdict--missed { background: #fdf0e8; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(760px, 1fr)); gap: 12px; }
svg.chart { max-width: 100%; height: auto; border: 1px solid #eee; border-radius: 6px; background: #fff; }
.chart__title { font-weight: 600; font-size: 14px; } .chart__tick, .chart__legend { font-size: 11px; fill: #444; }
.chart__grid { stroke: #e6e6e6; } .chart__window { fill: #f3f8fc; }
table { border-collapse: collapse; } th, td { padding: 3px 10px; text-align: right; border-bottom: 1px solid #eee; }
th[scope=row], thead th:first-child { text-align: left; } tr.total { font-weight: 600; }
pre { background: #f6f6f6; padding: 12px; overflow-x: auto; font-size: 12px; }
</style>
</head>
<body>
<h1>Yuletide load test</h1>
<p class="meta">${escape(options.url)} · ${escape(result.startedAt.toISOString())} · ${result.windowSeconds.toFixed(1)} s measured${options.warmup > 0 ? ` after ${options.warmup} s warm-up` : ''} · ${count(result.site.productCount)} products · ${options.rate} sessions/s offered · ${options.connections} connections</p>
<div class="figures">
${figure('page views an hour', rates.pageViews, rates.multiples.pageViews, ETOYS_PEAK_PER_HOUR.pageViews)}
${figure('sessions an hour', rates.sessions, rates.multiples.sessions, ETOYS_PEAK_PER_HOUR.sessions)}
${figure('orders an hour', rates.orders, rates.multiples.orders, ETOYS_PEAK_PER_HOUR.orders)}
</div>
<p class="verdict${misses.length ? ' verdict--missed' : ''}">Issue 7's bars (10× page views and sessions, 20× orders, p99 under 100 ms, no errors): ${misses.length === 0 ? 'all met' : `not met: ${escape(misses.join('; '))}`}.</p>
<h2>Over time</h2>
<p class="meta">Shaded: the measured window. Each point is one second.</p>
<div class="charts">
${charts.join('\n')}
</div>
<h2>Latency by page (ms)</h2>
<table>
<thead><tr><th>page</th><th>count</th><th>p50</th><th>p95</th><th>p99</th><th>max</th><th>page cache</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<h2>Errors</h2>
${errors.length === 0 ? '<p>None.</p>' : `<table><thead><tr><th>type</th><th>count</th></tr></thead><tbody>${errors.map(([type, n]) => `<tr><th scope="row">${escape(type)}</th><td>${count(n)}</td></tr>`).join('')}</tbody></table>`}
<h2>CPU over the window (% of one core)</h2>
<table><tbody>
<tr><th scope="row">generator (this process)</th><td>${cpu.generator.toFixed(0)}%</td></tr>
${cpu.processes.map(([name, share]) => `<tr><th scope="row">${escape(name)}</th><td>${share.toFixed(0)}%</td></tr>`).join('\n')}
${cpu.machineBusy === undefined ? '' : `<tr class="total"><th scope="row">machine busy (of ${result.cpu.cores} cores)</th><td>${cpu.machineBusy.toFixed(0)}%</td></tr>`}
</tbody></table>
<h2>Configuration</h2>
<p>Mix: <code>${escape(formatMix(options.mix))}</code>, seed ${options.seed}.</p>
<details open><summary>The text report</summary><pre>${escape(textReport(result, undefined))}</pre></details>
</body>
</html>
`;
}

/** CPU per process per second, % of one core: the generator first, then the store's processes. */
function cpuSeries(result: LoadResult): Series[] {
  // The processes of the window's table: PostgreSQL only when it worked for the store.
  const names = new Set(['generator', ...Object.keys(result.cpu.processes)]);
  return [...names].map((name, i) => ({
    name,
    color: COLORS[i % COLORS.length]!,
    values: result.recorder.seconds.map((s) =>
      s.cpu[name] === undefined ? undefined : s.cpu[name]! / 10,
    ),
  }));
}
