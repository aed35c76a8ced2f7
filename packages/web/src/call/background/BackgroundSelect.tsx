import { useId } from 'react';
import type { CallEngine } from '../callEngine';
import type { LocalMediaState } from '../localMedia';
import { BACKGROUND_MESSAGES, isBackgroundEffect, type BackgroundEffect } from './effect';

const LABELS: Record<BackgroundEffect, string> = { none: 'None', blur: 'Blur', image: 'Image' };

/** The camera's background: none, blurred or replaced; says while the model loads or why not. */
export function BackgroundSelect({
  engine,
  media,
}: {
  engine: CallEngine;
  media: LocalMediaState;
}) {
  const id = useId();
  const status = media.background;
  if (!media.cameraTrack) return null;
  return (
    <div className="field device-field">
      <label htmlFor={id}>Background</label>
      <select
        id={id}
        value={media.backgroundEffect}
        onChange={(e) => {
          if (isBackgroundEffect(e.target.value)) void engine.media.setBackground(e.target.value);
        }}
      >
        {(Object.keys(LABELS) as BackgroundEffect[]).map((effect) => (
          <option key={effect} value={effect}>
            {LABELS[effect]}
          </option>
        ))}
      </select>
      {status.state === 'loading' && (
        <p className="muted" role="status">
          Loading the background model…
        </p>
      )}
      {status.state === 'failed' && (
        <p className="note note-error" role="alert">
          {BACKGROUND_MESSAGES[status.reason]}
        </p>
      )}
    </div>
  );
}
