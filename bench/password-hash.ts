// CPU of one password hash: argon2id at the costs the store uses (OWASP's first recommendation)
// beside scrypt at OWASP's N=2^17, which the store used before, in the same run, interleaved.
// Run: npm run build && node dist/bench/password-hash.js [--rounds 5]
import { scryptSync } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hashSync } from '@node-rs/argon2';
import { median, table } from './lib/measure.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);

const contenders: Record<string, () => unknown> = {
  'argon2id m=19 MiB, t=2, p=1': () =>
    hashSync('correct horse battery', { memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
  'scrypt N=2^17, r=8, p=1 (128 MiB)': () =>
    scryptSync('correct horse battery', 'sixteen byte salt', 32, {
      N: 2 ** 17,
      r: 8,
      p: 1,
      maxmem: 256 * 1024 * 1024,
    }),
};

/** CPU milliseconds (user + system) of one call of `fn`. */
function cpuMs(fn: () => unknown): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const samples = new Map<string, number[]>(Object.keys(contenders).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, fn] of Object.entries(contenders)) samples.get(name)!.push(cpuMs(fn));
}
const baseline = median(samples.get('argon2id m=19 MiB, t=2, p=1')!);
const rows = [...samples].map(([name, ms]) => [
  name,
  median(ms).toFixed(1),
  `${Math.min(...ms).toFixed(1)}–${Math.max(...ms).toFixed(1)}`,
  `${(median(ms) / baseline).toFixed(1)}×`,
]);
console.log(`one password hash, CPU ms, ${rounds} interleaved rounds`);
console.log(table(['hash', 'median', 'range', 'vs argon2id'], rows));
