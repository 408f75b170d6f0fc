import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth.server";
import { formatDateTime } from "~/components/format";
import { TableRegion } from "~/components/table-region";
import { findAccounts } from "~/domain/account-administration.server";
import {
  ACCOUNT_LIST_LABELS,
  ACCOUNT_LISTS,
  describeSecondFactorsHeld,
  ROLE_LABELS,
} from "~/domain/account-labels";
import { accountSearchSchema } from "~/schemas/account-administration";

export const meta: MetaFunction = () => [{ title: "Accounts — Parley" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const viewer = requirePermission(
    context,
    request,
    "manage:users:any",
    "Only administrators can see and manage accounts.",
  );
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filters = accountSearchSchema.parse(params);
  const found = await findAccounts(context.services.db, viewer, {
    query: filters.q,
    list: filters.list,
  });
  return { ...found, filters };
}

export default function AccountsPage() {
  const { rows, more, filters } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Accounts</h1>
      <p className="lede">
        Find an account to change its role or reset a lost second factor.{" "}
        <Link to="/admin/sign-in">Sign-in settings</Link> say which roles need two-step sign-in.
      </p>
      <Form method="get" className="filters" role="search" aria-label="Find accounts">
        <div className="field">
          <label className="field__label" htmlFor="q">
            Name or email address
          </label>
          <input className="field__input" id="q" name="q" type="search" defaultValue={filters.q} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="list">
            Show
          </label>
          <select className="field__input" id="list" name="list" defaultValue={filters.list}>
            {ACCOUNT_LISTS.map((list) => (
              <option key={list} value={list}>
                {ACCOUNT_LIST_LABELS[list]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Find accounts
        </button>
      </Form>
      {rows.length === 0 ? (
        <p>No account matches.</p>
      ) : (
        <TableRegion label="Accounts found">
          <table>
            <caption>
              {ACCOUNT_LIST_LABELS[filters.list]}
              {filters.q ? ` matching “${filters.q}”` : ""}
              {more ? ": the newest 50" : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email address</th>
                <th scope="col">Role</th>
                <th scope="col">Two-step sign-in</th>
                <th scope="col">Last signed in</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/admin/users/${row.id}`}>{row.displayName}</Link>
                  </td>
                  <td className="wrap-anywhere">{row.email}</td>
                  <td>{ROLE_LABELS[row.role]}</td>
                  <td>
                    {describeSecondFactorsHeld(row) ?? "None"}
                    {row.singleSignOn ? ` (signs in through ${row.singleSignOn})` : ""}
                  </td>
                  <td>{row.lastSignInAt ? formatDateTime(new Date(row.lastSignInAt)) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>
  );
}
