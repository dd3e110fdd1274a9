import type { SearchTaxonomy } from './catalog-row.js';
import type { NumberArray } from './growable-array.js';
import { COLD, HOT } from './doc-table.js';

/** Bumped whenever the arrays below change meaning, so an old snapshot is rebuilt, not misread. */
export const INDEX_FORMAT = 4;

const TYPES = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f64: Float64Array,
} as const;
type TypeName = keyof typeof TYPES;

/** Every array of the index and its element type. Per-product arrays are indexed by document number. */
const ARRAYS = {
  /** Term t's postings are postingDocs[postingOffsets[t] … postingOffsets[t+1]), ascending. */
  postingOffsets: 'u32',
  postingDocs: 'u32',
  postingImpacts: 'u8',
  /** Document d's terms (the forward index) are forwardTerms[forwardOffsets[d] … forwardOffsets[d+1]). */
  forwardOffsets: 'u32',
  forwardTerms: 'u32',
  forwardImpacts: 'u8',
  /** Term texts (stems), UTF-8, one after another. */
  termText: 'u8',
  termTextOffsets: 'u32',
  /** The distinct folded words seen, sorted (for prefixes and typos), and the term of each. */
  wordText: 'u8',
  wordTextOffsets: 'u32',
  wordTerms: 'u32',
  /** Documents of category c are categoryDocs[categoryOffsets[c] … categoryOffsets[c+1]). */
  categoryOffsets: 'u32',
  categoryDocs: 'u32',
  /** Each document's packed facts (see doc-table.ts): HOT and COLD words a document. */
  hot: 'u32',
  cold: 'u32',
  categoryId: 'u32',
  brandId: 'u32',
  /** Product id → document, −1 for none (empty when ids are too sparse for a flat array). */
  productDocs: 'i32',
  productId: 'u32',
  reviewCount: 'u32',
  ageMin: 'u16',
  ageMax: 'u16',
  createdAt: 'f64',
  textHash: 'u32',
  /** Term t is indexed from descriptions when descriptionTerms[t] is 1 (see document-text.ts). */
  descriptionTerms: 'u8',
} as const satisfies Record<string, TypeName>;

export type ArrayName = keyof typeof ARRAYS;
interface ElementArrays {
  u8: Uint8Array;
  u16: Uint16Array;
  u32: Uint32Array;
  i32: Int32Array;
  f64: Float64Array;
}
type ArrayOf<N extends ArrayName> = ElementArrays[(typeof ARRAYS)[N]];
export type IndexArrays = { readonly [N in ArrayName]: ArrayOf<N> };

export interface ArrayLayout {
  readonly offset: number;
  readonly length: number;
}

/** What describes an index besides its arrays; kept as JSON in snapshots. */
export interface BaseIndexMeta {
  readonly format: number;
  readonly docs: number;
  readonly terms: number;
  readonly words: number;
  /** Mean product length in words, for BM25's length normalisation. */
  readonly averageLength: number;
  readonly taxonomy: SearchTaxonomy;
  /** The change-feed id the index reflects: later changes are applied on top. */
  readonly position: number;
  readonly builtAt: number;
  /** Products and the highest id when built: a snapshot of another catalog is not reused. */
  readonly fingerprint: { readonly count: number; readonly maxId: number };
  /** The age ranges (months) the records' age classes number. */
  readonly ageClasses: readonly (readonly [number, number])[];
  readonly maxCategoryId: number;
  readonly maxBrandId: number;
  readonly layout: { readonly [N in ArrayName]: ArrayLayout };
  readonly byteLength: number;
}

/** Meta before packing: everything but where the arrays lie. */
export type IndexDescription = Omit<BaseIndexMeta, 'format' | 'layout' | 'byteLength'>;

/**
 * The immutable part of an index: postings, forward index, words and the products' facts at build
 * time, all views over one SharedArrayBuffer, so every query thread reads the same memory and a
 * snapshot is that buffer written out.
 */
export class BaseIndex {
  readonly buffer: SharedArrayBuffer;
  readonly meta: BaseIndexMeta;
  readonly arrays: IndexArrays;

  constructor(buffer: SharedArrayBuffer, meta: BaseIndexMeta) {
    if (meta.format !== INDEX_FORMAT)
      throw new RangeError(`index format ${meta.format} is not ${INDEX_FORMAT}`);
    if (buffer.byteLength !== meta.byteLength)
      throw new RangeError('index buffer has the wrong size');
    const arrays: Record<string, NumberArray> = {};
    for (const [name, type] of Object.entries(ARRAYS) as [ArrayName, TypeName][]) {
      const { offset, length } = meta.layout[name];
      const make = TYPES[type];
      if (
        offset % make.BYTES_PER_ELEMENT !== 0 ||
        offset + length * make.BYTES_PER_ELEMENT > buffer.byteLength
      ) {
        throw new RangeError(`index array ${name} lies outside its buffer`);
      }
      arrays[name] = new make(buffer as unknown as ArrayBuffer, offset, length);
    }
    this.buffer = buffer;
    this.meta = meta;
    this.arrays = arrays as unknown as IndexArrays;
    checkShape(this.arrays, meta);
  }

  /** Copies `arrays` into one shared buffer, 8-byte aligned, and describes where each lies. */
  static pack(arrays: IndexArrays, description: IndexDescription): BaseIndex {
    const layout: Record<string, ArrayLayout> = {};
    let size = 0;
    for (const name of Object.keys(ARRAYS) as ArrayName[]) {
      size = Math.ceil(size / 8) * 8;
      layout[name] = { offset: size, length: arrays[name].length };
      size += arrays[name].byteLength;
    }
    const byteLength = Math.ceil(size / 8) * 8;
    const buffer = new SharedArrayBuffer(byteLength);
    for (const name of Object.keys(ARRAYS) as ArrayName[]) {
      const array = arrays[name];
      new Uint8Array(buffer, layout[name]!.offset, array.byteLength).set(
        new Uint8Array(array.buffer, array.byteOffset, array.byteLength),
      );
    }
    const meta: BaseIndexMeta = {
      ...description,
      format: INDEX_FORMAT,
      layout: layout as BaseIndexMeta['layout'],
      byteLength,
    };
    return new BaseIndex(buffer, meta);
  }
}

function checkShape(a: IndexArrays, meta: BaseIndexMeta): void {
  const fail = (what: string) => {
    throw new RangeError(`index arrays are inconsistent: ${what}`);
  };
  if (a.postingOffsets.length !== meta.terms + 1) fail('posting offsets');
  if (a.postingOffsets[meta.terms] !== a.postingDocs.length) fail('postings');
  if (a.postingImpacts.length !== a.postingDocs.length) fail('posting impacts');
  if (a.forwardOffsets.length !== meta.docs + 1) fail('forward offsets');
  if (a.forwardOffsets[meta.docs] !== a.forwardTerms.length) fail('forward terms');
  if (a.forwardImpacts.length !== a.forwardTerms.length) fail('forward impacts');
  if (a.termTextOffsets.length !== meta.terms + 1) fail('term texts');
  if (a.wordTextOffsets.length !== meta.words + 1 || a.wordTerms.length !== meta.words)
    fail('words');
  if (a.categoryOffsets.at(-1) !== a.categoryDocs.length) fail('category lists');
  if (a.descriptionTerms.length !== meta.terms) fail('description terms');
  if (a.hot.length !== meta.docs * HOT || a.cold.length !== meta.docs * COLD) fail('records');
  for (const name of [
    'productId',
    'reviewCount',
    'ageMin',
    'ageMax',
    'createdAt',
    'textHash',
  ] as const) {
    if (a[name].length !== meta.docs) fail(name);
  }
}
