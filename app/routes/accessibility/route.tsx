/** The accessibility statement, in the shape of GOV.UK's model statement. */
import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Accessibility statement — Parley" }];

export default function AccessibilityStatementPage() {
  return (
    <article className="prose">
      <h1>Accessibility statement for Parley</h1>
      <p className="lede">
        This statement applies to Parley, Northbridge Borough Council’s community consultation
        forum. We want as many people as possible to be able to use it.
      </p>
      <p>For example, that means you should be able to:</p>
      <ul>
        <li>change colours, contrast levels and fonts using browser or device settings;</li>
        <li>zoom in up to 400% without the text spilling off the screen;</li>
        <li>navigate the whole site using just a keyboard or speech recognition software;</li>
        <li>use every page and every form with JavaScript switched off;</li>
        <li>listen to the site using a screen reader (such as NVDA, JAWS and VoiceOver);</li>
        <li>
          sign in with a password manager and paste into every field: we never ask you to solve a
          puzzle or retype a code.
        </li>
      </ul>

      <h2>How accessible this website is</h2>
      <p>
        Each time the software changes, every page is checked automatically, as every kind of
        visitor who can see it (members of the public, residents, moderators, officers and
        administrators), with JavaScript on and off:
      </p>
      <ul>
        <li>against WCAG 2.2 level A and AA, with the axe checker;</li>
        <li>
          on a screen 320 pixels wide (the same as 400% zoom on a laptop): nothing scrolls sideways
          except the wide data tables, which scroll inside their own labelled box that you can reach
          with the keyboard;
        </li>
        <li>
          with text at 200% and spaced out (line height 1.5, paragraph spacing 2, letter spacing
          0.12 and word spacing 0.16 times the text size): no text is cut off and no control is
          drawn over another;
        </li>
        <li>
          with the keyboard: everything you can reach with the Tab key shows a visible focus
          indicator, and nothing covers it;
        </li>
        <li>
          for target size: every button, link and field you can click is at least 24 by 24 pixels,
          or has that much space around it (links inside a sentence follow the text).
        </li>
      </ul>
      <p>
        The pages also respect Windows high-contrast (forced colours) mode and the “reduce motion”
        setting.
      </p>

      <h2>Feedback and contact information</h2>
      <p>
        If you need information on this website in a different format, like accessible PDF, large
        print, easy read, audio recording or braille, email accessibility@northbridge.example or
        call 01632 960000. We will reply within 5 working days.
      </p>

      <h2>Reporting accessibility problems with this website</h2>
      <p>
        We are always looking to improve the accessibility of this website. If you find any problems
        not listed on this page or think we are not meeting accessibility requirements, email
        accessibility@northbridge.example.
      </p>

      <h2>Enforcement procedure</h2>
      <p>
        The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public
        Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the
        ‘accessibility regulations’). If you are not happy with how we respond to your complaint,
        contact the Equality Advisory and Support Service (EASS).
      </p>

      <h2>Technical information about this website’s accessibility</h2>
      <p>
        Northbridge Borough Council is committed to making its website accessible, in accordance
        with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility
        Regulations 2018.
      </p>
      <h3>Compliance status</h3>
      <p>
        This website is partially compliant with the Web Content Accessibility Guidelines version
        2.2 AA standard, due to the non-compliance listed below.
      </p>

      <h2>Non-accessible content</h2>
      <h3>Content that is not within the scope of the accessibility regulations</h3>
      <p>
        What residents write is their own content. We render it as plain, structured text (headings,
        lists and links; no images), which keeps it accessible, but we cannot make sure that every
        post is written in plain English.
      </p>
      <h3>Non-compliance with the accessibility regulations</h3>
      <p>
        We have not yet had the site audited by an independent specialist, or tested it with screen
        reader users; until then we state partial compliance. We plan to commission an audit,
        including testing with disabled residents, before the end of March 2027.
      </p>
      <h3>What our checks do not cover yet</h3>
      <ul>
        <li>
          With text spaced out, our checks find text that is cut off and controls drawn over one
          another, but not every place where two lines of ordinary text could touch.
        </li>
        <li>
          Forced colours mode and the “reduce motion” setting are supported by the style sheet, but
          neither is tested automatically yet.
        </li>
      </ul>

      <h2>Preparation of this accessibility statement</h2>
      <p>
        This statement was prepared on 23 November 2026. It was last reviewed on 30 November 2026,
        when the checks for screen width, text spacing, focus and target size were added. The
        automated checks run with every change to the software.
      </p>
    </article>
  );
}
