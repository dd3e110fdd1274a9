import { AgeClasses } from './age-classes.js';
import { RecordPacker, newRecords, type DocFacts, type Records } from './doc-table.js';
import type { GrowableArray, NumberArray } from './growable-array.js';

// How the builder lays the index out: documents in category order, postings as the transpose of
// the forward index, facts packed into records, strings as UTF-8 runs.

const encoder = new TextEncoder();

/** Each document's facts packed into records, in index order, and the age classes they number. */
export function packRecords(
  f: Readonly<Record<keyof DocFacts, GrowableArray<NumberArray>>>,
  order: Uint32Array,
): { records: Records; ages: AgeClasses } {
  const ages = new AgeClasses();
  const packer = new RecordPacker(order.length, ages);
  const records = newRecords(order.length);
  for (let d = 0; d < order.length; d++) {
    const from = order[d]!;
    packer.write(records, d, {
      categoryId: f.categoryId.at(from),
      brandId: f.brandId.at(from),
      priceCents: f.priceCents.at(from),
      titleHash: f.titleHash.at(from),
      salesRank: f.salesRank.at(from),
      ageMin: f.ageMin.at(from),
      ageMax: f.ageMax.at(from),
      inStock: f.inStock.at(from) === 1,
      rating: f.rating.at(from),
      createdAt: f.createdAt.at(from),
    });
  }
  return { records, ages };
}

/** The largest of `values`, 0 for none. */
export function largest(values: ArrayLike<number>): number {
  let found = 0;
  for (let i = 0; i < values.length; i++) found = Math.max(found, values[i]!);
  return found;
}

/** Document numbers in index order (new → arrival): by category, then sales rank. */
export function documentOrder(categories: Uint32Array, ranks: Uint32Array): Uint32Array {
  const order = new Uint32Array(categories.length);
  for (let d = 0; d < order.length; d++) order[d] = d;
  return order.sort((a, b) => categories[a]! - categories[b]! || ranks[a]! - ranks[b]! || a - b);
}

/** `values` rearranged so that position i holds `values[order[i]]`. */
export function permute<
  T extends Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array,
>(values: T, order: Uint32Array): T {
  const result = values.slice() as T;
  for (let i = 0; i < order.length; i++) result[i] = values[order[i]!]!;
  return result;
}

/**
 * The forward index in index order (position i holds document order[i]'s terms), with each
 * document's kept description terms merged in: a term also in its name fields gains the
 * description's weight × count, any other is added as a term of its own.
 */
export function mergeForward(
  order: Uint32Array,
  names: { offsets: Uint32Array; terms: Uint32Array; tfs: Float32Array },
  description: {
    offsets: Uint32Array;
    terms: Uint32Array;
    counts: Uint8Array;
    /** keep[term] is 1 when the term is indexed from descriptions. */
    keep: Uint8Array;
    weight: number;
  },
): { offsets: Uint32Array; terms: Uint32Array; tfs: Float32Array } {
  const { keep } = description;
  let size = names.terms.length;
  for (let k = 0; k < description.terms.length; k++) size += keep[description.terms[k]!]!;
  const offsets = new Uint32Array(order.length + 1);
  const terms = new Uint32Array(size);
  const tfs = new Float32Array(size);
  let at = 0;
  for (let i = 0; i < order.length; i++) {
    const d = order[i]!;
    const start = at;
    for (let k = names.offsets[d]!; k < names.offsets[d + 1]!; k++) {
      terms[at] = names.terms[k]!;
      tfs[at++] = names.tfs[k]!;
    }
    const named = at;
    for (let k = description.offsets[d]!; k < description.offsets[d + 1]!; k++) {
      const term = description.terms[k]!;
      if (keep[term] !== 1) continue;
      const tf = description.weight * description.counts[k]!;
      let j = start;
      while (j < named && terms[j] !== term) j++;
      if (j < named) tfs[j]! += tf;
      else {
        terms[at] = term;
        tfs[at++] = tf;
      }
    }
    offsets[i + 1] = at;
  }
  // A description term merged into a name term took no new place: trim the ends unused.
  return { offsets, terms: terms.subarray(0, at), tfs: tfs.subarray(0, at) };
}

/** Offsets where each of `count` groups starts, given each group's size; one extra at the end. */
export function prefixSums(sizes: Uint32Array, count: number): Uint32Array {
  const offsets = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + sizes[i]!;
  return offsets;
}

/** Documents grouped by a small key (their category), ascending within each group. */
export function groupBy(
  keys: Uint32Array,
  docs: number,
): { offsets: Uint32Array; docs: Uint32Array } {
  let max = 0;
  for (let d = 0; d < docs; d++) max = Math.max(max, keys[d]!);
  const sizes = new Uint32Array(max + 1);
  for (let d = 0; d < docs; d++) sizes[keys[d]!]!++;
  const offsets = prefixSums(sizes, max + 1);
  const next = offsets.slice(0, max + 1);
  const grouped = new Uint32Array(docs);
  for (let d = 0; d < docs; d++) grouped[next[keys[d]!]!++] = d;
  return { offsets, docs: grouped };
}

export function packStrings(strings: readonly string[]): {
  bytes: Uint8Array;
  offsets: Uint32Array;
} {
  const encoded = strings.map((s) => encoder.encode(s));
  const offsets = new Uint32Array(strings.length + 1);
  encoded.forEach((bytes, i) => (offsets[i + 1] = offsets[i]! + bytes.length));
  const bytes = new Uint8Array(offsets[strings.length]!);
  encoded.forEach((b, i) => bytes.set(b, offsets[i]));
  return { bytes, offsets };
}
