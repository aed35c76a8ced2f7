import Bowser from 'bowser';

/** A readable label of the browser and system of a User-Agent, e.g. "Firefox on Linux". */
export function deviceLabel(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const { browser, os, platform } = Bowser.parse(userAgent);
  const system = os.name ?? (platform.type ? `a ${platform.type}` : undefined);
  if (browser.name && system) return `${browser.name} on ${system}`;
  return browser.name ?? system ?? 'Unknown device';
}
