import { Settings2 } from 'lucide-react';
import { useId, useState } from 'react';
import type { CallEngine } from './callEngine';
import { DevicePickers } from './DevicePickers';
import type { LocalMediaState } from './localMedia';

/**
 * The call's device settings: switch camera, microphone and speaker without leaving (the new
 * track replaces the old one in every connection), and the browser's noise suppression and echo
 * cancellation. A browser that cannot choose the speaker shows no speaker choice.
 */
export function DeviceSettings({ engine, media }: { engine: CallEngine; media: LocalMediaState }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const { noiseSuppression, echoCancellation } = media.audioProcessing;
  return (
    <div className="device-settings">
      <button
        type="button"
        className="btn btn-icon"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label="Devices"
        title="Camera, microphone and speaker"
        onClick={() => setOpen((v) => !v)}
      >
        <Settings2 aria-hidden="true" size={18} />
      </button>
      {open && (
        <section
          id={panelId}
          className="card device-settings-panel"
          aria-label="Call devices"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
        >
          <DevicePickers engine={engine} media={media} />
          <label className="field-check">
            <input
              type="checkbox"
              checked={noiseSuppression}
              disabled={!media.audioTrack}
              onChange={(e) =>
                void engine.media.setAudioProcessing({ noiseSuppression: e.target.checked })
              }
            />
            Noise suppression
          </label>
          <label className="field-check">
            <input
              type="checkbox"
              checked={echoCancellation}
              disabled={!media.audioTrack}
              onChange={(e) =>
                void engine.media.setAudioProcessing({ echoCancellation: e.target.checked })
              }
            />
            Echo cancellation
          </label>
        </section>
      )}
    </div>
  );
}
