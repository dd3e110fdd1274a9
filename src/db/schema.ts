import type { Generated } from 'kysely';

/** Times are milliseconds since the epoch; money is integer cents. */
export interface SectionTable {
  id: number;
  slug: string;
  name: string;
  position: number;
}

/** Categories form a tree; `path` is the materialised chain of ids (`/3/41/`) so a subtree is one prefix. */
export interface CategoryTable {
  id: number;
  section_id: number;
  parent_id: number | null;
  slug: string;
  name: string;
  path: string;
  depth: number;
  position: number;
  updated_at: number;
}

export interface BrandTable {
  id: number;
  slug: string;
  name: string;
}

export interface ProductTable {
  id: number;
  sku: string;
  title: string;
  description: string;
  /** Books only. */
  author: string | null;
  brand_id: number;
  category_id: number;
  section_id: number;
  price_cents: number;
  list_price_cents: number;
  age_min_months: number;
  age_max_months: number;
  /** 0 to 5, one decimal. */
  rating: number;
  review_count: number;
  /** 1 is the best-seller. */
  sales_rank: number;
  created_at: number;
  updated_at: number;
}

export interface InventoryTable {
  product_id: number;
  on_hand: number;
  reserved: number;
  updated_at: number;
}

export interface CustomerTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string;
  created_at: number;
}

export interface SessionTable {
  id: string;
  customer_id: number | null;
  data: string;
  created_at: number;
  updated_at: number;
  expires_at: number;
}

export interface CartTable {
  id: Generated<number>;
  session_id: string | null;
  customer_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface CartLineTable {
  cart_id: number;
  product_id: number;
  quantity: number;
  added_at: number;
}

export interface OrderTable {
  id: Generated<number>;
  customer_id: number | null;
  session_id: string | null;
  status: string;
  subtotal_cents: number;
  shipping_cents: number;
  total_cents: number;
  shipping_method: string;
  /** JSON of the shipping address. */
  address: string;
  created_at: number;
  updated_at: number;
}

export interface OrderLineTable {
  order_id: number;
  line_no: number;
  product_id: number;
  title: string;
  quantity: number;
  unit_price_cents: number;
}

export interface PaymentTable {
  id: Generated<number>;
  order_id: number;
  gateway: string;
  status: string;
  amount_cents: number;
  card_last4: string;
  reference: string;
  created_at: number;
}

export interface IdempotencyKeyTable {
  key: string;
  session_id: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: number;
}

/** The change feed: appended in the same transaction as the change it describes. */
export interface ChangeFeedTable {
  id: Generated<number>;
  topic: string;
  key: string;
  version: number;
  created_at: number;
}

export interface Schema {
  sections: SectionTable;
  categories: CategoryTable;
  brands: BrandTable;
  products: ProductTable;
  inventory: InventoryTable;
  customers: CustomerTable;
  sessions: SessionTable;
  carts: CartTable;
  cart_lines: CartLineTable;
  orders: OrderTable;
  order_lines: OrderLineTable;
  payments: PaymentTable;
  idempotency_keys: IdempotencyKeyTable;
  change_feed: ChangeFeedTable;
}
