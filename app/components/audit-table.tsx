/** Rows of the moderation audit log: who, what, which target, why, before and after, when. */
import { formatDateTime } from "~/components/format";
import type { AuditRow } from "~/domain/audit-log.server";
import { TableRegion } from "./table-region";

export function AuditTable({ rows, caption }: { rows: AuditRow[]; caption: string }) {
  if (rows.length === 0) return <p>Nothing recorded yet.</p>;
  return (
    <TableRegion label={caption}>
      <table className="table audit-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Target</th>
            <th scope="col">Why</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{formatDateTime(row.createdAt)}</td>
              <td>{row.actorName ?? "Parley (automatic)"}</td>
              <td>{row.action.replaceAll("_", " ")}</td>
              <td>
                {row.targetType}
                {row.targetId !== null ? ` ${row.targetId}` : ""}
              </td>
              <td>{row.reason ?? ""}</td>
              <td>{row.before ? <pre>{row.before}</pre> : null}</td>
              <td>{row.after ? <pre>{row.after}</pre> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
