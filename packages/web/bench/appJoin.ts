/** The measured step of the call benchmarks: everyone presses `Join call`, until all see all. */
import { apiCreateRoom } from '../e2e/api';
import type { CallUser } from '../e2e/call/callKit';
import type { ServerHarness } from '../e2e/harness';
import { armFirstFrameProbe, doneAt } from './firstFrame';

/**
 * Opens a fresh room on every user's page, presses `Join call` on all of them at once and returns
 * the milliseconds from the earliest click to the last page that decoded video from all others.
 */
export async function runApp(
  server: ServerHarness,
  users: CallUser[],
  runIndex: number,
): Promise<number> {
  const owner = users[0] as CallUser;
  const room = await apiCreateRoom(
    owner.context.request,
    owner.token,
    `Bench ${users.length} #${runIndex}`,
  );
  for (const u of users) {
    await u.page.goto(`${server.url}/join/${room.inviteToken}`);
    await u.page.getByRole('button', { name: 'Join call' }).waitFor();
  }
  for (const u of users) {
    await armFirstFrameProbe(u.page, users.length - 1, 'app');
    await u.page.evaluate(confirmDeviceCheckAtOnce);
  }
  await Promise.all(users.map((u) => u.page.getByRole('button', { name: 'Join call' }).click()));
  const done = await Promise.all(users.map((u) => doneAt(u.page)));
  const starts = await Promise.all(users.map((u) => u.page.evaluate(() => window.__benchT0 ?? 0)));
  return Math.max(...done) - Math.min(...starts);
}

/**
 * In the page: note when `Join call` is clicked, then press `Join now` on the device check as
 * soon as it shows (a person who confirms at once), without a round trip through Playwright.
 */
function confirmDeviceCheckAtOnce(): void {
  const byText = (text: string) =>
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  document.addEventListener(
    'click',
    (event) => {
      if (window.__benchT0 || !(event.target instanceof Element)) return;
      if (event.target.closest('button') !== byText('Join call')) return;
      window.__benchT0 = Date.now();
      const observer = new MutationObserver(() => {
        const join = byText('Join now');
        if (!join) return;
        observer.disconnect();
        join.click();
      });
      observer.observe(document.body, { childList: true, subtree: true });
    },
    true,
  );
}
