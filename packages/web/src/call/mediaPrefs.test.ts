import { describe, expect, it } from 'vitest';
import { parseMediaPrefs } from './mediaPrefs';

describe('parseMediaPrefs', () => {
  it('keeps the defaults for nothing or garbage', () => {
    for (const raw of [null, '', 'not json', '42', '{"background":"sepia"}']) {
      expect(parseMediaPrefs(raw)).toEqual({
        audioProcessing: { noiseSuppression: true, echoCancellation: true },
        background: 'none',
      });
    }
  });

  it('reads a remembered background effect and audio processing', () => {
    expect(
      parseMediaPrefs(
        JSON.stringify({ background: 'blur', audioProcessing: { noiseSuppression: false } }),
      ),
    ).toEqual({
      audioProcessing: { noiseSuppression: false, echoCancellation: true },
      background: 'blur',
    });
    expect(parseMediaPrefs('{"background":"image"}').background).toBe('image');
  });
});
