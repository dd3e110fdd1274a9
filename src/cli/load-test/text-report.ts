import { BARS, ETOYS_PEAK_PER_HOUR } from './etoys.js';
import type { LoadResult } from './load-generator.js';
import { CACHEABLE_KINDS, KIND_ORDER, PAGE_KINDS } from './page-kinds.js';
import { formatMix, pagesPerSession } from './shopping-mix.js';

/** The headline rates over the measured window, per hour, and as multiples of eToys' peak. */
export function headline(result: LoadResult) {
  // Whole numbers an hour, and the multiples computed from them, so the two agree as printed.
  const perHour = (n: number) => Math.round((n / result.windowSeconds) * 3600);
  const { window } = result.recorder;
  const pageViews = perHour(window.pages);
  const sessions = perHour(window.sessions);
  const orders = perHour(window.orders);
  return {
    pageViews,
    sessions,
    orders,
    requests: perHour(window.requests),
    multiples: {
      pageViews: pageViews / ETOYS_PEAK_PER_HOUR.pageViews,
      sessions: sessions / ETOYS_PEAK_PER_HOUR.sessions,
      orders: orders / ETOYS_PEAK_PER_HOUR.orders,
    },
  };
}

/** CPU shares over the window, in % of one core, by process; and the machine's, in % of all cores. */
export function cpuShares(result: LoadResult) {
  const ms = result.windowSeconds * 1000;
  const generatorMs = result.cpu.generator.user + result.cpu.generator.system;
  const processes = Object.entries(result.cpu.processes).map(
    ([name, used]) => [name, (used / ms) * 100] as const,
  );
  const machine = result.cpu.machine;
  const storeMs = Object.values(result.cpu.processes).reduce((sum, n) => sum + n, 0);
  return {
    generator: (generatorMs / ms) * 100,
    generatorUser: (result.cpu.generator.user / ms) * 100,
    generatorSystem: (result.cpu.generator.system / ms) * 100,
    processes,
    /** Busy share of every core, and the generator's and others' (not store, not generator) part of it. */
    machineBusy: machine ? (machine.busy / machine.total) * 100 : undefined,
    generatorOfBusy: machine ? (generatorMs / machine.busy) * 100 : undefined,
    othersOfMachine: machine
      ? (Math.max(0, machine.busy - generatorMs - storeMs) / machine.total) * 100
      : undefined,
  };
}

/**
 * CPU time each process spent per page view over the window, µs: a cost that does not depend on
 * what else the machine was running, and from it the page views a second at which the machine's
 * cores would all be busy with this store, this generator and this mix.
 */
export function cpuPerPage(result: LoadResult) {
  const pages = result.recorder.window.pages;
  if (pages === 0) return undefined;
  const generator = result.cpu.generator.user + result.cpu.generator.system;
  const parts: (readonly [string, number])[] = [['generator', (generator * 1000) / pages]];
  for (const [name, ms] of Object.entries(result.cpu.processes))
    parts.push([name, (ms * 1000) / pages]);
  const total = parts.reduce((sum, [, us]) => sum + us, 0);
  return { parts, total, ceiling: (result.cpu.cores * 1e6) / total };
}

/** The page views' p99 over the whole run, and whether every bar of the issue was met. */
export function verdict(result: LoadResult) {
  const { multiples } = headline(result);
  const p99 = result.recorder.allPages().percentile(99);
  const errors = [...result.recorder.errors.values()].reduce((sum, n) => sum + n, 0);
  const misses: string[] = [];
  if (multiples.pageViews < BARS.pageViews)
    misses.push(`page views ${fixed(multiples.pageViews)}× < ${BARS.pageViews}×`);
  if (multiples.sessions < BARS.sessions)
    misses.push(`sessions ${fixed(multiples.sessions)}× < ${BARS.sessions}×`);
  if (multiples.orders < BARS.orders)
    misses.push(`orders ${fixed(multiples.orders)}× < ${BARS.orders}×`);
  if (p99 >= BARS.p99Ms) misses.push(`p99 ${ms(p99)} ms ≥ ${BARS.p99Ms} ms`);
  if (errors > 0) misses.push(`${errors} errors`);
  return { p99, errors, misses };
}

/** The report printed at the end of `yuletide bench`: the three headline lines first. */
export function textReport(result: LoadResult, reportPath: string | undefined): string {
  const { options, recorder, site } = result;
  const rates = headline(result);
  const lines: string[] = [];
  lines.push(
    `Yuletide load test: ${options.url}, ${secs(result.windowSeconds)} s measured` +
      (options.warmup > 0 ? ` after ${options.warmup} s of warm-up` : '') +
      `, ${count(site.productCount)} products`,
    `offered: ${options.rate} sessions/s (open model, Poisson arrivals), ${options.connections} connections, ` +
      `mix ${formatMix(options.mix)} (${pagesPerSession(options.mix).toFixed(1)} pages a session planned)`,
    '',
    `page views/hour: ${Math.round(rates.pageViews)} (${fixed(rates.multiples.pageViews)}× eToys)`,
    `sessions/hour: ${Math.round(rates.sessions)} (${fixed(rates.multiples.sessions)}× eToys)`,
    `orders/hour: ${Math.round(rates.orders)} (${fixed(rates.multiples.orders)}× eToys)`,
    `  a second: ${count(rates.pageViews / 3600)} page views, ${count(rates.sessions / 3600)} sessions, ` +
      `${(rates.orders / 3600).toFixed(1)} orders, ${count(rates.requests / 3600)} requests; ` +
      `${recorder.window.sessions > 0 ? (recorder.window.pages / recorder.window.sessions).toFixed(1) : '–'} page views a completed session`,
    '',
    'latency by page (ms, whole run incl. warm-up):',
    `  ${'page'.padEnd(26)}${'count'.padStart(9)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(9)}  page cache`,
  );
  for (const kind of KIND_ORDER) {
    const stats = recorder.kinds.get(kind);
    if (!stats) continue;
    const cache =
      stats.cacheAnswers > 0 && (CACHEABLE_KINDS.has(kind) || stats.cacheHits > 0)
        ? percent(stats.cacheHits / stats.cacheAnswers)
        : '';
    lines.push(row(PAGE_KINDS[kind].label, stats.latency, cache));
  }
  lines.push(row('all page views', recorder.allPages(), ''));
  lines.push('');

  const errorTotal = [...recorder.errors.values()].reduce((sum, n) => sum + n, 0);
  const requests = [...recorder.kinds.values()].reduce((sum, s) => sum + s.latency.count, 0);
  if (errorTotal === 0) lines.push('errors: none');
  else {
    lines.push(
      `errors: ${count(errorTotal)} (${((errorTotal / Math.max(1, requests)) * 100).toFixed(3)}% of requests)`,
    );
    for (const [type, n] of [...recorder.errors].sort((a, b) => b[1] - a[1])) {
      lines.push(`  ${String(n).padStart(8)}  ${type}`);
    }
  }
  for (const [type, n] of recorder.outcomes) lines.push(`expected outcome: ${count(n)} × ${type}`);
  lines.push(
    `orders placed: ${count(recorder.ordersPlaced)} in the whole run (warm-up and the last sessions included)`,
  );
  const s = recorder.sessions;
  lines.push(
    `sessions: ${count(s.started)} started, ${count(s.completed)} completed, ${count(s.abandoned)} abandoned after an error, ` +
      `${count(s.dropped)} not started (too many in progress); ${count(result.sessionsInProgressAtEnd)} in progress when the time was up, ` +
      `of which ${count(s.cutOff)} were cut off after ${result.options.drainSeconds ?? 15} s more`,
  );
  lines.push('');

  const cache = recorder.pageCacheRatios();
  lines.push(
    cache.all === undefined
      ? 'page cache: no Cache-Status header seen (not through the proxy?)'
      : `page cache: ${percent(cache.all)} of page views served from the cache (shared pages: ${percent(cache.cacheable ?? 0)}), by Cache-Status`,
  );
  const oc = result.objectCache;
  const lookups = oc ? oc.memoryHits + oc.memoryMisses : 0;
  lines.push(
    !oc || lookups === 0
      ? "object cache: no lookups read from the app servers' /__metrics"
      : `object cache: ${percent((oc.memoryHits + oc.lmdbHits) / lookups)} of ${count(lookups)} lookups answered by memory or LMDB ` +
          `(memory ${percent(oc.memoryHits / lookups)}, LMDB ${percent(oc.lmdbHits / lookups)}, database ${percent(1 - (oc.memoryHits + oc.lmdbHits) / lookups)}), ${oc.servers} app servers`,
  );
  const cpu = cpuShares(result);
  const shares = [
    `generator ${cpu.generator.toFixed(0)}% (user ${cpu.generatorUser.toFixed(0)}%, system ${cpu.generatorSystem.toFixed(0)}%)`,
  ];
  for (const [name, share] of cpu.processes) shares.push(`${name} ${share.toFixed(0)}%`);
  lines.push(`CPU over the window, % of one core: ${shares.join(', ')}`);
  if (cpu.machineBusy !== undefined) {
    lines.push(
      `machine: ${cpu.machineBusy.toFixed(0)}% busy of ${result.cpu.cores} cores; the generator took ${cpu.generatorOfBusy!.toFixed(0)}% of the CPU used, ` +
        `processes outside the store and generator ${cpu.othersOfMachine!.toFixed(0)}% of the machine`,
    );
  }
  const costs = cpuPerPage(result);
  if (costs) {
    lines.push(
      `CPU per page view (µs, all processes' time over the window's page views): ${costs.parts.map(([name, us]) => `${name} ${us.toFixed(0)}`).join(', ')}; ` +
        `total ${costs.total.toFixed(0)} µs → ${result.cpu.cores} cores saturate near ${count(costs.ceiling)} page views/s with this mix`,
    );
  }
  const queued = Math.max(0, ...recorder.seconds.map((second) => second.queued));
  lines.push(
    `generator: ${options.connections} keep-alive connections; requests waiting for one: at most ${count(queued)} at a second's end` +
      (queued > 0
        ? ' (every connection had a request outstanding: the store was behind, or raise --connections)'
        : ''),
  );
  const delay = result.eventLoopDelay;
  lines.push(
    `generator event-loop delay: p50 ${ms(delay.p50)} ms, p99 ${ms(delay.p99)} ms, max ${ms(delay.max)} ms (high values: the generator itself was late)`,
  );
  const { misses } = verdict(result);
  lines.push(
    `issue 7 bars (≥${BARS.pageViews}× page views, ≥${BARS.sessions}× sessions, ≥${BARS.orders}× orders, p99 < ${BARS.p99Ms} ms, no errors): ` +
      (misses.length === 0 ? 'all met' : `not met — ${misses.join('; ')}`),
  );
  if (reportPath) lines.push(`HTML report: ${reportPath}`);
  return `${lines.join('\n')}\n`;
}

function row(
  label: string,
  h: { count: number; percentile(p: number): number; max: number },
  cache: string,
) {
  return (
    `  ${label.padEnd(26)}${String(h.count).padStart(9)}${ms(h.percentile(50)).padStart(8)}` +
    `${ms(h.percentile(95)).padStart(8)}${ms(h.percentile(99)).padStart(8)}${ms(h.max).padStart(9)}  ${cache}`
  );
}

/** Milliseconds with three significant figures at most: 0.412, 4.12, 41.2, 412. */
export function ms(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  if (value >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function fixed(n: number): string {
  return n.toFixed(2);
}

function secs(n: number): string {
  return n.toFixed(n >= 10 ? 0 : 1);
}
