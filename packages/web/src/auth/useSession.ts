import { session } from '../app/services';
import type { SessionState } from './session';
import { useStore } from '../lib/useStore';

export function useSession(): SessionState {
  return useStore(session);
}
