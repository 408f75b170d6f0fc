import type { ReactNode } from "react";

/**
 * A data table that may be wider than a phone. It scrolls inside its own region, which
 * is labelled and can be focused (and so scrolled) by keyboard, as GOV.UK's pattern for
 * wide tables does; the page itself never scrolls sideways (WCAG 1.4.10).
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
