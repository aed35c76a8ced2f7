import { MESSAGE_MAX_LENGTH } from '@minimeet/contract';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

/** Inline edit of your message: Enter saves, Shift+Enter a new line, Escape cancels. */
export function MessageEditor({
  initial,
  busy,
  onSave,
  onCancel,
}: {
  initial: string;
  busy: boolean;
  onSave: (content: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const content = text.trim();
  const save = () => {
    if (busy || content.length === 0) return;
    if (content === initial) onCancel();
    else onSave(content);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      save();
    }
  };
  return (
    <div className="msg-editor">
      <textarea
        ref={input}
        aria-label="Edited text"
        value={text}
        maxLength={MESSAGE_MAX_LENGTH}
        rows={Math.min(6, text.split('\n').length)}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <span className="msg-editor-hint">Enter to save, Escape to cancel</span>
      <span className="msg-editor-buttons">
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-small btn-primary"
          disabled={busy || content.length === 0}
          onClick={save}
        >
          Save
        </button>
      </span>
    </div>
  );
}
