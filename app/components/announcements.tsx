import { formatDate } from "./format";

export interface AnnouncementEntry {
  id: number;
  severity: "information" | "warning" | "urgent";
  title: string;
  bodyHtml: string;
  createdAt: Date;
  placeName: string | null;
}

const SEVERITY_LABEL = {
  information: "Information",
  warning: "Warning",
  urgent: "Urgent",
} as const;

/** Announcements shown on a page, most recent first. */
export function Announcements({
  items,
  label = "Announcements",
}: {
  items: AnnouncementEntry[];
  label?: string;
}) {
  if (items.length === 0) return null;
  return (
    <section aria-label={label} className="announcements">
      {items.map((item) => (
        <div key={item.id} className={`announcement announcement--${item.severity}`}>
          <p className="announcement__title">
            <strong>
              {SEVERITY_LABEL[item.severity]}: {item.title}
            </strong>
          </p>
          <div className="announcement__body" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
          <p className="meta">
            {item.placeName ? `${item.placeName} · ` : ""}
            {formatDate(item.createdAt)}
          </p>
        </div>
      ))}
    </section>
  );
}
