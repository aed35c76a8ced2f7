/** A horizontal microphone level bar (role meter, 0-100). */
export function LevelMeter({ level, label }: { level: number; label: string }) {
  const value = Math.round(Math.max(0, Math.min(1, level)) * 100);
  return (
    <div
      className="level-meter"
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
    >
      <div className="level-meter-fill" style={{ width: `${value}%` }} />
    </div>
  );
}
