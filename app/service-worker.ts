/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { build, files, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { handleSyncEvent, type SyncEvent } from './lib/sync/worker-background-sync.ts';

declare let self: ServiceWorkerGlobalScope;

// The app shell: hashed build output, the files in static/ (revisioned by the build version,
// since their names do not change), and `/` itself (not /index.html: Workers Static Assets
// redirects that to /).
precacheAndRoute([
  ...build,
  ...files.map((url) => ({ url, revision: version })),
  { url: '/', revision: version },
]);
cleanupOutdatedCaches();

// Every page of the single-page app is the same shell; the API is never answered from cache.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/'), { denylist: [/^\/api\//] }));

// A new version waits until the person presses "Update" (workbox-window's messageSkipWaiting).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Background Sync (SYNC-21): memories saved while the push could not happen go once the browser
// is back online, even with the app closed.
self.addEventListener('sync', (event) => handleSyncEvent(event as SyncEvent, self.clients));

// The first install takes charge of the already open page at once, so it works offline without a
// reload. This does not skip waiting: an update still waits for the person's "Update".
clientsClaim();
