import { createHttpClient } from '../lib/http';
import { connection, membership } from './realtime';
import { session } from './services';
import { createCallApi } from '../call/callApi';
import { createCallEngine } from '../call/callEngine';
import { createCallRegistry } from '../call/callRegistry';
import { createLocalMedia } from '../call/localMedia';
import { loadMediaPrefs, saveMediaPrefs } from '../call/mediaPrefs';
import { loadCallSettings } from '../call/settings';
import { createSelfModeration } from '../moderation/selfModeration';
import { installTestHooks } from '../call/testHooks';

/** The call feature's singletons, wired to the app's one socket connection and session. */
export const callSettings = loadCallSettings();

export const callApi = createCallApi({
  http: createHttpClient((input, init) => fetch(input, init)),
  getToken: session.getAccessToken,
  refresh: session.refresh,
});

export const calls = createCallRegistry((roomId) =>
  createCallEngine({
    roomId,
    connection,
    settings: callSettings,
    media: createLocalMedia({
      video: () => callSettings.video,
      audioProcessing: loadMediaPrefs().audioProcessing,
      rememberAudioProcessing: (audioProcessing) =>
        saveMediaPrefs({ ...loadMediaPrefs(), audioProcessing }),
      backgroundEffect: loadMediaPrefs().background,
      rememberBackground: (background) => saveMediaPrefs({ ...loadMediaPrefs(), background }),
    }),
    selfUserId: () => session.getUser()?.id ?? null,
    createModeration: createSelfModeration,
    onRoomJoined: (listener) =>
      membership.onJoined((joined) => {
        if (joined === roomId) listener();
      }),
  }),
);

// Closing the tab: tell the others right away instead of after the server's grace period.
window.addEventListener('pagehide', () => calls.current()?.leaveNow());

// Signing out ends any call.
session.subscribe(() => {
  if (session.getState().status === 'signedOut') void calls.current()?.leave();
});

if (callSettings.testHooks) installTestHooks(calls);
