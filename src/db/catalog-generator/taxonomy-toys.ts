import { leaf, type SectionSpec } from './taxonomy-spec.js';

// Rows: name | price band in dollars | age band in months | nouns | modifiers | suffixes | options.

/** The toy store: twelve departments much as eToys laid them out, a leaf per aisle. */
export const TOYS: SectionSpec = {
  id: 1,
  slug: 'toys',
  name: 'Toys',
  share: 0.38,
  tops: [
    {
      name: 'Action Figures & Playsets',
      brands: 'toy',
      leaves: [
        'Action Figures | $8-30 | 48-144 | Action Figure; Hero Figure; Figure 2-Pack; Battle Figure | Deluxe; Poseable; Ultimate; Legends; Battle-Ready | | weight=2',
        'Superhero Figures | $10-35 | 48-144 | Superhero Figure; Hero Squad Set; Villain Figure; Power Suit Figure | Mighty; Titan; Light-Up; Collector Series | | plain',
        'Playsets | $20-90 | 48-120 | Playset; Headquarters; Adventure Base; Hideout | Deluxe; Mega; Secret; Ultimate',
        'Vehicles & Battle Gear | $15-60 | 48-120 | Battle Tank; Jet Fighter; Armored Truck; Hover Cycle | Transforming; Turbo; Stealth; Launching',
        'Collectible Figures | $10-45 | 96+ | Collectible Figure; Vinyl Figure; Statue; Mini Figure Blind Box | Limited Edition; Series 3; Glow-in-the-Dark; Chase',
      ].map(leaf),
    },
    {
      name: 'Dolls & Accessories',
      brands: 'toy',
      leaves: [
        'Fashion Dolls | $10-40 | 36-120 | Fashion Doll; Doll & Wardrobe Set; Doll Fashion Pack | Style Studio; Glitter; Runway; Color-Change | | weight=1.5',
        'Baby Dolls | $12-50 | 24-96 | Baby Doll; Nursery Doll Set; Twin Baby Dolls; Newborn Doll | Soft-Body; Bath Time; Sleepy; Feed & Care | | plain',
        'Dollhouses | $40-250 | 36-120 | Dollhouse; Townhouse; Cottage Dollhouse; Dream Mansion | Wooden; Three-Story; Victorian; Modern',
        'Doll Clothes & Accessories | $6-30 | 36-120 | Doll Outfit Set; Doll Stroller; Doll Bunk Bed; Doll Care Kit | Pretty; Deluxe; Party; Camping',
        'Rag Dolls | $12-40 | 12-96 | Rag Doll; Cloth Doll; Knit Doll | Handmade; Organic Cotton; Cuddly; Classic | | plain',
      ].map(leaf),
    },
    {
      name: 'Building Toys',
      brands: 'toy',
      leaves: [
        'Building Blocks | $15-120 | 48-168 | Building Set; Brick Box; Creative Builder Kit | Classic; Master Builder; Starter; Mega | – 90 Pieces; – 250 Pieces; – 500 Pieces; – 1,000 Pieces | weight=2',
        'Construction Sets | $20-90 | 72-168 | Construction Set; Engineering Kit; Gear Set; Crane Kit | Motorized; Metal; Junior Engineer; Advanced',
        'Magnetic Tiles | $25-110 | 36-120 | Magnetic Tiles; Magnetic Building Set; Magnet Blocks | Clear Color; Starter; Deluxe; Glow | , 32 Pieces; , 60 Pieces; , 100 Pieces',
        'Marble Runs | $20-80 | 48-144 | Marble Run; Marble Maze; Marble Coaster | Wooden; Glow-in-the-Dark; Extreme; Starter',
        'Wooden Blocks | $15-60 | 12-72 | Block Set; Unit Blocks; Castle Blocks; Alphabet Blocks | Natural Wood; Rainbow; Hardwood; Classic | | plain',
      ].map(leaf),
    },
    {
      name: 'Games & Puzzles',
      brands: 'toy',
      leaves: [
        'Board Games | $12-45 | 60+ | Board Game; Strategy Game; Race Game; Cooperative Game | Family; Classic; Deluxe Edition; Junior | | weight=2',
        'Card Games | $6-20 | 60+ | Card Game; Matching Game; Trading Card Starter Deck | Quick; Family; Pocket; Party',
        'Jigsaw Puzzles | $8-30 | 72+ | Jigsaw Puzzle; Panorama Puzzle; Round Puzzle | Scenic; Vintage; Glitter; Family | , 100 Pieces; , 300 Pieces; , 500 Pieces; , 1,000 Pieces | weight=1.5',
        'Floor Puzzles | $10-25 | 36-72 | Floor Puzzle; Giant Puzzle; Shaped Puzzle | Jumbo; Counting; Alphabet; Map | , 24 Pieces; , 48 Pieces',
        'Brain Teasers | $6-25 | 96+ | Brain Teaser; Logic Puzzle; Puzzle Cube; Tangram Set | Wooden; Metal; Expert; Travel',
      ].map(leaf),
    },
    {
      name: 'Arts & Crafts',
      brands: 'toy',
      leaves: [
        'Drawing & Coloring | $6-35 | 36-144 | Coloring Set; Marker Set; Art Case; Drawing Pad Set | Washable; Jumbo; Deluxe; Scented',
        'Craft Kits | $10-35 | 60-144 | Craft Kit; Sewing Kit; Pom-Pom Kit; Sticker Mosaic Kit | Create-Your-Own; Mini; Deluxe; Make-It',
        'Modeling Dough & Clay | $5-30 | 36-120 | Modeling Dough Set; Air-Dry Clay Kit; Dough Bakery Set | Non-Toxic; Sparkle; Super; Rainbow | , 4-Pack; , 10-Pack',
        'Jewelry Making | $8-30 | 72-144 | Bead Kit; Bracelet Maker; Charm Necklace Kit | Friendship; Sparkle; Deluxe; Rainbow',
        'Painting | $8-40 | 36-144 | Paint Set; Easel; Watercolor Kit; Paint-by-Number Kit | Washable; Tabletop; Deluxe; Beginner',
      ].map(leaf),
    },
    {
      name: 'Learning & Science',
      brands: 'toy',
      leaves: [
        'Science Kits | $15-60 | 72-168 | Science Kit; Chemistry Set; Crystal Growing Kit; Volcano Lab | Junior; Mega; Explorer; Glow | | weight=1.5',
        'STEM & Coding Toys | $25-150 | 72-168 | Coding Robot; Circuit Kit; Programmable Car; Engineering Lab | Smart; Code & Go; Beginner; Advanced',
        'Early Learning | $10-40 | 24-72 | Counting Set; Alphabet Puzzle; Learning Clock; Sorting Bears | Magnetic; Talking; Wooden; Montessori',
        'Microscopes & Telescopes | $30-150 | 96+ | Microscope; Telescope; Binoculars; Magnifier Kit | Beginner; Digital; Explorer; Refractor | | plain',
        'Globes & Maps | $15-70 | 60+ | Globe; World Map Puzzle; Illuminated Globe | Interactive; Talking; Classic; Light-Up | | plain',
      ].map(leaf),
    },
    {
      name: 'Outdoor Play',
      brands: 'toy',
      leaves: [
        'Bikes & Trikes | $60-250 | 24-144 | Balance Bike; Tricycle; Kids’ Bike; Trike | Lightweight; 12-Inch; 16-Inch; 20-Inch',
        'Scooters | $30-120 | 36-168 | Kick Scooter; 3-Wheel Scooter; Folding Scooter | Light-Up; Adjustable; Pro; Lean-to-Steer',
        'Swings & Slides | $40-300 | 24-120 | Swing Set; Slide; Climbing Dome; Toddler Swing | Backyard; Indoor/Outdoor; Wooden; Foldable | | plain',
        'Water Toys | $5-50 | 36-144 | Water Blaster; Splash Pad; Water Table; Pool Float | Inflatable; Giant; Mega; Squirting',
        'Outdoor Games & Balls | $8-60 | 36+ | Soccer Ball; Ring Toss Set; Lawn Bowling Set; Kite | Backyard; Pro; Junior; Glow',
      ].map(leaf),
    },
    {
      name: 'Vehicles & Remote Control',
      brands: 'toy',
      leaves: [
        'Remote Control Cars | $25-120 | 72-168 | Remote Control Car; RC Monster Truck; RC Stunt Car; RC Rock Crawler | High-Speed; Off-Road; 4WD; Amphibious | | weight=1.5',
        'Die-Cast Vehicles | $4-30 | 36+ | Die-Cast Car; Car 5-Pack; Die-Cast Truck; Car Carrier | 1:64 Scale; Classic; Collector; Speed',
        'Trains & Train Sets | $30-200 | 36-120 | Train Set; Wooden Railway; Steam Locomotive; Track Expansion Pack | Battery-Powered; Wooden; Deluxe; Starter',
        'Drones | $40-150 | 120+ | Mini Drone; Camera Drone; Stunt Drone | Beginner; Foldable; HD Camera; Pocket | | plain',
        'Race Tracks | $25-90 | 60-144 | Race Track Set; Loop Track; Stunt Track | Mega; Double Loop; Turbo; Glow',
      ].map(leaf),
    },
    {
      name: 'Stuffed Animals & Plush',
      brands: 'toy',
      leaves: [
        'Teddy Bears | $10-60 | 0+ | Teddy Bear; Jointed Bear; Jumbo Bear | Classic; Heirloom; Cuddly; Personalized | , 12 Inch; , 18 Inch; , 36 Inch | plain',
        'Plush Animals | $8-40 | 0+ | Plush Puppy; Plush Bunny; Plush Elephant; Plush Penguin; Plush Dinosaur; Plush Unicorn | Snuggly; Floppy; Jumbo; Mini | | weight=1.5 plain',
        'Interactive Plush | $20-70 | 36-120 | Interactive Pet; Talking Plush; Walking Puppy | Magic; Animatronic; Cuddle; Sing-Along | | plain',
        'Puppets | $8-40 | 36-120 | Hand Puppet; Finger Puppet Set; Puppet Theater | Animal; Storytime; Fairy Tale; Plush',
      ].map(leaf),
    },
    {
      name: 'Pretend Play',
      brands: 'toy',
      leaves: [
        'Play Kitchens & Food | $15-200 | 36-96 | Play Kitchen; Play Food Set; Tea Set; Pizza Party Set | Wooden; Deluxe; Chef’s; Cut & Play | | weight=1.5',
        'Dress-Up & Costumes | $12-45 | 36-120 | Costume; Dress-Up Trunk; Cape & Mask Set | Deluxe; Light-Up; Role Play; Storybook',
        'Tool Benches | $20-90 | 36-96 | Tool Bench; Tool Set; Workshop | Wooden; Power; Junior; Deluxe | | plain',
        'Play Tents & Tunnels | $20-70 | 24-96 | Play Tent; Crawl Tunnel; Teepee | Pop-Up; Cotton Canvas; Castle; Foldable',
        'Pretend Shopping | $15-60 | 36-96 | Cash Register; Shopping Cart; Grocery Stand | Talking; Wooden; Scanner; Market | | plain',
      ].map(leaf),
    },
    {
      name: 'Preschool Toys',
      brands: 'toy',
      leaves: [
        'Stacking & Sorting | $8-35 | 6-36 | Stacking Tower; Shape Sorter; Nesting Cups; Stacking Rings | Wooden; Rainbow; Montessori; Soft',
        'Push & Pull Toys | $12-40 | 12-48 | Pull-Along Toy; Push Walker; Corn Popper | Wooden; Musical; Classic; Wobble',
        'Musical Toys | $10-60 | 6-72 | Xylophone; Drum Set; Toy Piano; Band Set | Wooden; Light-Up; First; Rainbow',
        'Ride-On Toys | $30-300 | 12-72 | Ride-On Car; Rocking Horse; Foot-to-Floor Ride-On; Electric Ride-On Jeep | 12V; 6V; Classic; Wooden',
        'Activity Cubes | $20-70 | 12-48 | Activity Cube; Busy Board; Bead Maze | Wooden; 5-in-1; Sensory; Deluxe',
      ].map(leaf),
    },
    {
      name: 'Electronic Toys',
      brands: 'toy',
      leaves: [
        'Kids’ Tablets | $50-150 | 36-144 | Kids’ Tablet; Learning Tablet; E-Reader for Kids | 7-Inch; 10-Inch; Drop-Proof; Wi-Fi | | plain',
        'Robots | $25-150 | 60-168 | Robot; Robot Dog; Transforming Robot | Interactive; Voice-Controlled; Dancing; Programmable',
        'Walkie-Talkies | $15-45 | 60-144 | Walkie-Talkies, 2-Pack; Spy Radio Set | Long-Range; Rechargeable; Adventure; Secret Agent | | plain',
        'Kids’ Cameras | $25-70 | 36-144 | Kids’ Camera; Instant Print Camera; Video Camera | Digital; Selfie; Waterproof; Shockproof | | plain',
      ].map(leaf),
    },
  ],
};
