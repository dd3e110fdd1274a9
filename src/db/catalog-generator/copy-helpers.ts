import type { Random } from './random.js';
import { AGE_AND_UP } from './taxonomy-spec.js';

/** Descriptions aim for a few sentences: at least this many characters when the banks allow… */
const DESCRIPTION_MIN = 200;
/** …and never more than this, so listing pages can show them whole. */
const DESCRIPTION_MAX = 400;

/** The sentence banks a description is composed from. */
export interface SentenceBanks {
  readonly openers: readonly string[];
  readonly features: readonly string[];
  readonly closers: readonly string[];
}

/** Replaces each `{name}` in `template` with its value; unknown names are left as they are. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Upper-cases the first letter, for titles that begin with a topic like "the Moon". */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * An opener, middle sentences in random order until the text reaches 200 characters, and a closer,
 * with every sentence that would push it past 400 left out.
 */
export function describe(
  random: Random,
  banks: SentenceBanks,
  values: Readonly<Record<string, string>>,
): string {
  const opener = fill(random.pick(banks.openers), values);
  const closer = fill(random.pick(banks.closers), values);
  const target = DESCRIPTION_MIN + random.int(0, 80);
  let length = opener.length + closer.length + 1;
  const middle: string[] = [];
  const order = banks.features.map((_, index) => index);
  for (let i = 0; i < order.length && length < target; i++) {
    const j = random.int(i, order.length - 1);
    const chosen = order[j] as number;
    order[j] = order[i] as number;
    const sentence = fill(banks.features[chosen] as string, values);
    if (length + sentence.length + 1 > DESCRIPTION_MAX) continue;
    middle.push(sentence);
    length += sentence.length + 1;
  }
  return [opener, ...middle, closer].join(' ');
}

/** The age range as a box prints it: "ages 3 to 8", "newborns to 12 months", "ages 13 and up". */
export function ageText(min: number, max: number): string {
  const years = (months: number) => String(Math.floor(months / 12));
  const months = (value: number) => (value === 0 ? 'newborns' : `${value} months`);
  if (max >= AGE_AND_UP)
    return min === 0 ? 'all ages' : `ages ${min < 24 ? months(min) : years(min)} and up`;
  if (max <= 24) return `${months(min)} to ${max} months`;
  if (min < 24) return `${months(min)} to ${years(max)} years`;
  return `ages ${years(min)} to ${years(max)}`;
}
