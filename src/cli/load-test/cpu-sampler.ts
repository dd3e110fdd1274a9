import type { Recorder } from './recorder.js';
import type { StoreConnection } from './store-connection.js';
import { cpuSince, type StoreProbe } from './store-probe.js';

/**
 * Once a second: each process's CPU since the last sample, spread over the seconds it covers (a
 * late tick on a busy machine leaves no second empty), and sessions in progress, queued requests.
 */
export class CpuSampler {
  readonly #timer: NodeJS.Timeout;
  #sampled = performance.now();
  #generator = process.cpuUsage();
  #processes: Record<string, number>;

  constructor(
    probe: StoreProbe,
    recorder: Recorder,
    connection: StoreConnection,
    active: () => number,
  ) {
    this.#processes = probe.cpuTimes();
    this.#timer = setInterval(() => {
      const sampled = performance.now();
      const used = process.cpuUsage(this.#generator);
      this.#generator = process.cpuUsage();
      const now = probe.cpuTimes();
      const cpu = {
        generator: (used.user + used.system) / 1000,
        ...cpuSince(this.#processes, now),
      };
      this.#processes = now;
      for (const [second, share] of recorder.span(this.#sampled, sampled)) {
        for (const [name, ms] of Object.entries(cpu)) {
          second.cpu[name] = (second.cpu[name] ?? 0) + ms * share;
        }
      }
      this.#sampled = sampled;
      const second = recorder.second(sampled);
      second.active = active();
      second.queued = connection.queued;
    }, 1000);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
