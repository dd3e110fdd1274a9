import { NotFoundError } from '../../shared/index.js';
import { idSegment, type RequestContext } from '../../framework/index.js';

/** Placeholder images never change for an id: caches may keep them a day. */
const IMAGE_MAX_AGE = 86_400;

/** `/img/p/:file`: a generated product picture (`123.svg`), the same for an id every time. */
export function placeholderImage(context: RequestContext<unknown>) {
  const match = /^(\d+)\.svg$/.exec(context.params['file'] ?? '');
  const id = idSegment(match?.[1]);
  if (id === undefined) throw new NotFoundError('We could not find that image.');
  return {
    status: 200,
    headers: {
      'content-type': 'image/svg+xml',
      'cache-control': `public, max-age=${IMAGE_MAX_AGE}`,
      'x-content-type-options': 'nosniff',
    },
    body: productSvg(id),
  };
}

/** A friendly block-toy drawing whose colours and shapes come from the id. */
export function productSvg(id: number): string {
  let h = Math.imul(id ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  const next = () => ((h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0), h);
  const hue = next() % 360;
  const accent = (hue + 150 + (next() % 60)) % 360;
  const shapes = [];
  for (let i = 0; i < 3; i++) {
    const x = 40 + (next() % 220);
    const y = 60 + (next() % 160);
    const size = 40 + (next() % 60);
    const fill = `hsl(${(accent + i * 40) % 360} 70% ${55 + i * 8}%)`;
    shapes.push(
      next() % 2 === 0
        ? `<circle cx="${x}" cy="${y}" r="${size / 2}" fill="${fill}"/>`
        : `<rect x="${x - size / 2}" y="${y - size / 2}" width="${size}" height="${size}" rx="10" fill="${fill}"/>`,
    );
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 300" width="300" height="300" role="img">` +
    `<rect width="300" height="300" fill="hsl(${hue} 60% 92%)"/>${shapes.join('')}` +
    `<text x="150" y="285" font-family="sans-serif" font-size="14" text-anchor="middle" fill="hsl(${hue} 30% 35%)">#${id}</text></svg>`
  );
}
