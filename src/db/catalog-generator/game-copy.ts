import type { Copywriter, CopyInput, ProductCopy } from './copywriter.js';
import type { Random } from './random.js';
import { ageText, describe, fill } from './copy-helpers.js';
import {
  GAME_FEATURES,
  GAME_TITLES,
  HARDWARE_BANKS,
  PLATFORMS,
  PREMISES,
  SEQUELS,
  SUBTITLES,
  WORLDS,
} from './vocabulary-games.js';

/** The ESRB mark for a minimum age in months, as the back of the box prints it. */
function esrb(ageMin: number): string {
  if (ageMin >= 204) return 'Rated M for Mature.';
  if (ageMin >= 156) return 'Rated T for Teen.';
  if (ageMin >= 120) return 'Rated E10+ for Everyone 10 and up.';
  return 'Rated E for Everyone.';
}

/** Game titles ending in their platform ("Galaxy Raiders II – Nintendo Switch"), and hardware. */
export class GameCopywriter implements Copywriter {
  write(random: Random, { leaf, brand, ageMin, ageMax }: CopyInput): ProductCopy {
    const { spec, top } = leaf;
    const style = spec.style ?? 'action';
    const lead = spec.modifiers ? random.pick(spec.modifiers) : '';
    const noun = random.pick(spec.nouns);
    const values: Record<string, string> = {
      brand,
      hours: String(random.int(8, 60)),
      age: ageText(ageMin, ageMax),
    };
    let title: string;
    let description: string;
    if (top.platform === undefined) {
      title = [random.chance(0.5) ? brand : '', lead, noun].filter(Boolean).join(' ');
      if (style === 'accessory') title += ` – ${random.pick(PLATFORMS)}`;
      else if (spec.suffixes && random.chance(0.5)) title += ` ${random.pick(spec.suffixes)}`;
      values['title'] = title;
      description = describe(random, HARDWARE_BANKS, values);
    } else {
      const templates = GAME_TITLES[style];
      const premises = PREMISES[style];
      if (!templates || !premises)
        throw new Error(`game style '${style}' has no titles or premises`);
      const others = spec.modifiers?.filter((word) => word !== lead) ?? [];
      Object.assign(values, {
        lead,
        lead2: others.length > 0 ? random.pick(others) : lead,
        noun,
        sequel: random.pick(SEQUELS),
        subtitle: random.pick(SUBTITLES),
        world: random.pick(WORLDS),
        year: random.pick(['26', '27']),
        n: String(random.int(3, 12) * 10),
        players: String(random.int(2, 4)),
      });
      title = `${fill(random.pick(templates), values)} – ${top.platform}`;
      values['title'] = title;
      description = describe(
        random,
        { openers: premises, features: GAME_FEATURES, closers: [esrb(ageMin)] },
        values,
      );
    }
    return { title, description, author: null };
  }
}
