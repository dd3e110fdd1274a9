// A query thread: holds a SearchEngine over the shared index and answers searches one at a time.
import { parentPort } from 'node:worker_threads';
import { BaseIndex, SearchEngine, type SearchResult } from './engine/index.js';
import type { ToQueryThread, FromQueryThread } from './query-messages.js';

const port = parentPort!;
let engine: SearchEngine | undefined;

port.on('message', (message: ToQueryThread) => {
  switch (message.type) {
    case 'search': {
      if (engine === undefined) {
        reply({ type: 'failed', id: message.id, message: 'no index loaded' });
        return;
      }
      try {
        reply({ type: 'result', id: message.id, body: resultJson(engine.search(message.request)) });
      } catch (error) {
        reply({
          type: 'failed',
          id: message.id,
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
      return;
    }
    case 'index': {
      // The old engine serves nothing more once this message is read; it is dropped with its copy.
      const next = new SearchEngine(new BaseIndex(message.buffer, message.meta));
      next.setTaxonomy(message.taxonomy);
      next.apply(message.rows);
      next.remove(message.removed);
      engine = next;
      reply({ type: 'ready', products: engine.size });
      return;
    }
    case 'apply':
      engine?.apply(message.rows);
      engine?.remove(message.removed);
      return;
    case 'taxonomy':
      engine?.setTaxonomy(message.taxonomy);
      return;
  }
});

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
