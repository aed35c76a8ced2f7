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
  it('decides on what the browser sees once it drops tab, newline and CR', () => {
    for (const bad of [
      '/\t/evil.example',
      decodeURIComponent('%2F%09%2Fevil.example'),
      '/\n/evil.example',
      '\r//evil.example',
      '/\t\\evil.example',
      '/\t/\tsignin',
      '/x\u0000y',
    ]) {
      expect(safeNextPath(bad)).toBe('/');
    }
    expect(safeNextPath('/rooms/\tabc')).toBe('/rooms/abc');
  });
});
