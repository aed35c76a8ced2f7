/** Full screen for one tile or the whole call, where the browser has the Fullscreen API. */
export function canFullscreen(): boolean {
  return typeof document !== 'undefined' && document.fullscreenEnabled === true;
}

/** Whether `element` is the one shown full screen now. */
export function isFullscreen(element: Element | null): boolean {
  return (
    element !== null && typeof document !== 'undefined' && document.fullscreenElement === element
  );
}

/** Shows `element` full screen, or leaves full screen when it already is. */
export function toggleFullscreen(element: Element | null): void {
  if (!element || !canFullscreen()) return;
  const done = isFullscreen(element)
    ? document.exitFullscreen()
    : element.requestFullscreen({ navigationUI: 'hide' });
  done.catch(() => undefined);
}
