import { wordList } from './word-list.js';
import type { SentenceBanks } from './copy-helpers.js';

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

/** What a story's hero stumbles on. */
export const DISCOVERIES = wordList(
  'a hidden map; a talking cat; a mysterious letter; a door that was not there yesterday; a dragon egg; an old brass key; a message in a bottle; a stranger’s diary',
);
/** What the hero has to do. */
export const GOALS = wordList(
  'find the way home; save the town fair; solve the mystery; win the championship; keep a very big secret; break an ancient curse; rescue a lost friend; stop a thief',
);
/** By when. */
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
