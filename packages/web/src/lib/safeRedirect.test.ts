import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safeRedirect';

describe('safeNextPath', () => {
  it('keeps paths inside the app', () => {
    expect(safeNextPath('/rooms/abc?message=1')).toBe('/rooms/abc?message=1');
  });
  it('refuses other sites and loops back to sign-in', () => {
    for (const bad of [
      'https://evil.test',
      '//evil.test',
      '/\\evil.test',
      'rooms',
      '',
      null,
      '/signin?next=/x',
    ]) {
      expect(safeNextPath(bad)).toBe('/');
    }
  });
});
