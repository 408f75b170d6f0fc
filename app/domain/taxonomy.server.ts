/** Areas (wards) and categories: the two ways issues are grouped. */
import type { Kysely } from "kysely";
import type { Area, Category, Database } from "../../db/schema";

export function listAreas(db: Kysely<Database>): Promise<Area[]> {
  return db.selectFrom("areas").selectAll().orderBy("name").execute();
}

export function listCategories(db: Kysely<Database>): Promise<Category[]> {
  return db.selectFrom("categories").selectAll().orderBy("name").execute();
}
