import { Random } from './random.js';
import { Permutation } from './permutation.js';
import { Taxonomy } from './taxonomy.js';
import { BrandCatalog } from './brands.js';
import { AuthorPool } from './authors.js';
import { ProductFactory } from './product-factory.js';

// Random streams for the catalog-wide draws; products use streams 1..n, their ids.
const TAXONOMY_STREAM = 0xfff0_0001;
const BRAND_STREAM = 0xfff0_0002;
const AUTHOR_STREAM = 0xfff0_0003;
const RANK_STREAM = 0xfff0_0004;

/** Everything one `(seed, products)` pair determines: the tree, the brands, and a product factory. */
export class GeneratedCatalog {
  readonly taxonomy: Taxonomy;
  readonly brands: BrandCatalog;
  readonly factory: ProductFactory;

  constructor(seed: number, products: number) {
    this.taxonomy = new Taxonomy(new Random(seed, TAXONOMY_STREAM));
    this.brands = new BrandCatalog(new Random(seed, BRAND_STREAM));
    this.factory = new ProductFactory({
      seed,
      total: products,
      taxonomy: this.taxonomy,
      brands: this.brands,
      authors: new AuthorPool(new Random(seed, AUTHOR_STREAM)),
      ranks: new Permutation(products, new Random(seed, RANK_STREAM)),
    });
  }
}
