// Product-page render rate: Eta (the engine the app uses, through its Views search path) beside
// LiquidJS rendering the same page from a faithful port of the templates, in the same run.
// Run: npm run build && node dist/bench/template-engine.js [--runs 5] [--ms 1000]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Liquid } from 'liquidjs';
import { Views } from '../src/framework/index.js';
import { PROJECT_ROOT, count, median, rate, table } from './lib/measure.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, ms: { type: 'string', default: '1000' } },
});
const runs = Number(values.runs);
const ms = Number(values.ms);

const product = (id: number, title: string) => ({
  id,
  url: `/p/${id}`,
  imageUrl: `/img/p/${id}.svg`,
  title,
  author: null,
  sku: `TOY-${id}`,
  description:
    'A classic wooden train set with 52 pieces: track, a bridge, a tunnel and three magnetic carriages. Sanded smooth and finished with water-based paints, it grows with your child from first pushes to whole railway towns. <b>Batteries not included.</b>',
  brand: { name: 'Maple & Pine', slug: 'maple-pine' },
  category: { name: 'Train Sets', slug: 'train-sets' },
  price: '$49.99',
  listPrice: '$64.99',
  savingsPercent: 23,
  rating: 4.7,
  reviewCount: 1289,
  ages: 'Ages 3–8 years',
  inStock: true,
  availability: 'In stock',
});

const data = {
  title: 'Deluxe Wooden Railway Set, 52 Pieces',
  nav: [
    { slug: 'toys', name: 'Toys' },
    { slug: 'books', name: 'Books' },
    { slug: 'games', name: 'Video Games' },
    { slug: 'baby', name: 'Baby' },
  ],
  section: { slug: 'toys', name: 'Toys' },
  q: '',
  product: product(1001, 'Deluxe Wooden Railway Set, 52 Pieces'),
  breadcrumbs: [
    { name: 'Vehicles & Trains', href: '/c/vehicles-trains' },
    { name: 'Train Sets', href: '/c/train-sets' },
  ],
  related: [1, 2, 3, 4].map((n) => product(2000 + n, `Related <Toy> number ${n}`)),
};

const views = new Views({ root: path.join(PROJECT_ROOT, 'templates'), reload: false });
const liquid = new Liquid({
  root: path.join(PROJECT_ROOT, 'bench', 'template-engine'),
  extname: '.liquid',
  cache: true,
  outputEscape: 'escape',
});
const liquidTemplate = liquid.parseFileSync('product');

const engines = {
  'Eta (chosen)': () => views.render('product', data, 'toys'),
  LiquidJS: () => liquid.renderSync(liquidTemplate, data),
};

for (const [name, render] of Object.entries(engines)) {
  const html = String(render());
  if (!html.includes('Related &lt;Toy&gt; number 1') || html.includes('<Toy>'))
    throw new Error(`${name} did not escape`);
  console.log(`${name}: ${html.length} bytes of HTML per page`);
}

const results = new Map<string, number[]>(Object.keys(engines).map((name) => [name, []]));
for (let run = 0; run < runs; run++) {
  for (const [name, render] of Object.entries(engines)) results.get(name)!.push(rate(render, ms));
}
const eta = median(results.get('Eta (chosen)')!);
console.log(
  `\nproduct page renders per second, median of ${runs} runs of ${ms} ms, interleaved:\n`,
);
console.log(
  table(
    ['engine', 'renders/s', 'vs Eta'],
    [...results].map(([name, rates]) => [
      name,
      count(median(rates)),
      `${(median(rates) / eta).toFixed(2)}×`,
    ]),
  ),
);
