/** The privacy notice, in the shape of GOV.UK's privacy notice template. */
import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Privacy notice — Parley" }];

export default function PrivacyNoticePage() {
  return (
    <article className="prose">
      <h1>Privacy notice</h1>
      <p className="lede">
        How Northbridge Borough Council uses your personal data when you take part in consultations
        on Parley.
      </p>

      <h2>Who we are</h2>
      <p>
        Northbridge Borough Council is the data controller for the personal data you give us on
        Parley. Our data protection officer can be reached at dpo@northbridge.example or by post at
        Town Hall, Northbridge.
      </p>

      <h2>What data we collect</h2>
      <ul>
        <li>
          your email address, the name you choose to show and, if you add one, your introduction;
        </li>
        <li>what you write: threads, posts and their earlier versions;</li>
        <li>ideas you support, issues and threads you follow, posts you flag;</li>
        <li>moderators’ decisions about your posts and your account;</li>
        <li>
          technical data: a session cookie while you are signed in, and your IP address, kept only
          as a counter to stop abuse (see below).
        </li>
      </ul>
      <p>
        <strong>Page views.</strong> To see how many people read an issue before taking part, we
        count views of issue and thread pages on our server: one number per page per day, and
        nothing else. No cookie is set for it, and no IP address, account or device is recorded with
        the count, so it cannot be linked to you.
      </p>

      <h2>Why we need your data</h2>
      <p>
        To run public consultations: to let you take part, to moderate the conversation fairly, to
        tell you what happened as a result, and to publish what residents said and what the council
        did.
      </p>

      <h2>Our legal basis</h2>
      <p>
        Processing is necessary for a task carried out in the public interest (UK GDPR article
        6(1)(e)): consulting residents about council decisions. Emails about replies, answers and
        outcomes are sent only while you keep them switched on.
      </p>

      <h2>What we do with your data</h2>
      <p>
        What you write is public, under the name you chose. Your email address is never shown to
        anyone and is used only to send the emails you asked for. We do not sell your data or use it
        for marketing. Our hosting and email providers process it on our behalf, under contract, in
        the UK.
      </p>
      <p>
        Public content is also published as <a href="/open-data">open data</a> and through a public
        API, so that anyone can check how the council listens. There, people appear only as
        pseudonymous ids: no name, email address or account number. Anything not public on the site
        (held, hidden or deleted posts) is never included.
      </p>

      <h2>How long we keep your data</h2>
      <ul>
        <li>your account, until you delete it;</li>
        <li>sessions end after 7 days without a visit, and 30 days after signing in at most;</li>
        <li>links in emails expire: password resets after 1 hour, others after 24 hours;</li>
        <li>a download of your data is deleted after 7 days;</li>
        <li>counters that stop abuse (by IP address or account) expire within an hour;</li>
        <li>
          the moderation record of decisions, which nobody can alter, is kept for 6 years as the
          council’s record of how it ran the forum. When you delete your account it names “Former
          participant” instead of you.
        </li>
      </ul>

      <h2>Your rights</h2>
      <p>You have the right to:</p>
      <ul>
        <li>
          get a copy of your data: <Link to="/account/data">download your data</Link> at any time;
        </li>
        <li>
          correct it: change your name and introduction on{" "}
          <Link to="/account/profile">your profile</Link>, your email address on{" "}
          <Link to="/account">your account</Link>;
        </li>
        <li>
          have it deleted: <Link to="/account/delete">delete your account</Link>, keeping or
          removing what you wrote;
        </li>
        <li>
          object to how it is used, or ask us to restrict it, by writing to our data protection
          officer.
        </li>
      </ul>

      <h2>Where your data is stored and how it is kept safe</h2>
      <p>
        In the UK. Passwords are stored only as slow, salted hashes (Argon2id); session and reset
        tokens only as SHA-256 hashes. Everything travels over HTTPS.
      </p>

      <h2>How to complain</h2>
      <p>
        Contact our data protection officer first. If you are not happy with the answer, you can
        complain to the Information Commissioner’s Office (ico.org.uk, 0303 123 1113).
      </p>

      <h2>Changes to this notice</h2>
      <p>We will post any changes here. Last updated 23 November 2026.</p>
    </article>
  );
}
