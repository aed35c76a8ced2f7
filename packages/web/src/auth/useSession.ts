import { session } from '../lib/services';
import type { SessionState } from '../lib/session';
import { useStore } from '../lib/useStore';

export function useSession(): SessionState {
  return useStore(session);
}
