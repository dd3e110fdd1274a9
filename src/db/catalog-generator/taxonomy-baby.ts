import { leaf, type SectionSpec } from './taxonomy-spec.js';

// Rows: name | price band in dollars | age band in months | nouns | modifiers | suffixes | options.

/** The baby store: gear, nursery and everyday goods for the first two years. */
export const BABY: SectionSpec = {
  id: 4,
  slug: 'baby',
  name: 'Baby',
  share: 0.18,
  tops: [
    {
      name: 'Strollers',
      brands: 'baby',
      leaves: [
        'Full-Size Strollers | $150-600 | 0-48 | Stroller; Modular Stroller; Convertible Stroller | Reversible-Seat; All-Terrain; Luxury; One-Hand Fold | | plain',
        'Lightweight Strollers | $60-250 | 6-48 | Umbrella Stroller; Compact Stroller; Travel Stroller | Lightweight; Ultra-Compact; Airline-Friendly; Easy-Fold | | plain',
        'Jogging Strollers | $200-600 | 6-48 | Jogging Stroller; Running Stroller | All-Terrain; Air-Tire; Swivel-Wheel; Performance | | plain',
        'Double Strollers | $200-700 | 0-48 | Double Stroller; Side-by-Side Stroller; Sit-and-Stand Stroller | Tandem; Convertible; Compact; All-Terrain | | plain',
      ].map(leaf),
    },
    {
      name: 'Car Seats',
      brands: 'baby',
      leaves: [
        'Infant Car Seats | $100-350 | 0-12 | Infant Car Seat; Car Seat & Base | Rear-Facing; Lightweight; Click-In; Anti-Rebound | | plain',
        'Convertible Car Seats | $150-450 | 0-120 | Convertible Car Seat; All-in-One Car Seat | 3-in-1; 4-in-1; Slim-Fit; Rotating | | plain',
        'Booster Seats | $30-150 | 48-144 | Booster Seat; High-Back Booster; Backless Booster | Slim; Travel; Latch; Adjustable | | plain',
        'Car Seat Accessories | $10-50 | 0-48 | Seat Protector; Sun Shade, 2-Pack; Backseat Mirror; Car Seat Cover | Waterproof; Crash-Tested; Breathable; Universal',
      ].map(leaf),
    },
    {
      name: 'Nursery Furniture',
      brands: 'baby',
      leaves: [
        'Cribs | $150-700 | 0-36 | Crib; Convertible Crib; Mini Crib | 4-in-1; 3-in-1; Solid Pine; Modern | | plain weight=1.5',
        'Bassinets | $60-300 | 0-6 | Bassinet; Bedside Sleeper; Rocking Bassinet | Portable; Smart; Mesh-Side; Swivel | | plain',
        'Changing Tables | $80-300 | 0-24 | Changing Table; Changing Dresser; Changing Pad | Contoured; 3-Drawer; Foldable; Wall-Mounted | | plain',
        'Gliders & Rockers | $150-700 | 0-48 | Glider; Rocker Recliner; Glider & Ottoman Set | Swivel; Upholstered; Power; Nursery | | plain',
        'Mobiles | $20-80 | 0-6 | Crib Mobile; Musical Mobile; Projector Mobile | Felt; Wooden; Soothing | ',
      ].map(leaf),
    },
    {
      name: 'Bedding & Swaddles',
      brands: 'baby',
      leaves: [
        'Swaddles | $12-45 | 0-6 | Swaddle Blanket; Swaddle Wrap; Sleep Swaddle | Organic Cotton; Muslin; Bamboo; Breathable | , 3-Pack; , 4-Pack; , 2-Pack | weight=1.5',
        'Crib Sheets | $12-40 | 0-36 | Fitted Crib Sheet; Crib Sheet Set | Organic Cotton; Jersey Knit; Muslin; Waterproof | , 2-Pack; , 3-Pack',
        'Sleep Sacks | $20-50 | 0-24 | Sleep Sack; Wearable Blanket; Weighted Sleep Sack | Cotton; Fleece; Bamboo; 2-Way Zip',
        'Baby Blankets | $15-60 | 0-36 | Receiving Blanket; Knit Blanket; Security Blanket; Quilt | Plush; Organic Cotton; Sherpa; Heirloom | , 2-Pack',
      ].map(leaf),
    },
    {
      name: 'Feeding',
      brands: 'baby',
      leaves: [
        'Bottles & Nipples | $8-45 | 0-18 | Baby Bottles; Anti-Colic Bottles; Glass Bottles; Nipples | Slow-Flow; Wide-Neck; BPA-Free; Newborn | , 3-Pack; , 4-Pack; , 6-Pack | plain weight=1.5',
        'Breast Pumps | $50-350 | 0-12 | Electric Breast Pump; Manual Breast Pump; Wearable Breast Pump | Double; Hands-Free; Quiet; Portable | | plain',
        'High Chairs | $40-300 | 6-36 | High Chair; Booster High Chair; Convertible High Chair | Foldable; Wooden; 3-in-1; Adjustable | | plain',
        'Bibs & Burp Cloths | $8-25 | 0-24 | Bibs; Burp Cloths; Bandana Bibs; Silicone Bib | Waterproof; Muslin; Organic Cotton; Absorbent | , 3-Pack; , 5-Pack; , 8-Pack',
        'Cups & Dishes | $6-25 | 6-36 | Sippy Cups; Suction Plates; Toddler Utensils; Snack Cups | Spill-Proof; Silicone; Stainless Steel; Bamboo | , 2-Pack; , 4-Pack',
      ].map(leaf),
    },
    {
      name: 'Bath & Diapering',
      brands: 'baby',
      leaves: [
        'Diapers | $10-50 | 0-36 | Diapers; Overnight Diapers; Swim Diapers | Size 1; Size 2; Size 3; Newborn; Size 4 | , 84 Count; , 120 Count; , 168 Count | plain weight=2',
        'Wipes | $4-25 | 0-36 | Baby Wipes; Water Wipes; Wipes Refill | Fragrance-Free; Sensitive; Plant-Based; Thick | , 6-Pack; , 12-Pack; , 3-Pack | plain',
        'Bath Tubs & Seats | $15-60 | 0-24 | Baby Bath Tub; Bath Seat; Bath Sling | Foldable; 3-Stage; Temperature-Sensing; Infant-to-Toddler | | plain',
        'Diaper Bags | $30-150 | 0-36 | Diaper Bag; Diaper Backpack; Changing Clutch | Convertible; Vegan Leather; Waterproof; Insulated',
        'Baby Skin Care | $6-25 | 0-36 | Baby Lotion; Diaper Cream; Baby Wash & Shampoo; Baby Oil | Tear-Free; Unscented; Organic; Calming | , 2-Pack | plain',
      ].map(leaf),
    },
    {
      name: 'Baby Gear',
      brands: 'baby',
      leaves: [
        'Carriers & Wraps | $30-200 | 0-36 | Baby Carrier; Baby Wrap; Hip Seat Carrier; Ring Sling | Ergonomic; 4-Position; Breathable Mesh; Newborn-Ready | | plain',
        'Bouncers & Swings | $40-250 | 0-12 | Baby Bouncer; Baby Swing; Rocker; Portable Swing | Vibrating; Smart; Musical; Compact',
        'Play Yards | $60-250 | 0-36 | Play Yard; Travel Crib; Playpen | Portable; Lightweight; Deluxe; Mesh | | plain',
        'Activity Gyms & Play Mats | $25-120 | 0-12 | Activity Gym; Play Mat; Tummy Time Mat | Musical; Foam; Padded; Kick & Play',
        'Walkers & Jumpers | $40-150 | 4-18 | Activity Jumper; Baby Walker; Activity Center | 3-in-1; Musical; Foldable; Bouncing',
      ].map(leaf),
    },
    {
      name: 'Baby Clothing',
      brands: 'baby',
      leaves: [
        'Bodysuits | $10-30 | 0-24 | Bodysuits; Short-Sleeve Bodysuits; Long-Sleeve Bodysuits | Organic Cotton; Ribbed; Side-Snap; Bamboo | , 3-Pack; , 5-Pack; , 7-Pack | weight=1.5',
        'Sleepers & Pajamas | $12-35 | 0-24 | Footed Sleeper; Zip Sleeper; Pajama Set | Organic Cotton; Fleece; 2-Way Zip; Snug-Fit | , 2-Pack; , 3-Pack',
        'Outfit Sets | $15-40 | 0-24 | Outfit Set; Romper; Cardigan & Pant Set; Coming-Home Outfit | Knit; Cotton; Holiday; Denim',
        'Hats, Socks & Booties | $6-20 | 0-24 | Knit Hats; Socks; Booties; Mittens | Organic Cotton; Non-Slip; Stay-On; Cozy | , 3-Pack; , 6-Pack; , 2-Pack',
      ].map(leaf),
    },
    {
      name: 'Health & Safety',
      brands: 'baby',
      leaves: [
        'Baby Monitors | $30-300 | 0-36 | Video Baby Monitor; Audio Monitor; Smart Baby Monitor | HD; Wi-Fi; Split-Screen; Night Vision | | plain',
        'Safety Gates | $25-120 | 6-36 | Safety Gate; Stair Gate; Walk-Through Gate | Pressure-Mounted; Extra-Wide; Auto-Close; Hardware-Mounted | | plain',
        'Pacifiers & Teethers | $5-20 | 0-24 | Pacifiers; Teether; Teething Ring; Pacifier Clip | Orthodontic; Silicone; Natural Rubber; Glow-in-the-Dark | , 2-Pack; , 4-Pack',
        'Baby Proofing | $8-40 | 6-48 | Outlet Covers; Cabinet Locks; Corner Guards; Door Knob Covers | Magnetic; Adhesive; Clear; Childproof | , 12-Pack; , 24-Pack; , 8-Pack | plain',
      ].map(leaf),
    },
  ],
};
