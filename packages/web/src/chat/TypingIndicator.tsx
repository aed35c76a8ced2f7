import { useStore } from '../lib/useStore';
import { typingText, type TypingTracker } from './typing';

export function TypingIndicator({ typing }: { typing: TypingTracker }) {
  const typists = useStore(typing);
  return (
    <p className="typing" aria-live="polite">
      {typingText(typists)}
    </p>
  );
}
