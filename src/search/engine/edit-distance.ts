/**
 * True when `a` becomes `b` by at most one insertion, deletion, substitution or swap of two
 * neighbouring letters (Damerau–Levenshtein distance ≤ 1), in one pass without a matrix.
 */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === la || i === lb) return true;
  if (la === lb) {
    // A substitution, or a swap of neighbours: either way the tails must agree.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return (
      a.charCodeAt(i) === b.charCodeAt(i + 1) &&
      a.charCodeAt(i + 1) === b.charCodeAt(i) &&
      a.slice(i + 2) === b.slice(i + 2)
    );
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
