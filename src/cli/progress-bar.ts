/** Where a progress bar draws: `process.stderr`, or anything with `write` in a test. */
export interface ProgressStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

/** What a bar counts, where it draws and, for tests, its clock. */
export interface ProgressBarOptions {
  readonly label: string;
  readonly total: number;
  readonly stream?: ProgressStream;
  /** Milliseconds from any fixed origin; tests pass a fake clock. */
  readonly now?: () => number;
}

/** A terminal redrawn more often than this only flickers and spends the time we are measuring. */
const REDRAW_MS = 100;
const BAR_WIDTH = 30;

/**
 * A one-line progress bar with percentage, rate and time left, redrawn in place on a terminal at
 * most ten times a second; when the stream is not a terminal (a log file, CI), a plain line at
 * every tenth of the way instead, so logs stay short and readable.
 */
export class ProgressBar {
  readonly #label: string;
  readonly #total: number;
  readonly #stream: ProgressStream;
  readonly #now: () => number;
  readonly #started: number;
  #done = 0;
  #lastDraw = -Infinity;
  #lastTenth = 0;
  #finished = false;

  constructor({
    label,
    total,
    stream = process.stderr,
    now = () => performance.now(),
  }: ProgressBarOptions) {
    this.#label = label;
    this.#total = Math.max(0, total);
    this.#stream = stream;
    this.#now = now;
    this.#started = now();
  }

  /** Records that `done` of the total are complete, and redraws if it is time to. */
  update(done: number): void {
    if (this.#finished) return;
    this.#done = Math.min(Math.max(0, done), this.#total);
    const complete = this.#done >= this.#total;
    if (this.#stream.isTTY) {
      const now = this.#now();
      if (!complete && now - this.#lastDraw < REDRAW_MS) return;
      this.#lastDraw = now;
      this.#stream.write(`\r${this.#line(true)}\x1b[K`);
      return;
    }
    const tenth = this.#total === 0 ? 10 : Math.floor((this.#done * 10) / this.#total);
    if (tenth > this.#lastTenth) {
      this.#lastTenth = tenth;
      this.#stream.write(`${this.#line(false)}\n`);
    }
  }

  /** Draws the final state and ends the line; later updates are ignored. */
  finish(): void {
    if (this.#finished) return;
    if (this.#stream.isTTY) {
      this.#stream.write(`\r${this.#line(true)}\x1b[K\n`);
    } else if (this.#lastTenth < 10 || this.#done < this.#total) {
      this.#stream.write(`${this.#line(false)}\n`);
    }
    this.#finished = true;
  }

  #line(withBar: boolean): string {
    const fraction = this.#total === 0 ? 1 : this.#done / this.#total;
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    const seconds = Math.max(this.#now() - this.#started, 1) / 1000;
    const rate = this.#done / seconds;
    const eta = rate > 0 ? (this.#total - this.#done) / rate : Infinity;
    const counts = `${this.#done.toLocaleString('en-US')}/${this.#total.toLocaleString('en-US')}`;
    const speed = `${Math.round(rate).toLocaleString('en-US')}/s`;
    const remaining =
      this.#done >= this.#total ? `in ${duration(seconds)}` : `ETA ${duration(eta)}`;
    if (!withBar) return `${this.#label}: ${percent.trim()} (${counts}, ${speed}, ${remaining})`;
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
    return `${this.#label} ${bar} ${percent} ${counts} ${speed} ${remaining}`;
  }
}

/** Seconds as `m:ss` or `h:mm:ss`; `--:--` while there is no rate to go by. */
function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
