export function Splash({ text = 'Loading MiniMeet…' }: { text?: string }) {
  return (
    <div className="splash" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      <p>{text}</p>
    </div>
  );
}
