// Durable checkouts per second: orders of 3 lines placed through `placeOrder` (one transaction:
// idempotency key, price reads, conditional stock decrements, order, lines, payment, change feed),
// on SQLite and PostgreSQL in the same run, with the statements each checkout runs.
// SQLite is measured as shipped (WAL, synchronous=NORMAL: an order survives a process crash) and
// with synchronous=FULL (it survives a power cut too); PostgreSQL as configured (fsync on commit).
// Run: npm run build && node dist/bench/checkout.js [--products 10000] [--seconds 5] [--runs 3]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/index.js';
import { placeOrder, TestPaymentGateway, TEST_CARDS } from '../src/store/index.js';
import { seededDatabase } from './lib/bench-database.js';
import { count, median, table } from './lib/measure.js';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '5' },
    runs: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '16' },
  },
});
const products = Number(values.products);
const seconds = Number(values.seconds);
const runs = Number(values.runs);
const concurrency = Number(values.concurrency);
const LINES = 3;
const gateway = new TestPaymentGateway();
const address = {
  name: 'Bench Shopper',
  line1: '1 Load Street',
  line2: '',
  city: 'Benchville',
  region: '',
  postcode: '00000',
  country: 'United States',
};

interface Setup {
  readonly name: string;
  readonly dialect: 'sqlite' | 'postgres';
  readonly pragma?: string;
}

const SETUPS: Setup[] = [
  { name: 'SQLite (synchronous=NORMAL, as shipped)', dialect: 'sqlite' },
  { name: 'SQLite (synchronous=FULL)', dialect: 'sqlite', pragma: 'synchronous = FULL' },
  { name: 'PostgreSQL', dialect: 'postgres' },
];

async function measure(setup: Setup) {
  const seeded = await seededDatabase(setup.dialect, products);
  let statements = 0;
  const database = openDatabase(seeded.url, {
    maxConnections: concurrency,
    onQuery: () => statements++,
  });
  try {
    if (setup.pragma) await sql.raw(`pragma ${setup.pragma}`).execute(database.db);
    // Stock enough for every order, so each one is a full, successful checkout.
    await database.db
      .updateTable('inventory')
      .set({ on_hand: 1_000_000_000, reserved: 0 })
      .execute();
    const ids = Array.from({ length: products }, (_, i) => i + 1);
    let n = 0;
    const checkout = async () => {
      const start = (n++ * 7919) % (products - LINES);
      const outcome = await placeOrder(database, gateway, {
        sessionId: `bench-${n}`,
        customerId: null,
        lines: ids.slice(start, start + LINES).map((productId) => ({ productId, quantity: 1 })),
        address,
        shippingMethod: 'standard',
        cardNumber: TEST_CARDS.approve,
        idempotencyKey: randomUUID(),
      });
      if (outcome.kind !== 'placed') throw new Error(`checkout failed: ${outcome.kind}`);
    };
    await checkout(); // warm prepared statements
    statements = 0;
    await checkout();
    const perCheckout = statements;
    const rates: number[] = [];
    for (let run = 0; run < runs; run++) {
      let placed = 0;
      const deadline = performance.now() + seconds * 1000;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < deadline) {
            await checkout();
            placed++;
          }
        }),
      );
      rates.push((placed / (performance.now() - started)) * 1000);
    }
    return { perCheckout, rates };
  } finally {
    await database.close();
    await seeded.drop();
  }
}

const rows: string[][] = [];
for (const setup of SETUPS) {
  const { perCheckout, rates } = await measure(setup);
  rows.push([
    setup.name,
    count(median(rates)),
    rates.map((r) => count(r)).join(' / '),
    `${perCheckout} + BEGIN, COMMIT`,
  ]);
}
console.log(
  `\nCheckouts of ${LINES} lines, ${concurrency} at a time, ${runs} runs of ${seconds} s, ${count(products)} products`,
);
console.log(table(['database', 'orders/s (median)', 'runs', 'statements per checkout'], rows));
