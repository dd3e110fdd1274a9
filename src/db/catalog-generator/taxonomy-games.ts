import { leaf, type SectionSpec } from './taxonomy-spec.js';

// Rows: name | price band in dollars | age band in months | title nouns | title lead words | | options.
// Genre ages follow the ESRB marks: E = 6+ (72), E10+ = 120, T = 156.
const ACTION =
  'Action & Adventure | $20-70 | 120+ | Raiders; Legends; Quest; Knights; Heroes; Escape | Galaxy; Shadow; Sky; Jungle; Lost; Neon; Crystal | | style=action weight=2';
const RPG =
  'Role-Playing | $30-70 | 156+ | Chronicles; Saga; Fantasy; Tales; Odyssey | Crystal; Eternal; Dragon; Starfall; Ember; Moonlit | | style=rpg';
const RACING =
  'Racing | $20-60 | 72+ | Kart; Rally; Racers; Speedway; Drift | Turbo; Nitro; Road; Hyper; Mud; Thunder | | style=racing';
const SPORTS =
  'Sports | $30-70 | 72+ | Soccer; Basketball; Football; Hockey; Tennis; Golf; Skateboarding; Baseball | Pro; Champions; League; All-Stars; World Tour | | style=sports';
const PARTY =
  'Party & Family | $20-60 | 72+ | Party; Bash; Carnival; Games; Game Night | Super; Mega; Animal; Monster; Cosmic; Pirate | | style=party weight=1.5';
const PUZZLE =
  'Puzzle & Strategy | $15-50 | 72+ | Tactics; Kingdoms; Builders; Blocks; Puzzle Quest | Tiny; Hex; Pixel; Crystal; Clockwork | | style=puzzle';
const SHOOTER =
  'Shooters | $30-70 | 156+ | Ops; Strike; Squadron; Frontier; Vanguard | Stealth; Titan; Orbital; Delta; Ghost | | style=shooter';
const STRATEGY =
  'Strategy | $15-60 | 120+ | Empires; Kingdoms; Tactics; Conquest; Frontiers | Iron; Ancient; Stellar; Royal; Northern | | style=strategy';
const SIMULATION =
  'Simulation | $15-50 | 72+ | Farm Simulator; Tycoon; City Builder; Zoo Manager; Flight School | Happy; Grand; Island; Dream; Tiny | | style=simulation';

/** Video games by platform, as a toy store shelves them, plus retro consoles and accessories. */
export const GAMES: SectionSpec = {
  id: 3,
  slug: 'games',
  name: 'Video Games',
  share: 0.14,
  tops: [
    {
      name: 'Nintendo Switch',
      brands: 'studio',
      platform: 'Nintendo Switch',
      leaves: [ACTION, RPG, RACING, SPORTS, PARTY, PUZZLE].map(leaf),
    },
    {
      name: 'PlayStation 5',
      brands: 'studio',
      platform: 'PlayStation 5',
      leaves: [ACTION, RPG, RACING, SPORTS, SHOOTER].map(leaf),
    },
    {
      name: 'Xbox Series X|S',
      brands: 'studio',
      platform: 'Xbox Series X|S',
      leaves: [ACTION, RPG, RACING, SPORTS, SHOOTER].map(leaf),
    },
    {
      name: 'PC Games',
      brands: 'studio',
      platform: 'PC',
      leaves: [STRATEGY, SIMULATION, RPG, ACTION, PUZZLE].map(leaf),
    },
    {
      name: 'Retro & Plug-and-Play',
      brands: 'hardware',
      leaves: [
        'Plug-and-Play Consoles | $30-100 | 72+ | Retro Console; Mini Arcade; Classic Console; TV Game Stick | 8-Bit; 16-Bit; Wireless; HDMI | with 200 Built-In Games; with 2 Controllers; with 50 Classic Games | style=hardware',
        'Handheld Game Players | $25-90 | 72+ | Handheld Console; Pocket Arcade; Retro Handheld | Rechargeable; Color-Screen; Pocket; Classic | with 300 Built-In Games; with Carry Case | style=hardware',
        'Arcade Cabinets | $100-400 | 96+ | Tabletop Arcade; Arcade Cabinet; Bartop Arcade | Retro; Mini; Full-Size; Two-Player | with Riser; with 12 Classic Games | style=hardware',
        'Kids’ Learning Consoles | $40-80 | 36-96 | Learning Console; Kids’ Game System; Motion Learning Console | Educational; Toddler-Safe; Active; First | with 5 Games | style=hardware',
      ].map(leaf),
    },
    {
      name: 'Gaming Accessories',
      brands: 'hardware',
      leaves: [
        'Controllers | $20-70 | 72+ | Wireless Controller; Pro Controller; Fight Pad; Motion Controller | Elite; Glow; Ergonomic; Wired; Translucent | | style=accessory weight=1.5',
        'Headsets | $20-150 | 96+ | Gaming Headset; Wireless Headset; Kids’ Headset | Surround; Noise-Cancelling; Volume-Limited; Lightweight | | style=accessory',
        'Charging & Storage | $10-50 | 72+ | Charging Dock; Charging Station; Storage Tower; Battery Pack | Dual; Quad; Fast; Compact | | style=accessory',
        'Cases & Protection | $8-40 | 72+ | Carrying Case; Screen Protector, 2-Pack; Silicone Skin; Travel Case | Hard-Shell; Slim; Deluxe; Armor | | style=accessory',
        'Racing Wheels & Joysticks | $50-300 | 96+ | Racing Wheel; Flight Stick; Arcade Stick | Force-Feedback; Pro; Starter; Twin-Stick | | style=accessory',
      ].map(leaf),
    },
  ],
};
