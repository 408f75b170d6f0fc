/**
 * The demo accounts, one per role. Their passwords are public on purpose (README and
 * the start banner): this is demo data. `npm start` creates them only in an empty database.
 */
import type { Role } from "../db/schema";

export interface DemoAccount {
  role: Role;
  email: string;
  password: string;
  displayName: string;
  team: string | null;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    role: "resident",
    email: "resident@northbridge.example",
    password: "parley-resident-demo",
    displayName: "Alex Morgan",
    team: null,
  },
  {
    role: "moderator",
    email: "moderator@northbridge.example",
    password: "parley-moderator-demo",
    displayName: "Morgan Reed",
    team: "Community Moderation",
  },
  {
    // A second moderator, so an appeal can go to someone other than the first decider.
    role: "moderator",
    email: "moderator2@northbridge.example",
    password: "parley-moderator2-demo",
    displayName: "Riley Chen",
    team: "Community Moderation",
  },
  {
    role: "officer",
    email: "officer@northbridge.example",
    password: "parley-officer-demo",
    displayName: "Sam Okafor",
    team: "Highways",
  },
  {
    role: "admin",
    email: "admin@northbridge.example",
    password: "parley-admin-demo",
    displayName: "Jordan Blake",
    team: "Digital Services",
  },
];
