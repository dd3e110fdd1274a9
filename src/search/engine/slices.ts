/**
 * Work done a slice at a time: a generator that yields between slices and returns its result. A
 * query thread steps one with a time budget between searches (see query-worker.ts), so preparing
 * a new index never holds a search up for more than one slice; elsewhere it is simply drained.
 */
export type Sliced<T> = Generator<void, T, void>;

/** Runs `work` to its end at once. */
export function drain<T>(work: Sliced<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}
