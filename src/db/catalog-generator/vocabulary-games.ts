import { wordList } from './word-list.js';
import type { SentenceBanks } from './copy-helpers.js';

/** Worlds that role-playing games are set in ("Tales of Emberfall"). */
export const WORLDS = wordList(
  'Emberfall; Aldermere; the Shattered Isles; Nova Prime; Starhaven; Frostvale; Kingsreach; the Sunken City; Ironhold; Mistwood; Solara; the Hollow Lands',
);

/** Subtitles after a colon ("Shadow Legends: The Lost Kingdom"). */
export const SUBTITLES = wordList(
  'The Lost Kingdom; Rise of the Titans; Beyond the Stars; Shadow of the Moon; Frozen Frontier; The Final Hour; Dawn of Heroes; Storm Rising; Edge of Eternity; The Forgotten Realm',
);

/** Sequel marks and editions; the empty ones make most games firsts. */
export const SEQUELS: readonly string[] = [
  '',
  '',
  '',
  '',
  ' II',
  ' III',
  ' 2',
  ' 3',
  ' 4',
  ' Remastered',
  ' Deluxe Edition',
  ' Complete Edition',
  ' Origins',
];

/** The platforms accessories are made for. */
export const PLATFORMS = wordList('Nintendo Switch; PlayStation 5; Xbox Series X|S; PC');

/** Title templates by genre; `{lead}` is one of the leaf's lead words, `{noun}` one of its nouns. */
export const GAME_TITLES: Readonly<Record<string, readonly string[]>> = {
  action: ['{lead} {noun}{sequel}', '{lead} {noun}: {subtitle}'],
  rpg: ['{noun} of {world}', '{lead} {noun}{sequel}', '{lead} {noun}: {subtitle}'],
  racing: ['{lead} {noun}{sequel}', '{lead} {noun} {year}', '{lead} {noun} World Tour'],
  sports: ['{noun} {lead} {year}', 'Pro {noun} {year}', 'Super {noun} {lead}'],
  party: ['{lead} {lead2} {noun}', '{lead} {noun}{sequel}'],
  puzzle: ['{lead} {noun}', '{lead} {noun}{sequel}', '{lead} {noun} Deluxe'],
  shooter: ['{lead} {noun}{sequel}', '{lead} {noun}: {subtitle}'],
  strategy: ['{lead} {noun}{sequel}', 'Age of {lead} {noun}'],
  simulation: ['{lead} {noun}{sequel}', '{noun} {year}', '{lead} {noun}: Gold Edition'],
};

/** What a game is about, by genre; the first sentence of its description. */
export const PREMISES: Readonly<Record<string, readonly string[]>> = {
  action: [
    'In {title}, you lead a band of unlikely heroes across {world} to stop an ancient evil.',
    '{title} drops you into a vast, hand-crafted world full of secrets, puzzles and daring escapes.',
  ],
  rpg: [
    '{title} is an epic role-playing adventure set in {world}, where every choice shapes the story.',
    'Build your party, master dozens of skills and uncover the truth behind {world} in {title}.',
  ],
  racing: [
    'Start your engines: {title} puts you behind the wheel on more than {n} tracks.',
    '{title} is pure high-speed fun, from muddy back roads to neon-lit city circuits.',
  ],
  sports: [
    '{title} brings the speed and drama of the big game home.',
    'Take your team from rookies to champions in {title}.',
  ],
  party: [
    '{title} turns game night into a laugh-out-loud competition for the whole family.',
    'More than {n} mini-games make {title} the life of every party.',
  ],
  puzzle: [
    '{title} is a clever, relaxing puzzle game that is easy to learn and hard to put down.',
    'Think ahead and outsmart your opponents in {title}.',
  ],
  shooter: [
    '{title} is a tactical action game with a gripping story campaign and team-based online play.',
    'Lead your squad through {world} in {title}.',
  ],
  strategy: [
    'Build, trade and conquer in {title}, a deep strategy game set in {world}.',
    '{title} challenges you to grow a humble village into a mighty empire.',
  ],
  simulation: [
    '{title} lets you build the place of your dreams at your own pace.',
    'Plant, build, hire and grow in {title}, a cozy simulation for all ages.',
  ],
};

/** Middle sentences for every game. */
export const GAME_FEATURES: readonly string[] = [
  'Play solo or team up with up to {players} friends in local co-op.',
  'Unlock new characters, gear and secrets as you play.',
  'Gorgeous visuals and a sweeping orchestral soundtrack.',
  'Over {hours} hours of gameplay.',
  'Adjustable difficulty makes it welcoming to new players and a challenge for experts.',
  'Online play requires a subscription, sold separately.',
  'Includes a code for bonus in-game content.',
];

/** Sentences for consoles and accessories. */
export const HARDWARE_BANKS: SentenceBanks = {
  openers: [
    'The {title} from {brand} is built for long sessions and serious fun.',
    'Level up your setup with the {title}.',
    'The {title} is ready to play right out of the box.',
  ],
  features: [
    'Plug-and-play setup takes seconds.',
    'Built to last through countless game nights.',
    'Comfortable, lightweight design.',
    'Durable construction stands up to enthusiastic play.',
    'Includes a USB-C cable.',
    'Backed by a one-year limited warranty.',
    'A great gift for gamers of every age.',
  ],
  closers: ['For {age}.', 'Recommended for {age}.'],
};
