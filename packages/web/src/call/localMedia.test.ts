import { describe, expect, it, vi } from 'vitest';
import { createLocalMedia } from './localMedia';

/** A fake track: an EventTarget with the few fields localMedia reads. */
function fakeTrack(kind: 'audio' | 'video', deviceId: string) {
  const target = new EventTarget();
  return Object.assign(target, {
    kind,
    enabled: true,
    stop: vi.fn(),
    getSettings: () => ({ deviceId }),
    applyConstraints: vi.fn(() => Promise.resolve()),
  }) as unknown as MediaStreamTrack & { stop: ReturnType<typeof vi.fn> };
}

/** Fake media devices: `present` lists what is plugged in; getUserMedia opens the asked one. */
function fakeDevices(present: { kind: MediaDeviceKind; deviceId: string; label: string }[]) {
  const target = new EventTarget();
  const opened: MediaStreamTrack[] = [];
  const devices = Object.assign(target, {
    enumerateDevices: () => Promise.resolve(present.map((d) => ({ ...d, groupId: '' }))),
    getUserMedia: (c: MediaStreamConstraints) => {
      const want = (k: 'audio' | 'video') => {
        const kind = k === 'audio' ? 'audioinput' : 'videoinput';
        const asked = (c[k] as MediaTrackConstraints | undefined)?.deviceId as
          { exact: string } | undefined;
        const d = present.find((x) => x.kind === kind && (!asked || x.deviceId === asked.exact));
        return d ? fakeTrack(k, d.deviceId) : null;
      };
      const tracks = (['audio', 'video'] as const).flatMap((k) => {
        if (!c[k]) return [];
        const t = want(k);
        return t ? [t] : [];
      });
      if (tracks.length === 0) return Promise.reject(new DOMException('none', 'NotFoundError'));
      opened.push(...tracks);
      return Promise.resolve({
        getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
        getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
      } as unknown as MediaStream);
    },
  });
  return { devices: devices as unknown as MediaDevices, opened, target };
}

vi.stubGlobal(
  'MediaStream',
  class {
    constructor(readonly tracks: MediaStreamTrack[]) {}
  },
);

const video = () => ({ width: 640, height: 360, frameRate: 24 });

describe('localMedia devices', () => {
  it('switches the camera to the chosen device and stops the old track', async () => {
    const present = [
      { kind: 'videoinput' as const, deviceId: 'cam1', label: 'Front' },
      { kind: 'videoinput' as const, deviceId: 'cam2', label: 'Back' },
      { kind: 'audioinput' as const, deviceId: 'mic1', label: 'Mic' },
    ];
    const { devices } = fakeDevices(present);
    const media = createLocalMedia({ video, devices });
    await media.acquire();
    const first = media.getState().videoTrack;
    expect(first?.getSettings().deviceId).toBe('cam1');
    await media.selectDevice('videoInput', 'cam2');
    expect(media.getState().videoTrack?.getSettings().deviceId).toBe('cam2');
    expect((first as unknown as { stop: ReturnType<typeof vi.fn> }).stop).toHaveBeenCalled();
    expect(media.getState().devices.videoInput.map((d) => d.label)).toEqual(['Front', 'Back']);
  });

  it('falls back to another camera when the one in use is unplugged, with a notice', async () => {
    const present = [
      { kind: 'videoinput' as const, deviceId: 'cam1', label: 'USB camera' },
      { kind: 'videoinput' as const, deviceId: 'cam2', label: 'Built-in camera' },
      { kind: 'audioinput' as const, deviceId: 'mic1', label: 'Mic' },
    ];
    const { devices, target } = fakeDevices(present);
    const media = createLocalMedia({ video, devices });
    await media.acquire();
    const usb = media.getState().videoTrack;
    present.splice(0, 1);
    const changed = new Promise<void>((resolve) =>
      media.subscribe(() => {
        if (media.getState().deviceNotice) resolve();
      }),
    );
    usb?.dispatchEvent(new Event('ended'));
    target.dispatchEvent(new Event('devicechange'));
    await changed;
    const s = media.getState();
    expect(s.videoTrack?.getSettings().deviceId).toBe('cam2');
    expect(s.deviceNotice).toBe('Your camera was disconnected: now using Built-in camera.');
    expect(s.devices.videoInput.map((d) => d.deviceId)).toEqual(['cam2']);
    media.dismissDeviceNotice();
    expect(media.getState().deviceNotice).toBeNull();
  });

  it('says so when the only microphone goes away', async () => {
    const present = [{ kind: 'audioinput' as const, deviceId: 'mic1', label: 'Headset' }];
    const { devices } = fakeDevices(present);
    const media = createLocalMedia({ video, devices });
    await media.acquire();
    const mic = media.getState().audioTrack;
    present.splice(0, 1);
    const told = new Promise<void>((resolve) =>
      media.subscribe(() => {
        if (media.getState().deviceNotice) resolve();
      }),
    );
    mic?.dispatchEvent(new Event('ended'));
    await told;
    expect(media.getState().audioTrack).toBeNull();
    expect(media.getState().deviceNotice).toBe(
      'Your microphone was disconnected, and there is no other one.',
    );
  });

  it('applies and remembers noise suppression and echo cancellation on the live track', async () => {
    const { devices } = fakeDevices([{ kind: 'audioinput', deviceId: 'mic1', label: 'Mic' }]);
    const remember = vi.fn();
    const media = createLocalMedia({ video, devices, rememberAudioProcessing: remember });
    await media.acquire();
    await media.setAudioProcessing({ noiseSuppression: false });
    const track = media.getState().audioTrack as unknown as {
      applyConstraints: ReturnType<typeof vi.fn>;
    };
    expect(track.applyConstraints).toHaveBeenCalledWith(
      expect.objectContaining({ noiseSuppression: false, echoCancellation: true }),
    );
    expect(remember).toHaveBeenCalledWith({ noiseSuppression: false, echoCancellation: true });
  });
});

describe('localMedia background effect', () => {
  const present = [
    { kind: 'videoinput' as const, deviceId: 'cam1', label: 'Front' },
    { kind: 'videoinput' as const, deviceId: 'cam2', label: 'Back' },
  ];

  /** A fake processor: each call gives a new processed track; `fail` makes the next one fail. */
  function fakeProcessor() {
    const made: {
      source: MediaStreamTrack;
      track: MediaStreamTrack;
      stop: ReturnType<typeof vi.fn>;
    }[] = [];
    let fail = false;
    const processCamera = vi.fn((source: MediaStreamTrack) => {
      if (fail) return Promise.reject(new Error('no model'));
      const entry = { source, track: fakeTrack('video', ''), stop: vi.fn() };
      made.push(entry);
      return Promise.resolve(entry);
    });
    return { processCamera, made, failNext: () => (fail = true) };
  }

  it('sends the processed track, remembers the choice, and restores the camera when off', async () => {
    const { devices } = fakeDevices(present);
    const p = fakeProcessor();
    const remembered: string[] = [];
    const media = createLocalMedia({
      video,
      devices,
      processCamera: p.processCamera,
      backgroundSupported: () => true,
      rememberBackground: (e) => remembered.push(e),
    });
    await media.acquire();
    const camera = media.getState().cameraTrack;
    await media.setBackground('blur');
    expect(media.getState().videoTrack).toBe(p.made[0]?.track);
    expect(media.getState().background).toEqual({ state: 'on', effect: 'blur' });
    await media.setBackground('none');
    expect(media.getState().videoTrack).toBe(camera);
    expect(p.made[0]?.stop).toHaveBeenCalled();
    expect(media.getState().background).toEqual({ state: 'off' });
    expect(remembered).toEqual(['blur', 'none']);
  });

  it('applies a remembered effect on acquire and again after a camera switch', async () => {
    const { devices } = fakeDevices(present);
    const p = fakeProcessor();
    const media = createLocalMedia({
      video,
      devices,
      processCamera: p.processCamera,
      backgroundSupported: () => true,
      backgroundEffect: 'image',
    });
    await media.acquire();
    await vi.waitFor(() => expect(media.getState().background.state).toBe('on'));
    await media.selectDevice('videoInput', 'cam2');
    await vi.waitFor(() => expect(p.made).toHaveLength(2));
    await vi.waitFor(() => expect(media.getState().videoTrack).toBe(p.made[1]?.track));
    expect(p.made[1]?.source.getSettings().deviceId).toBe('cam2');
    expect(p.made[0]?.stop).toHaveBeenCalled();
  });

  it('falls back to the camera with a reason when the model fails or the browser cannot', async () => {
    const { devices } = fakeDevices(present);
    const p = fakeProcessor();
    p.failNext();
    const media = createLocalMedia({
      video,
      devices,
      processCamera: p.processCamera,
      backgroundSupported: () => true,
    });
    await media.acquire();
    await media.setBackground('blur');
    expect(media.getState().videoTrack).toBe(media.getState().cameraTrack);
    expect(media.getState().background).toEqual({
      state: 'failed',
      effect: 'blur',
      reason: 'load-failed',
    });

    const unsupported = createLocalMedia({
      video,
      devices,
      processCamera: p.processCamera,
      backgroundSupported: () => false,
    });
    await unsupported.acquire();
    await unsupported.setBackground('image');
    expect(unsupported.getState().background).toMatchObject({ reason: 'unsupported' });
  });
});
