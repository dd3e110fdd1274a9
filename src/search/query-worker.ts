// A query thread: holds a SearchEngine over the shared index and answers searches one at a time.
// A new index is prepared a slice at a time between searches, which the current engine goes on
// answering, and then swapped in with one assignment.
import { parentPort } from 'node:worker_threads';
import { BaseIndex, SearchEngine, type SearchResult } from './engine/index.js';
import type { ToQueryThread, FromQueryThread } from './query-messages.js';

/**
 * How long one slice of preparing a new index may hold the thread before searches waiting are
 * answered: a search that arrives meanwhile waits at most this long for it.
 */
const SLICE_MS = 1;

type Change = Extract<ToQueryThread, { type: 'apply' | 'taxonomy' }>;

/** A new index being prepared, and the changes that arrived since it was sent. */
interface Loading {
  readonly message: Extract<ToQueryThread, { type: 'index' }>;
  readonly steps: Generator<void, SearchEngine, void>;
  /** Live changes sent after the index: applied to the current engine now, to the new one at the swap. */
  readonly later: Change[];
}

const port = parentPort!;
let engine: SearchEngine | undefined;
let loading: Loading | undefined;

port.on('message', (message: ToQueryThread) => {
  switch (message.type) {
    case 'search':
      search(message.id, message);
      return;
    case 'index': {
      const base = new BaseIndex(message.buffer, message.meta);
      // Nothing to answer with yet: the first index is made at once. A newer index replaces one
      // still being prepared.
      if (engine === undefined) finish(message, new SearchEngine(base), []);
      else {
        const first = loading === undefined;
        loading = { message, steps: SearchEngine.prepare(base, engine), later: [] };
        if (first) setImmediate(prepare);
      }
      return;
    }
    case 'apply':
    case 'taxonomy':
      if (engine) change(engine, message);
      loading?.later.push(message);
      return;
  }
});

function search(id: number, message: Extract<ToQueryThread, { type: 'search' }>): void {
  if (engine === undefined) {
    reply({ type: 'failed', id, message: 'no index loaded' });
    return;
  }
  try {
    reply({ type: 'result', id, body: resultJson(engine.search(message.request)) });
  } catch (error) {
    reply({
      type: 'failed',
      id,
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
}

/** Runs the load for one slice, then lets waiting searches in before the next (setImmediate). */
function prepare(): void {
  const current = loading;
  if (current === undefined) return;
  const until = performance.now() + SLICE_MS;
  for (;;) {
    const step = current.steps.next();
    if (step.done) {
      loading = undefined;
      finish(current.message, step.value, current.later);
      return;
    }
    if (performance.now() >= until) break;
  }
  setImmediate(prepare);
}

/** Brings a new engine up to date and swaps it in. */
function finish(
  message: Extract<ToQueryThread, { type: 'index' }>,
  next: SearchEngine,
  later: readonly Change[],
): void {
  next.setTaxonomy(message.taxonomy);
  next.apply(message.rows);
  next.remove(message.removed);
  for (const pending of later) change(next, pending);
  // The old engine is dropped here, and with it this thread's copy of the old facts.
  engine = next;
  reply({ type: 'loaded', load: message.load, products: next.size });
}

function change(target: SearchEngine, message: Change): void {
  if (message.type === 'taxonomy') target.setTaxonomy(message.taxonomy);
  else {
    target.apply(message.rows);
    target.remove(message.removed);
  }
}

function reply(message: FromQueryThread): void {
  port.postMessage(message);
}

/** The daemon's JSON, less `took_ms`, which the main thread puts first. */
function resultJson(result: SearchResult): string {
  return JSON.stringify({
    total: result.total,
    ids: result.ids,
    facets: result.facets,
    suggestions: result.suggestions,
    sort: result.sort,
    page: result.page,
    per_page: result.perPage,
  });
}
