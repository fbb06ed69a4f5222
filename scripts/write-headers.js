// After `vite build`: writes build/_headers, the response headers Workers Static Assets sends
// with the app (API responses get theirs from the Worker). The Content-Security-Policy repeats
// the <meta> policy SvelteKit wrote — including the hash of its one inline start-up script,
// which changes with every build — and adds frame-ancestors, which a <meta> policy cannot carry.
import { readFileSync, writeFileSync } from 'node:fs';

const html = readFileSync('build/index.html', 'utf8');
const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html);
if (!meta) {
  console.error('build/index.html has no content-security-policy <meta>: is kit.csp set?');
  process.exit(1);
}
const policy = `${meta[1].replaceAll('&#39;', "'")}; frame-ancestors 'none'`;

const headers = `/*
  Content-Security-Policy: ${policy}
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=()
  X-Frame-Options: DENY
  Cross-Origin-Opener-Policy: same-origin
/service-worker.js
  Cache-Control: no-cache
`;
writeFileSync('build/_headers', headers);
