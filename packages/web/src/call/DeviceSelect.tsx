import { useId } from 'react';
import type { DeviceOption } from './localMedia';

/** A labelled select of devices; hidden when there is nothing to choose from. */
export function DeviceSelect({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly DeviceOption[];
  value: string | null;
  onChange: (deviceId: string) => void;
}) {
  const id = useId();
  if (options.length === 0) return null;
  return (
    <div className="field device-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {value === null && <option value="">Default</option>}
        {options.map((o) => (
          <option key={o.deviceId} value={o.deviceId}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
