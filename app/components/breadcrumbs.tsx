import { Link } from "@remix-run/react";

/** The trail above a page's heading: each step a link. */
export function Breadcrumbs({ trail }: { trail: { to: string; label: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {trail.map((step) => (
          <li key={step.to}>
            <Link to={step.to}>{step.label}</Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
