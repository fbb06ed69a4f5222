export interface ServiceWorkerHooks {
  /**
   * A new version is installed and waiting. `activate` saves nothing itself: the caller saves
   * the draft first, then calls it; the page reloads once the new version controls it.
   */
  onUpdateWaiting: (activate: () => void) => void;
}

const UPDATE_CHECK_INTERVAL_MS = 60 * 60_000;

/**
 * Register the service worker with workbox-window (production builds only: in development Vite
 * serves modules the precache cannot know). A new version waits until the person accepts it,
 * and the page reloads only after that — never by surprise.
 */
export async function registerServiceWorker(hooks: ServiceWorkerHooks): Promise<void> {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox('/service-worker.js', {
    type: import.meta.env.DEV ? 'module' : 'classic',
  });

  let accepted = false;
  wb.addEventListener('controlling', () => {
    if (accepted) window.location.reload();
  });
  wb.addEventListener('waiting', () => {
    hooks.onUpdateWaiting(() => {
      accepted = true;
      wb.messageSkipWaiting();
    });
  });

  await wb.register();

  // An installed app may stay open for days without a navigation: look for updates now and then.
  let lastCheck = Date.now();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    if (Date.now() - lastCheck < UPDATE_CHECK_INTERVAL_MS) return;
    lastCheck = Date.now();
    void wb.update().catch(() => undefined);
  });
}
