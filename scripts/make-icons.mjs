// Makes the app icons in static/ (and the header's logo) from one SVG drawing:
// `npm run make-icons`. They are committed; run this again only when the drawing changes.
// The browser gets PNGs only: an SVG icon is a document of its own, set up on the page's main
// thread at start-up.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const staticDir = fileURLToPath(new URL('../static/', import.meta.url));
const logoFile = fileURLToPath(new URL('../app/lib/assets/logo.svg', import.meta.url));
const PAPER = '#f6f1e7';

/** Three books on a shelf, drawn inside the maskable safe zone (a circle of 40% radius). */
const books = `
  <g>
    <rect x="138" y="150" width="66" height="236" rx="9" fill="#7b4a2c"/>
    <rect x="138" y="186" width="66" height="10" fill="#e7c9a6" opacity="0.85"/>
    <rect x="138" y="336" width="66" height="10" fill="#e7c9a6" opacity="0.85"/>
    <rect x="214" y="118" width="78" height="268" rx="9" fill="#b07444"/>
    <rect x="214" y="156" width="78" height="12" fill="#f6e3c8" opacity="0.9"/>
    <rect x="234" y="206" width="38" height="54" rx="5" fill="#f6e3c8" opacity="0.9"/>
    <path d="M266 386 v52 l-12 -10 l-12 10 v-52 z" fill="#c8553d"/>
    <g transform="rotate(-12 392 386)">
      <rect x="336" y="186" width="56" height="200" rx="8" fill="#3f6b4f"/>
      <rect x="336" y="220" width="56" height="9" fill="#d8e6d6" opacity="0.85"/>
      <rect x="336" y="340" width="56" height="9" fill="#d8e6d6" opacity="0.85"/>
    </g>
    <rect x="112" y="384" width="288" height="18" rx="6" fill="#2b2722"/>
  </g>`;

const svg = ({ rounded }) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" ${rounded ? 'rx="112"' : ''} fill="${PAPER}"/>${books}
</svg>
`;

const png = (source, size) =>
  sharp(Buffer.from(source), { density: 384 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();

await mkdir(`${staticDir}icons`, { recursive: true });
await writeFile(logoFile, svg({ rounded: true }));
await writeFile(`${staticDir}icons/favicon-48.png`, await png(svg({ rounded: true }), 48));
await writeFile(`${staticDir}icons/icon-192.png`, await png(svg({ rounded: true }), 192));
await writeFile(`${staticDir}icons/icon-512.png`, await png(svg({ rounded: true }), 512));
// Maskable and Apple icons are full-bleed: the platform cuts its own shape.
await writeFile(`${staticDir}icons/icon-maskable-512.png`, await png(svg({ rounded: false }), 512));
await writeFile(`${staticDir}icons/apple-touch-icon.png`, await png(svg({ rounded: false }), 180));
console.log('icons written to static/ and app/lib/assets/');
