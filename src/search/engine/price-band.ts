import { PRICE_BANDS } from './search-request.js';

/** Lower bounds of the price bands after the first. */
const BAND_STARTS = PRICE_BANDS.slice(1).map((band) => band.min);

/** The price band (index into PRICE_BANDS) of a price in cents. */
export function priceBand(cents: number): number {
  let band = 0;
  while (band < BAND_STARTS.length && cents >= BAND_STARTS[band]!) band++;
  return band;
}
