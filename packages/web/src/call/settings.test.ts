import { describe, expect, it } from 'vitest';
import { DEFAULT_CALL_SETTINGS, parseCallSettings } from './settings';

describe('parseCallSettings', () => {
  it('keeps the defaults for nothing or garbage', () => {
    expect(parseCallSettings(null)).toEqual(DEFAULT_CALL_SETTINGS);
    expect(parseCallSettings('{nope')).toEqual(DEFAULT_CALL_SETTINGS);
    expect(parseCallSettings('42')).toEqual(DEFAULT_CALL_SETTINGS);
  });

  it('reads small video constraints, relay-only and test hooks', () => {
    const s = parseCallSettings(
      JSON.stringify({
        video: { width: 320, height: 240, frameRate: 15 },
        iceTransportPolicy: 'relay',
        testHooks: true,
      }),
    );
    expect(s).toEqual({
      video: { width: 320, height: 240, frameRate: 15 },
      iceTransportPolicy: 'relay',
      testHooks: true,
    });
  });

  it('ignores out-of-range values one by one', () => {
    const s = parseCallSettings(
      JSON.stringify({
        video: { width: 99999, height: 240, frameRate: 'x' },
        iceTransportPolicy: 'nat',
      }),
    );
    expect(s.video).toEqual({
      width: DEFAULT_CALL_SETTINGS.video.width,
      height: 240,
      frameRate: DEFAULT_CALL_SETTINGS.video.frameRate,
    });
    expect(s.iceTransportPolicy).toBe('all');
  });
});
