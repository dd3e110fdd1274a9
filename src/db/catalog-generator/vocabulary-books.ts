import { wordList } from './word-list.js';
import type { SentenceBanks } from './copy-helpers.js';

/** Authors' given names; with the family names below they make a pool of ten thousand authors. */
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

/** Which blurb family a title style is described with. */
export const BOOK_BLURB_FAMILY: Readonly<Record<string, string>> = {
  board: 'baby',
  picture: 'picture',
  reader: 'picture',
  treasury: 'picture',
  chapter: 'story',
  middle: 'story',
  classic: 'story',
  teen: 'teen',
  parenting: 'adult',
  cookbook: 'adult',
};

/** Plot pieces for story blurbs. */
export const DISCOVERIES = wordList(
  'a hidden map; a talking cat; a mysterious letter; a door that was not there yesterday; a dragon egg; an old brass key; a message in a bottle; a stranger’s diary',
);
export const GOALS = wordList(
  'find the way home; save the town fair; solve the mystery; win the championship; keep a very big secret; break an ancient curse; rescue a lost friend; stop a thief',
);
export const STAKES = wordList(
  'before the first snow; before summer ends; before it is too late; before the clock strikes midnight; before anyone finds out; before the storm arrives',
);

/** Description sentences by blurb family; `{title}`, `{author}`, `{topic}`, the plot pieces and `{age}`. */
export const BOOK_BLURBS: Readonly<Record<string, SentenceBanks>> = {
  baby: {
    openers: [
      '{title} is a first book for the littlest readers, from {author}.',
      'Bright pictures and simple words make {title} a bedtime favorite.',
      'Babies and toddlers will reach for {title} again and again.',
    ],
    features: [
      'Sturdy board pages stand up to little hands and teething.',
      'Rounded corners keep it safe for the youngest readers.',
      'Simple, rhythmic text invites little ones to join in.',
      'High-contrast illustrations are easy for babies to see.',
      'It is just the right size for a diaper bag.',
      'A perfect baby shower gift.',
    ],
    closers: ['For {age}.', 'Board book for {age}.'],
  },
  picture: {
    openers: [
      '{hero} has never been braver than in {title}, a warm and funny story by {author}.',
      'In {title}, {author} tells the story of {hero}, who finds {discovery} in {place}.',
      '{author} brings {place} to life in {title}.',
      'Nobody expects {discovery} on an ordinary Tuesday, least of all {hero}.',
    ],
    features: [
      'Full-color illustrations fill every page.',
      'It is perfect for reading aloud at bedtime or in the classroom.',
      'A gentle story about courage, kindness and friendship.',
      'Kids will laugh out loud and ask to hear it again.',
      'The rhythmic text begs to be read aloud.',
      'A modern classic in the making.',
      'Includes a note for grown-ups with ideas for talking about the story.',
    ],
    closers: ['For {age}.', 'Recommended for {age}.'],
  },
  story: {
    openers: [
      'When {hero} discovers {discovery} in {place}, there is only one thing to do: {goal} {stakes}.',
      'In {title}, {author} sends {hero} on an adventure nobody in {place} will forget.',
      '{hero} only wanted a quiet summer in {place}, until {discovery} changed everything.',
    ],
    features: [
      'Short chapters and plenty of illustrations keep pages turning.',
      'It is funny, heartfelt and full of surprises.',
      'Readers will cheer for {hero} from the first page to the last.',
      '{author} writes with warmth and wit.',
      'A perfect choice for independent reading or a family read-aloud.',
      'The first book in a series young readers will devour.',
      'Includes discussion questions for book clubs and classrooms.',
    ],
    closers: ['For {age}.', 'Recommended for readers {age}.'],
  },
  teen: {
    openers: [
      'In {title}, {author} weaves a story of secrets, loyalty and impossible choices.',
      'Seventeen-year-old {hero} has one chance to {goal}, and it has to happen {stakes}.',
      '{title} is the breathtaking new novel from {author}.',
    ],
    features: [
      'Readers will not be able to put it down.',
      'It is a sweeping story about power, love and what it costs to tell the truth.',
      'Sharp, funny and devastating by turns.',
      'The first in a trilogy.',
      'Perfect for fans of epic fantasy and slow-burn romance.',
      'A book club favorite with a twist nobody sees coming.',
    ],
    closers: ['For {age}.', 'Young adult fiction, {age}.'],
  },
  learning: {
    openers: [
      '{title} answers every question young readers have about {topic}, and plenty they never thought to ask.',
      'Packed with pictures and fascinating facts, {title} makes {topic} come alive.',
      'From {author}, {title} is a bright, hands-on introduction to {topic}.',
    ],
    features: [
      'Photographs, diagrams and fact boxes on every spread.',
      'Written with teachers and checked by experts.',
      'Clear, friendly text builds confidence and vocabulary.',
      'Includes a glossary and an index for school projects.',
      'Hundreds of activities keep curious minds busy for hours.',
      'Perfect for home, school or a long car trip.',
      'Answers and tips for grown-ups are at the back.',
    ],
    closers: ['For {age}.', 'Recommended for {age}.'],
  },
  adult: {
    openers: [
      'Drawing on years of experience, {author} offers practical, reassuring advice on {topic}.',
      '{title} is the friendly, no-nonsense guide parents have been waiting for.',
      'In {title}, {author} shares what really works for {topic}.',
    ],
    features: [
      'Short chapters are easy to read in the moments you have.',
      'Real stories from real families make every idea concrete.',
      'Checklists and quick tips help you get started today.',
      'Grounded in the latest research, without the jargon.',
      'Hundreds of thousands of parents have found it helpful.',
      'Full-color photographs throughout.',
    ],
    closers: ['For parents and caregivers.', 'For every family.'],
  },
};
