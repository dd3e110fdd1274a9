import { leaf, type SectionSpec } from './taxonomy-spec.js';

// Rows: name | price band in dollars | age band in months | topics | kinds | | options (style = title family).

/** The children's bookstore, the addition that grew eToys' catalog tenfold. */
export const BOOKS: SectionSpec = {
  id: 2,
  slug: 'books',
  name: 'Books',
  share: 0.3,
  tops: [
    {
      name: 'Board Books',
      brands: 'publisher',
      leaves: [
        'Touch & Feel Books | $5-10 | 0-36 | Farm Animals; Puppies; Bunnies; Baby Animals; Jungle Animals; Trucks | | | style=board',
        'Lift-the-Flap Books | $6-12 | 0-36 | Peekaboo Animals; Dinosaurs; Diggers; Ocean Friends; Kittens | | | style=board',
        'First Words | $5-10 | 0-36 | Colors; Shapes; Numbers; Opposites; Things That Go; Words | | | style=board',
        'Bedtime Board Books | $5-10 | 0-36 | Moon; Little Bear; Sleepy Bunny; Stars; Baby Owl | | | style=board',
      ].map(leaf),
    },
    {
      name: 'Picture Books',
      brands: 'publisher',
      leaves: [
        'Bedtime Stories | $8-19 | 24-96 | Moon; Night Owl; Lullaby; Dream; Sleepy Dragon; Starlight | | | style=picture weight=1.5',
        'Animal Stories | $8-19 | 24-96 | Fox; Bear; Penguin; Elephant; Little Rabbit; Hedgehog; Giraffe | | | style=picture weight=2',
        'Friendship & Feelings | $8-18 | 24-96 | Friend; Big Feelings; Kindness; Grumpy Cloud; Brave Heart | | | style=picture',
        'Classic Picture Books | $7-18 | 24-96 | Train; Garden; Balloon; Tugboat; Snowman; Kite | | | style=picture',
        'Holiday Picture Books | $7-17 | 24-96 | Christmas Star; Snowflake; Reindeer; Pumpkin; Valentine; Dreidel | | | style=picture',
      ].map(leaf),
    },
    {
      name: 'Early Readers',
      brands: 'publisher',
      leaves: [
        'Level 1 Readers | $4-6 | 48-72 | Big Dog; Red Ball; Fun Day; Bug; Hat | | | style=reader',
        'Level 2 Readers | $4-6 | 60-84 | Class Pet; Lost Tooth; Soccer Game; Snow Day; Field Trip | | | style=reader',
        'Level 3 Readers | $4-7 | 72-96 | Space Trip; Robot Friend; Sleepover; Science Fair; Haunted House | | | style=reader',
        'Phonics Box Sets | $12-25 | 48-84 | Phonics; Sight Words; Short Vowels; Word Families | | | style=set',
      ].map(leaf),
    },
    {
      name: 'Chapter Books',
      brands: 'publisher',
      leaves: [
        'Adventure Chapter Books | $5-9 | 72-120 | Treasure Map; Tree House; Pirate Ship; Jungle; Volcano | | | style=chapter weight=1.5',
        'Mystery Chapter Books | $5-9 | 72-120 | Missing Cupcakes; Secret Code; Ghost; Stolen Trophy; Hidden Key | | | style=chapter',
        'Funny Chapter Books | $5-9 | 72-120 | Homework; Cafeteria; Substitute Teacher; Talent Show; Pet Goat | | | style=chapter',
        'Animal Chapter Books | $5-9 | 72-120 | Pony; Puppy Rescue; Kitten; Horse Camp; Baby Dragon | | | style=chapter',
      ].map(leaf),
    },
    {
      name: 'Middle Grade Fiction',
      brands: 'publisher',
      leaves: [
        'Fantasy & Magic | $7-18 | 96-144 | Dragon; Wizard; Spellbook; Crown; Phoenix; Enchanted Forest | | | style=middle weight=2',
        'Mystery & Detective | $7-17 | 96-144 | Vanishing; Clockwork Key; Midnight Library; Cipher; Lighthouse | | | style=middle',
        'Realistic Fiction | $7-17 | 96-144 | Summer; New School; Best Friend; Science Fair; Last Game | | | style=middle',
        'Historical Fiction | $7-17 | 96-144 | Gold Rush; Railroad; War Letters; Orphan Train; Titanic | | | style=middle',
        'Graphic Novels | $10-15 | 96-144 | Hero; Space Cat; Ninja; Robot; Monster School | | | style=middle weight=1.5',
      ].map(leaf),
    },
    {
      name: 'Young Adult',
      brands: 'publisher',
      leaves: [
        'Young Adult Fantasy | $10-20 | 144+ | Ashes; Thorns; Crowns; Shadows; Starlight; Iron | | | style=teen weight=1.5',
        'Young Adult Romance | $10-18 | 144+ | Summer; Heart; Promise; Letters; Stars | | | style=teen',
        'Dystopian Fiction | $10-19 | 144+ | Rebellion; Wall; Signal; Last City; Silence | | | style=teen',
        'Young Adult Thrillers | $10-19 | 156+ | Lies; Secrets; Missing Girl; Night; Truth | | | style=teen',
      ].map(leaf),
    },
    {
      name: 'Children’s Nonfiction',
      brands: 'publisher',
      leaves: [
        'Animals & Nature | $8-22 | 48-144 | Ocean Animals; Bugs; Birds; Rainforests; Sharks; Wolves | | | style=nonfiction',
        'Dinosaurs | $8-25 | 48-144 | Dinosaurs; T. Rex; Fossils; Prehistoric Oceans; Flying Reptiles | | | style=nonfiction',
        'Space & Planets | $8-25 | 48-144 | Space; Planets; the Moon; Rockets; Black Holes; Astronauts | | | style=nonfiction',
        'History | $8-22 | 72-144 | Ancient Egypt; Knights and Castles; the Vikings; Explorers; Ancient Rome | | | style=nonfiction',
        'Science & Technology | $8-25 | 72-144 | Inventions; the Human Body; Robots; Weather; Electricity; Coding | | | style=nonfiction',
        'Biographies | $6-18 | 72-144 | Scientists; Inventors; Athletes; Artists; Presidents | | | style=nonfiction',
      ].map(leaf),
    },
    {
      name: 'Activity Books',
      brands: 'publisher',
      leaves: [
        'Coloring Books | $4-10 | 36-120 | Unicorn; Dinosaur; Mermaid; Truck; Animal; Holiday | Coloring Book; Color-by-Number Book | | style=activity weight=1.5',
        'Sticker Books | $5-12 | 36-120 | Dress-Up; Ocean; Farm; Space; Princess | Sticker Book; Reusable Sticker Book | | style=activity',
        'Puzzle & Maze Books | $5-10 | 60-144 | Maze; Dot-to-Dot; Word Search; Hidden Pictures; Brain Game | Activity Book; Puzzle Book | | style=activity',
        'How-to-Draw Books | $6-12 | 72-144 | Animal; Cartoon; Dragon; Car; Manga | How-to-Draw Book; Drawing Book | | style=activity',
      ].map(leaf),
    },
    {
      name: 'Classics & Poetry',
      brands: 'publisher',
      leaves: [
        'Classic Novels | $5-20 | 96+ | Island; Secret Garden; Orphan; Wild Dog; Voyage | | | style=classic',
        'Poetry | $8-18 | 36-144 | Poems; Verses; Rhymes; Silly Poems | | | style=treasury',
        'Fairy Tales & Folklore | $8-25 | 36-120 | Fairy Tales; Folk Tales; Legends; Fables; Myths | | | style=treasury',
        'Nursery Rhymes | $6-18 | 0-60 | Nursery Rhymes; Lullabies; Finger Plays; Songs | | | style=treasury',
      ].map(leaf),
    },
    {
      name: 'Parenting & Family',
      brands: 'publisher',
      leaves: [
        'Pregnancy & Childbirth | $12-28 | 216+ | Pregnancy; Birth; the First Year; Twins | | | style=parenting',
        'Parenting Guides | $12-28 | 216+ | Toddlers; Sleep; Siblings; Screen Time; Picky Eaters; Tantrums | | | style=parenting',
        'Family Cookbooks | $15-30 | 216+ | Family Dinners; Lunchboxes; Baby Food; Baking with Kids; Holiday Cookies | | | style=cookbook',
      ].map(leaf),
    },
    {
      name: 'Reference & Learning',
      brands: 'publisher',
      leaves: [
        'Dictionaries | $8-25 | 72-144 | Dictionary; Thesaurus; Rhyming Dictionary; Picture Dictionary | | | style=reference',
        'Atlases | $12-30 | 72-144 | World Atlas; Animal Atlas; Space Atlas; Atlas of Adventures | | | style=reference',
        'Encyclopedias | $15-40 | 72-144 | Encyclopedia; Science Encyclopedia; Animal Encyclopedia; Book of Facts | | | style=reference',
        'Workbooks | $6-15 | 48-144 | Math; Reading; Handwriting; Spelling; Vocabulary | | | style=workbook weight=1.5',
        'Foreign Language | $8-20 | 48-144 | Spanish; French; Mandarin; German; Italian | | | style=language',
      ].map(leaf),
    },
  ],
};
