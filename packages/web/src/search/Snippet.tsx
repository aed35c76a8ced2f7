import type { SnippetPart } from '@minimeet/contract';

/** A search snippet with the matched terms highlighted. */
export function Snippet({ parts, fallback }: { parts: readonly SnippetPart[]; fallback: string }) {
  if (parts.length === 0) return <>{fallback}</>;
  return (
    <>
      {parts.map((part, index) =>
        part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </>
  );
}
