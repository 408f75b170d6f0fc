import { Link } from "@remix-run/react";
import { houseRuleHref } from "~/domain/house-rule-href";
import { APPEALABLE_STATES, type PostModerationState } from "~/domain/policy/post-moderation-state";
import { hasReasons, NEXT_FOR_AUTHOR, postStateHeadline } from "./post-moderation-words";

/**
 * A post's moderation state, told exactly: its headline, then only what belongs to that
 * state (why it was held; or the house rule, the moderator's note and the appeal).
 * `reviewHref` links to the author's page with the whole story and the appeal form.
 */
export function PostModerationNote({
  state,
  own,
  reviewHref,
}: {
  state: PostModerationState;
  own: boolean;
  reviewHref?: string;
}) {
  return (
    <div className="moderation-note">
      <p>
        <strong>{postStateHeadline(state, own)}.</strong>
        {own ? ` ${NEXT_FOR_AUTHOR[state.kind]}` : null}
      </p>
      {own && state.kind === "awaiting" && state.explanations.length > 0 ? (
        <p>{state.explanations.join(" ")}</p>
      ) : null}
      {hasReasons(state) && state.houseRule ? (
        <p>
          House rule: <Link to={houseRuleHref(state.houseRule.id)}>{state.houseRule.title}</Link>
        </p>
      ) : null}
      {hasReasons(state) && state.note ? (
        <p>
          What the moderator said: <q>{state.note}</q>
        </p>
      ) : null}
      {state.kind === "appeal-turned-down" && state.appealNote ? (
        <p>
          On the appeal: <q>{state.appealNote}</q>
        </p>
      ) : null}
      {own && reviewHref ? (
        <p>
          <Link to={reviewHref}>
            {APPEALABLE_STATES.includes(state.kind)
              ? "Appeal this decision"
              : "What happened to your post"}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
