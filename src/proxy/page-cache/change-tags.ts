/**
 * The surrogate key a change-feed entry purges: a product's pages carry `p<id>`, a category's
 * `c<id>` (the app's `Surrogate-Key`); other topics purge nothing.
 */
export function tagForChange(change: {
  readonly topic: string;
  readonly key: string;
}): string | undefined {
  if (change.topic === 'product') return `p${change.key}`;
  if (change.topic === 'category') return `c${change.key}`;
  return undefined;
}
