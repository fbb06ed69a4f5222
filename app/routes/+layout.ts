// A single-page app: everything renders on the device, from IndexedDB, online or not.
export const ssr = false;
export const prerender = false;
