import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';

/** The keyboard shortcuts, in a modal dialog (Escape or the button closes it). */
export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="call-help" aria-labelledby="call-help-title" onClose={onClose}>
      <h2 id="call-help-title">Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.what} className="call-help-row">
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="btn" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  );
}
