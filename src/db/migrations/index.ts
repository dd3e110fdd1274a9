import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect-name.js';
import * as initial from './001-initial.js';
import * as updateTimeIndexes from './002-update-time-indexes.js';
import * as brandCountIndexes from './003-brand-count-indexes.js';
import * as paymentOrderIndex from './004-payment-order-index.js';
import * as customerOrderIndex from './005-customer-order-index.js';

/** One migration: applied once, in name order, on every dialect. */
export interface Migration {
  readonly name: string;
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

/** Every migration, oldest first. Names never change once released. */
export const MIGRATIONS: readonly Migration[] = [
  { name: '001-initial', up: initial.up },
  { name: '002-update-time-indexes', up: updateTimeIndexes.up },
  { name: '003-brand-count-indexes', up: brandCountIndexes.up },
  { name: '004-payment-order-index', up: paymentOrderIndex.up },
  { name: '005-customer-order-index', up: customerOrderIndex.up },
];
