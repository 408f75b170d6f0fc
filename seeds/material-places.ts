/** Hand-written demo material: Northbridge's wards, categories, staff and residents. */

export const AREAS = [
  {
    slug: "borough-wide",
    name: "Borough-wide",
    description: "Matters that affect everyone in Northbridge.",
  },
  {
    slug: "castlegate",
    name: "Castlegate",
    description: "The town centre, the market square and the old castle quarter.",
  },
  {
    slug: "millbrook",
    name: "Millbrook",
    description: "Terraced streets either side of Mill Lane and the brook.",
  },
  {
    slug: "st-annes",
    name: "St Anne's",
    description: "The estate around St Anne's church and the allotments.",
  },
  {
    slug: "riverside",
    name: "Riverside",
    description: "Homes and businesses along the river and the station.",
  },
  {
    slug: "northfield",
    name: "Northfield",
    description: "The northern estates, the schools and the retail park.",
  },
  {
    slug: "hollins-park",
    name: "Hollins Park",
    description: "The park, the leisure centre and the streets around them.",
  },
] as const;

export const CATEGORIES = [
  { slug: "roads-and-transport", name: "Roads and transport" },
  { slug: "libraries-and-culture", name: "Libraries and culture" },
  { slug: "parks-and-green-spaces", name: "Parks and green spaces" },
  { slug: "waste-and-recycling", name: "Waste and recycling" },
  { slug: "housing-and-planning", name: "Housing and planning" },
  { slug: "budget-and-council-tax", name: "Budget and council tax" },
  { slug: "community-safety", name: "Community safety" },
  { slug: "health-and-wellbeing", name: "Health and wellbeing" },
] as const;

export type AreaSlug = (typeof AREAS)[number]["slug"];
export type CategorySlug = (typeof CATEGORIES)[number]["slug"];

/** Staff who answer for the council; the first is the demo officer account. */
export const OFFICERS = [
  { key: "highways", name: "Sam Okafor", team: "Highways" },
  { key: "libraries", name: "Helen Price", team: "Libraries" },
  { key: "parks", name: "Dev Patel", team: "Parks and Open Spaces" },
  { key: "waste", name: "Claire Hughes", team: "Waste Services" },
  { key: "finance", name: "Martin Lowe", team: "Finance" },
  { key: "planning", name: "Aisha Rahman", team: "Planning Policy" },
  { key: "safety", name: "Gareth Evans", team: "Community Safety" },
] as const;

export type OfficerKey = (typeof OFFICERS)[number]["key"];

const FIRST_NAMES = [
  "Priya",
  "Tom",
  "Margaret",
  "Jamal",
  "Siobhan",
  "Kwame",
  "Ellen",
  "Rob",
  "Fatima",
  "Gwen",
  "Lewis",
  "Ana",
  "Derek",
  "Niamh",
  "Oluwaseun",
  "Joan",
  "Marek",
  "Hannah",
  "Imran",
  "Beth",
  "Callum",
  "Rosa",
  "Ade",
  "Lily",
  "Stan",
  "Mei",
  "Pat",
  "Yusuf",
  "Cath",
  "Owen",
  "Grace",
  "Ravi",
  "Maureen",
  "Kofi",
  "Sophie",
  "Bill",
  "Zainab",
  "Ffion",
  "Dan",
  "Agnieszka",
];
const SURNAMES = [
  "Shah",
  "Whitaker",
  "Doyle",
  "Mensah",
  "Byrne",
  "Asante",
  "Hargreaves",
  "Kowalski",
  "Hussain",
  "Jenkins",
];

/** Forty residents with plausible names, the same every time. */
export const RESIDENT_NAMES: string[] = FIRST_NAMES.map(
  (first, index) => `${first} ${SURNAMES[index % SURNAMES.length]}`,
);

/** Short sign-offs residents add, so replies built from the same points don't read alike. */
export const RESIDENT_CLOSERS = [
  "",
  "",
  "",
  "Thanks for asking us before deciding.",
  "Happy to talk to anyone from the council about it.",
  "I've lived here twenty years and this matters to a lot of us.",
  "Please keep us posted on what happens next.",
  "Would be good to hear what the ward councillors think too.",
];
