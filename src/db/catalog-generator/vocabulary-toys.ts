import { wordList } from './word-list.js';

/** Play themes that go before a toy's noun: "Wooden Dinosaur Train Set". */
export const TOY_THEMES = wordList(
  'Rainbow; Dinosaur; Unicorn; Space; Jungle; Ocean; Farm; Pirate; Princess; Robot; Safari; Castle; Fire Rescue; Police; Construction; Mermaid; Dragon; Arctic; Garden; Galaxy; Woodland; City; Race Car; Superhero; Knight; Fairy; Monster Truck; Ninja; Puppy; Kitten; Volcano; Treasure Island',
);

/** First sentences of a toy description; `{title}`, `{brand}` and `{noun}` are filled in. */
export const TOY_OPENERS: readonly string[] = [
  'Meet the {title}, a {brand} favorite built for busy hands and big imaginations.',
  'From {brand}, the {title} turns an ordinary afternoon into an adventure.',
  'Open the box and the {title} is ready to play in minutes.',
  'Kids reach for the {title} again and again, and it is easy to see why.',
  'The {title} is the kind of toy that still gets played with long after the wrapping paper is gone.',
  'Designed by the toy makers at {brand}, this {noun} sparks hours of creative, hands-on play.',
  'Every playroom needs a {noun} like this one, and the {title} is among the best we have found.',
];

/** Middle sentences of a toy description. */
export const TOY_FEATURES: readonly string[] = [
  'Sturdy, kid-tested materials stand up to years of enthusiastic play.',
  'Every piece is sized for small hands and meets or exceeds US toy safety standards.',
  'It builds problem solving, fine motor skills and cooperative play without anyone noticing.',
  'Bright colors and clever little details reward a closer look.',
  'Everything stores neatly in the box it came in, so cleanup takes a minute.',
  'It makes a thoughtful birthday or holiday gift.',
  'Play solo or with friends: there is room for everyone.',
  'Thoughtful design and durable construction make it a standout in any playroom.',
  'It grows with your child, with new ways to play at every stage.',
  'Wipe clean with a damp cloth.',
  'Pairs well with other sets from the same collection for even bigger adventures.',
];

/** Last sentences of a toy description; `{age}` is the printed age range. */
export const TOY_CLOSERS: readonly string[] = [
  'Recommended for {age}.',
  'For {age}. Some adult assembly required.',
  'Suitable for {age}.',
];

/** Product-line names shared by toy and baby makers ("Breeze LX Lightweight Stroller"). */
export const PRODUCT_LINES = wordList(
  'Aria; Breeze; Voyager; Nimbus; Pixie; Zoom; Atlas; Comet; Juniper; Echo; Nova; Bloom; Summit; Orbit; Luna; Cascade; Tundra; Meadow; Zephyr; Sparrow; Cirrus; Quest; Fable; Trek; Glide; Rover; Dash; Snug; Puffin; Kestrel; Marigold; Bramble; Skipper; Tango; Whirl; Jubilee',
);

/** Marks that follow a line name ("Voyager 2", "Aria Plus"). */
export const LINE_MARKS = wordList('2; 3; Plus; LX; Pro; Max; Mini; 360; Go; Duo; Classic; Lite');
