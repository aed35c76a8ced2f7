import { BackgroundSelect } from './background/BackgroundSelect';
import type { CallEngine } from './callEngine';
import { DeviceSelect } from './DeviceSelect';
import type { LocalMediaState } from './localMedia';

/** Camera, microphone, speaker and background choice (the device check and the call's device settings). */
export function DevicePickers({ engine, media }: { engine: CallEngine; media: LocalMediaState }) {
  return (
    <>
      <DeviceSelect
        label="Camera"
        options={media.devices.videoInput}
        value={media.selected.videoInput}
        onChange={(id) => void engine.media.selectDevice('videoInput', id)}
      />
      <DeviceSelect
        label="Microphone"
        options={media.devices.audioInput}
        value={media.selected.audioInput}
        onChange={(id) => void engine.media.selectDevice('audioInput', id)}
      />
      <DeviceSelect
        label="Speaker"
        options={media.devices.audioOutput}
        value={media.selected.audioOutput}
        onChange={(id) => void engine.media.selectDevice('audioOutput', id)}
      />
      <BackgroundSelect engine={engine} media={media} />
    </>
  );
}
