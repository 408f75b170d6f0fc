/**
 * The moderation queue and a moderation item, each in one domain read with what the
 * viewer may do.
 *
 * Round trips. Queue: the items, the area and issue filters and the house rules, all in
 * parallel (one round). Item: the item, the house rules and the officers in parallel;
 * then the item's flags, appealed decision, history and whether another moderator
 * exists, in parallel (two rounds).
 */
import type { Kysely } from "kysely";
import type { Area, Database } from "../../../db/schema";
import type { Viewer } from "../../auth.server";
import { listHouseRules, type HouseRule } from "../house-rules.server";
import { listIssueChoices } from "../issues.server";
import {
  getItem,
  listOfficers,
  listQueue,
  type ItemDetail,
  type QueueFilters,
  type QueueItem,
} from "../moderation-queue.server";
import { listAreas } from "../taxonomy.server";

export interface ModerationQueuePage {
  items: QueueItem[];
  next: string | null;
  areas: Area[];
  issues: { id: number; title: string }[];
  rules: HouseRule[];
}

export async function getModerationQueuePage(
  db: Kysely<Database>,
  viewer: Viewer,
  filters: QueueFilters,
  now: Date,
): Promise<ModerationQueuePage> {
  const [queue, areas, issues, rules] = await Promise.all([
    listQueue(db, viewer, filters, now),
    listAreas(db),
    listIssueChoices(db),
    listHouseRules(db),
  ]);
  return { ...queue, areas, issues, rules };
}

export interface ModerationItemPage {
  item: ItemDetail;
  rules: HouseRule[];
  officers: { id: number; name: string; team: string | null }[];
}

export async function getModerationItemPage(
  db: Kysely<Database>,
  viewer: Viewer,
  itemId: number,
  now: Date,
): Promise<ModerationItemPage> {
  const [item, rules, officers] = await Promise.all([
    getItem(db, viewer, itemId, now),
    listHouseRules(db),
    listOfficers(db),
  ]);
  return { item, rules, officers };
}
