/**
 * Text with the matched words marked. Every part is rendered as React text, so whatever
 * a resident wrote is escaped; the only markup is our own <mark>.
 */
export function SearchHighlight({ parts }: { parts: { text: string; match: boolean }[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </>
  );
}
