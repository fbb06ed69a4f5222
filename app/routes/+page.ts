// Prerendered as an empty shell (ssr stays off): the HTML then links the Write page's own code
// and styles, so the browser fetches them with the layout's instead of after the app has started.
export const prerender = true;
