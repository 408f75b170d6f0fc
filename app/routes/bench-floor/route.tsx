/**
 * The benchmark's floor: the layout and nothing else. The root loader still runs (the
 * session, the announcement banner, unread counts), so every page's cost is measured
 * as a ratio to what any page costs. Off (404) unless PARLEY_BENCH_FLOOR=on.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Floor — Parley" }];

export function loader({ context }: LoaderFunctionArgs) {
  if (!context.services.config.benchFloor) throw new Response("Not Found", { status: 404 });
  return null;
}

export default function BenchFloorPage() {
  return <h1>Floor</h1>;
}
