import os from 'node:os';
import { monitorEventLoopDelay, type ELDHistogram } from 'node:perf_hooks';
import { ProgressBar, type ProgressStream } from '../progress-bar.js';
import { Random } from './random.js';
import { Recorder } from './recorder.js';
import { shoppingSession, type SessionContext } from './shopping-session.js';
import type { ShoppingMix } from './shopping-mix.js';
import { discoverSite } from './site-discovery.js';
import type { SiteMap } from './site-map.js';
import { CpuSampler } from './cpu-sampler.js';
import { StoreConnection } from './store-connection.js';
import {
  POSTGRES,
  StoreProbe,
  cpuSince,
  machineCpuMs,
  type ObjectCacheCounts,
  type StoreProcess,
} from './store-probe.js';

/** What to run: where, how long, how fast, and how shoppers behave. */
export interface LoadOptions {
  /** The store's address (its proxy). */
  readonly url: string;
  /** Seconds of measured load. */
  readonly duration: number;
  /** Seconds of load before the measurement starts (caches fill), not counted. */
  readonly warmup: number;
  /** New sessions a second (an open model: they arrive whether or not earlier ones finished). */
  readonly rate: number;
  readonly mix: ShoppingMix;
  /** Keep-alive connections from the generator to the store. */
  readonly connections: number;
  /** Sessions in progress at most; arrivals beyond it are dropped and reported (the store fell behind). */
  readonly maxSessions: number;
  readonly seed: number;
  /** Products in the catalog, when known (else probed). */
  readonly products?: number | undefined;
  readonly adminToken?: string | undefined;
  /** Where the progress bar draws (stderr by default). */
  readonly progress?: ProgressStream | undefined;
  /** Longest wait for sessions still in progress when the time is up, seconds (15); later ones are cut off. */
  readonly drainSeconds?: number;
}

/** CPU time over the measured window, ms: the generator's own, each store process's, the machine's. */
export interface CpuUse {
  readonly generator: { readonly user: number; readonly system: number };
  readonly processes: Readonly<Record<string, number>>;
  /** Busy and total CPU time of the whole machine (every core), when /proc/stat is readable. */
  readonly machine: { readonly busy: number; readonly total: number } | undefined;
  readonly cores: number;
}

/** Everything a report needs. */
export interface LoadResult {
  readonly options: LoadOptions;
  readonly startedAt: Date;
  readonly site: SiteMap;
  readonly recorder: Recorder;
  /** The measured window's real length, seconds. */
  readonly windowSeconds: number;
  /** The second (an index into recorder.seconds) the measured window starts in. */
  readonly windowStart: number;
  readonly cpu: CpuUse;
  /** Object-cache lookups during the window, summed over the app servers; undefined when unreadable. */
  readonly objectCache: ObjectCacheCounts | undefined;
  readonly processes: readonly StoreProcess[];
  /** The generator's event-loop delay during the window: when high, the generator itself was late. */
  readonly eventLoopDelay: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly sessionsInProgressAtEnd: number;
}

/**
 * Drives the store with shoppers for `warmup + duration` seconds: Poisson arrivals at `rate`
 * sessions a second, each an independent ShoppingSession, sharing keep-alive connections.
 * Samples CPU each second for the charts and reads the store's counters at the window's edges.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const origin = new URL(options.url).origin;
  const local = /^(127\.|localhost$|\[::1\]$)/.test(new URL(origin).hostname);
  const connection = new StoreConnection(origin, { connections: options.connections });
  const probe = new StoreProbe(origin, { adminToken: options.adminToken, local });
  try {
    const site = await discoverSite(connection, {
      products: options.products,
      zipf: options.mix.zipf,
    });
    const processes = await probe.listProcesses();
    const random = new Random(options.seed);
    const startedAt = new Date();
    const started = performance.now();
    const recorder = new Recorder(started);
    const context: SessionContext = {
      connection,
      origin,
      site,
      mix: options.mix,
      random,
      recorder,
      runId: `${startedAt.getTime().toString(36)}${random.below(1e6).toString(36)}`,
      run: { stopped: false },
      registrations: { count: 0 },
    };

    const measureFrom = started + options.warmup * 1000;
    const endAt = measureFrom + options.duration * 1000;
    const bar = new ProgressBar({
      label: 'shoppers',
      total: Math.round(options.rate * (options.warmup + options.duration)),
      stream: options.progress,
    });
    let active = 0;
    const drained: { resolve?: () => void } = {};
    const sampler = new CpuSampler(probe, recorder, connection, () => active);

    const startSession = () => {
      if (active >= options.maxSessions) {
        recorder.sessions.dropped++;
        recorder.error(`session not started: ${options.maxSessions} already in progress`);
        return;
      }
      active++;
      recorder.sessions.started++;
      bar.update(recorder.sessions.started + recorder.sessions.dropped);
      shoppingSession(context)
        .then(
          (end) => recorder.sessionEnded(end),
          (error: unknown) => {
            recorder.error(`generator: ${(error as Error).message}`);
            recorder.sessionEnded('abandoned');
          },
        )
        .finally(() => {
          active--;
          if (active === 0) drained.resolve?.();
        });
    };

    let window: WindowEdge | undefined;
    await new Promise<void>((resolve) => {
      let next = started;
      const gap = 1000 / options.rate;
      const tick = () => {
        const now = performance.now();
        if (window === undefined && now >= measureFrom) {
          recorder.measuring = true;
          window = WindowEdge.open(probe);
        }
        while (next <= now && next < endAt) {
          startSession();
          next += random.exponential(gap);
        }
        if (next >= endAt) {
          const wait = endAt - now;
          if (wait > 0) setTimeout(tick, wait);
          else resolve();
          return;
        }
        setTimeout(tick, Math.max(1, Math.min(10, next - now)));
      };
      tick();
    });
    recorder.measuring = false;
    const edge = window ?? WindowEdge.open(probe);
    const closed = await edge.close();
    bar.finish();
    const sessionsInProgressAtEnd = active;
    if (active > 0) {
      await Promise.race([
        new Promise<void>((resolve) => (drained.resolve = resolve)),
        new Promise((resolve) => setTimeout(resolve, (options.drainSeconds ?? 15) * 1000).unref()),
      ]);
    }
    context.run.stopped = true;
    sampler.stop();
    return {
      options,
      startedAt,
      site,
      recorder,
      windowSeconds: closed.seconds,
      windowStart: Math.floor((measureFrom - started) / 1000),
      cpu: closed.cpu,
      objectCache: closed.objectCache,
      processes,
      eventLoopDelay: closed.eventLoopDelay,
      sessionsInProgressAtEnd,
    };
  } finally {
    // Sessions cut off may still wait on a stalled store: their requests are abandoned, not awaited.
    await connection.destroy().catch(() => undefined);
  }
}

/** PostgreSQL is reported when it used at least this share of one core over the window. */
const MIN_POSTGRES_SHARE = 0.01;
/** How often the event-loop monitor samples, ms. */
const DELAY_RESOLUTION_MS = 10;

/** The counters read when the measured window opens, to subtract when it closes. */
class WindowEdge {
  readonly #probe: StoreProbe;
  readonly #started = performance.now();
  readonly #generator = process.cpuUsage();
  readonly #processes: Record<string, number>;
  readonly #machine = machineCpuMs();
  readonly #objectCache: Promise<ObjectCacheCounts | undefined>;
  readonly #delay: ELDHistogram = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });

  private constructor(probe: StoreProbe) {
    this.#probe = probe;
    this.#processes = probe.cpuTimes();
    this.#objectCache = probe.objectCache();
    this.#delay.enable();
  }

  static open(probe: StoreProbe): WindowEdge {
    return new WindowEdge(probe);
  }

  async close() {
    const seconds = (performance.now() - this.#started) / 1000;
    const generator = process.cpuUsage(this.#generator);
    const now = this.#probe.cpuTimes();
    const machineNow = machineCpuMs();
    this.#delay.disable();
    const [before, after] = await Promise.all([this.#objectCache, this.#probe.objectCache()]);
    const processes = cpuSince(this.#processes, now);
    // PostgreSQL idling on this host while the store runs on SQLite is not part of the store.
    if ((processes[POSTGRES] ?? 0) < seconds * 1000 * MIN_POSTGRES_SHARE)
      delete processes[POSTGRES];
    const machine =
      machineNow && this.#machine
        ? {
            busy: machineNow.busy - this.#machine.busy,
            total: machineNow.total - this.#machine.total,
          }
        : undefined;
    return {
      seconds,
      cpu: {
        generator: { user: generator.user / 1000, system: generator.system / 1000 },
        processes,
        machine,
        cores: os.availableParallelism(),
      },
      objectCache: before && after ? difference(after, before) : undefined,
      // The monitor's timer fires every DELAY_RESOLUTION_MS; what it records beyond that is lateness.
      eventLoopDelay: {
        p50: Math.max(0, this.#delay.percentile(50) / 1e6 - DELAY_RESOLUTION_MS),
        p99: Math.max(0, this.#delay.percentile(99) / 1e6 - DELAY_RESOLUTION_MS),
        max: Math.max(0, this.#delay.max / 1e6 - DELAY_RESOLUTION_MS),
      },
    };
  }
}

function difference(after: ObjectCacheCounts, before: ObjectCacheCounts): ObjectCacheCounts {
  return {
    memoryHits: after.memoryHits - before.memoryHits,
    memoryMisses: after.memoryMisses - before.memoryMisses,
    lmdbHits: after.lmdbHits - before.lmdbHits,
    lmdbMisses: after.lmdbMisses - before.lmdbMisses,
    databaseLoads: after.databaseLoads - before.databaseLoads,
    servers: Math.min(after.servers, before.servers),
  };
}
