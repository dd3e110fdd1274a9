import { wordList } from './word-list.js';

/** Authors' given names; with the family names and an occasional middle initial, every author's name. */
export const AUTHOR_GIVEN = wordList(
  'Emily; James; Sarah; Michael; Olivia; David; Hannah; Daniel; Grace; Benjamin; Rachel; Samuel; Laura; Thomas; Julia; Andrew; Megan; Christopher; Anna; Matthew; Claire; Jonathan; Rebecca; Nathan; Alice; Peter; Katherine; Marcus; Eleanor; Adam; Naomi; Kevin; Rosa; Luis; Mei; Hiroshi; Aisha; Kwame; Priya; Rahul; Sofia; Mateo; Ingrid; Lars; Fatima; Omar; Yuki; Chen; Amara; Chidi; Elena; Pablo; Zara; Isaac; Ruth; Simon; Beatrix; Oscar; Margaret; Henry; Lucy; Arthur; Vivian; Walter; Nina; Roland; Tessa; Gabriel; Imogen; Felix',
);

/** Authors' family names. */
export const AUTHOR_FAMILY = wordList(
  'Hart; Whitfield; Morrow; Calloway; Pennington; Sinclair; Ashby; Bellamy; Thornton; Winslow; Hargrove; Mercer; Lockwood; Fairchild; Holloway; Kendrick; Langley; Ellison; Marsh; Prescott; Rowe; Sutherland; Vance; Waverly; Okafor; Nakamura; Patel; Rivera; Castillo; Lindqvist; Kowalski; Haddad; Nguyen; Takahashi; Adeyemi; Moreau; Rossi; Schmidt; Novak; Byrne; Gallagher; McAllister; Delgado; Ortega; Banerjee; Iyer; Kim; Park; Chen; Osei; Mensah; Abara; Fontaine; Dubois; Brennan; Quinlan; Harlow; Everly; Greer; Sterling; Blackwood; Ainsley; Carrow; Dunmore; Featherstone; Goodwin; Hollis; Ingram; Jessup; Keating',
);

/** Heroes' first names for story titles and blurbs. */
export const HEROES = wordList(
  'Max; Lily; Oliver; Zoe; Leo; Mia; Sam; Ruby; Theo; Ava; Finn; Isla; Milo; Hazel; Jasper; Nora; Owen; Clara; Eli; Maya; Felix; Poppy; Hugo; Iris; Jack; Luna; Omar; Priya; Kenji; Amara; Diego; Sofia; Ezra; Willa; Arlo; June',
);

/** Heroes' family names ("Milo Finch and the Clockwork Key"). */
export const HERO_FAMILY = wordList(
  'Parker; Quinn; Moreno; Chen; Brooks; Fletcher; Patel; Nakamura; Hale; Okafor; Rivera; Baker; Sullivan; Kim; Lopez; Finch; Wilder; Abbott; Sparks; Button',
);

/** Where stories happen ("The Secret of Willow Creek"). */
export const PLACES = wordList(
  'Willow Creek; Maple Hollow; Crescent Bay; Foxglove Lane; Pinecone Island; Thistle Grove; Harbor Town; Starfall Ridge; Blackwater Manor; Misty Meadow; Copper Canyon; Lantern Street; Owl’s Hollow; Juniper Falls; the Silver Woods; Moonstone Castle; Ravenwood; Saltmarsh Point',
);

/** Adjectives for story titles. */
export const STORY_ADJECTIVES = wordList(
  'Secret; Hidden; Lost; Brave; Midnight; Forgotten; Enchanted; Silver; Wild; Curious; Tiny; Wonderful; Invisible; Golden; Last; Little; Grumpy; Magnificent; Clockwork; Whispering',
);

/** Abstract nouns for young adult titles ("A Kingdom of Thorns and Embers"). */
export const ABSTRACTS = wordList(
  'Ashes; Embers; Stars; Silence; Secrets; Storms; Roses; Ruin; Light; Glass; Smoke; Gold; Bones; Wings',
);

/** Things a picture-book hero does ("The Fox Who Couldn’t Sleep"). */
export const DEEDS = wordList(
  'Couldn’t Sleep; Lost Its Hat; Wanted to Fly; Loved to Dance; Said Sorry; Was Afraid of the Dark; Came to Tea; Found a Friend; Counted the Stars; Forgot Her Birthday',
);

/** Where a picture-book surprise turns up ("There’s a Dragon in My Bathtub"). */
export const ROOMS = wordList(
  'Backpack; Bathtub; Garden; Lunchbox; Closet; Treehouse; Cereal; Bed; Library',
);

/** School grades for workbooks. */
export const GRADES = wordList('Pre-K; Kindergarten; Grade 1; Grade 2; Grade 3; Grade 4; Grade 5');

/** Title templates by leaf style; `{topic}` is one of the leaf's topics, `{kind}` one of its kinds. */
export const BOOK_TITLES: Readonly<Record<string, readonly string[]>> = {
  board: [
    '{topic}!',
    'Touch and Feel: {topic}',
    'Peekaboo, {topic}!',
    'My First Book of {topic}',
    'Hello, {topic}!',
    'Goodnight, {topic}',
    'Little Book of {topic}',
    'Baby’s First {topic}',
    '{hero}’s Book of {topic}',
    'Sing Along with {topic}',
  ],
  picture: [
    'The {adj} {topic}',
    '{hero} and the {adj} {topic}',
    'A {topic} for {hero}',
    'The {topic} Who {deed}',
    'When the {topic} Came to {place}',
    'There’s a {topic} in My {room}',
    'Good Morning, {topic}',
  ],
  reader: [
    '{hero} and the {topic}',
    'Go, {hero}, Go!',
    'The {topic}',
    '{hero}’s {topic}',
    'A {topic} for {hero}',
    '{hero} and the {adj} {topic}',
    'The {adj} {topic}',
  ],
  set: [
    '{topic} Box Set, {n} Books',
    'Learn to Read with {topic}: {n}-Book Set',
    'My First {topic} Library, {n} Books',
  ],
  chapter: [
    '{hero} {family} and the {topic}',
    'The Case of the {topic}',
    '{hero} Saves the {topic}',
    'The Great {topic} Mix-Up',
    'The {topic} Club',
    '{hero} {family}: The {adj} {topic}',
  ],
  middle: [
    'The Secret of {place}',
    'The {topic} of {place}',
    '{hero} {family} and the {adj} {topic}',
    'The Last {topic}',
    'Beyond the {topic}',
    'The {adj} {topic}',
    'The {topic} Keepers',
  ],
  teen: [
    'A Kingdom of {topic} and {abstract}',
    'The {topic} We Lost',
    '{abstract} of {topic}',
    'Before the {topic}',
    'All the {adj} {topic}',
    'A Song of {abstract}',
    'When {topic} Falls',
  ],
  classic: ['The {topic}', 'The {adj} {topic}', 'The {topic} of {place}', '{hero} of {place}'],
  treasury: [
    'A Treasury of {topic}',
    'The Big Book of {topic}',
    '{n} {topic} to Read Aloud',
    '{topic} for Every Day',
    'The Golden Book of {topic}',
  ],
  nonfiction: [
    'All About {topic}',
    'The Big Book of {topic}',
    '{n} Amazing Facts About {topic}',
    'Everything You Need to Know About {topic}',
    'My First Book of {topic}',
    'The Ultimate Guide to {topic}',
    '{topic}: A Visual Encyclopedia',
  ],
  activity: [
    '{topic} {kind}',
    'My Big {topic} {kind}',
    'The Giant {topic} {kind}',
    '{topic} Fun: A {kind} for Kids',
  ],
  parenting: [
    'The Calm Parent’s Guide to {topic}',
    '{topic}, Simplified',
    'What Every Parent Should Know About {topic}',
    'The {topic} Handbook',
    'Raising Happy Kids: {topic}',
  ],
  cookbook: [
    '{topic}: {n} Easy Recipes',
    'The Big Book of {topic}',
    '{topic} Made Easy',
    'The Happy Kitchen: {topic}',
  ],
  reference: [
    'My First {topic}',
    'The Illustrated Children’s {topic}',
    'Student {topic}',
    'The Kids’ {topic}',
  ],
  workbook: [
    '{grade} {topic} Workbook',
    'Ready for {grade}: {topic}',
    'Brain Builders {topic}, {grade}',
    '{topic} Practice, {grade}',
  ],
  language: [
    'My First {topic} Words',
    '{topic} for Kids',
    'Let’s Learn {topic}!',
    'Bilingual {topic} Picture Dictionary',
  ],
};

/** Editions that set apart books sharing a title: references and treasuries are revised often. */
export const EDITIONS = wordList(
  '(Revised Edition); Second Edition; Third Edition; (Illustrated Edition); (Updated Edition); (Paperback); (Hardcover); Deluxe Edition; (Spiral-Bound); (Anniversary Edition)',
);
