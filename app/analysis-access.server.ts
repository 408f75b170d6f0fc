/** Who may open the analysis pages and downloads: the officers who write outcomes. */
import { requirePermission, type Viewer } from "./auth.server";

export function requireAnalyst(context: { viewer: Viewer | null }, request: Request): Viewer {
  return requirePermission(
    context,
    request,
    "create:issue:any",
    "Only council officers can analyse a consultation.",
  );
}
