// A local stand-in for OpenRouter's POST /api/v1/chat/completions, for the Worker and e2e tests.
// It replays the byte-exact fixtures or answers any prompt deterministically. Each request's
// behaviour comes from markers in its last user message, so parallel tests never share state.
//
//   node tests/fakes/openrouter-fake.js --port 8790 [--host 127.0.0.1]
//   → LLM_BASE_URL=http://127.0.0.1:8790/api/v1
//
// Markers: [[fixture:NAME]] replays tests/fixtures/openrouter/NAME byte for byte (error-402.json
// with 402, error-429-capacity.json with 429 and Retry-After: 40) · [[status:CODE]] a plain JSON
// error before any stream · [[local]] LM Studio-style (no cost, cache fields or comments; stream
// usage only with stream_options.include_usage) · [[fence]] the JSON inside a ```json fence ·
// [[length]] half the JSON with finish_reason "length" · [[no-usage]] no usage at all ·
// [[zero-usage]] usage with every counter 0 · [[bad-card]] a valid reply with an invalid card ·
// [[bad-json]] an answer that is not JSON · [[repair-fails]] the Worker's repair call fails too ·
// [[skip-last]] a batch answer without its last memory · [[fail-model:ID]] 503 for that model only ·
// [[chunk:N]] write in N-byte pieces · [[crlf]] CRLF line ends · [[slow:MS]] delay between pieces ·
// [[hang]] stall after the first content piece until the client leaves · [[note:TEXT]] (in the
// memory itself) the answer proposes TEXT as a notebook note.
// GET /__fake/requests?contains=TEXT → {count, requests} (Authorization kept only as a boolean);
// TEXT is looked for in the raw body, the last user message, and its notebook and correction lines
// as decoded strings (so a line with quotes in it is found as the app wrote it);
// DELETE on the same path clears the log.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { parseCatalogPrompt } from './fake-reply.js';
import {
  fixtureReply,
  generatedReply,
  lastUserText,
  readMarkers,
  send,
  statusError,
} from './fake-responses.js';

export { readMarkers } from './fake-responses.js';

const MAX_RECORDED = 5000;

/** The notebook and correction lines a catalog request carried, decoded from their JSON lines. */
function digestLines(body) {
  const { notebook, corrections } = parseCatalogPrompt(lastUserText(body));
  return [...notebook, ...corrections].filter((line) => typeof line === 'string');
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function record(requests, req, url, raw, body) {
  const headers = { ...req.headers };
  const hasAuthorization =
    typeof headers.authorization === 'string' && headers.authorization.length > 0;
  delete headers.authorization;
  if (requests.length >= MAX_RECORDED) requests.shift();
  requests.push({
    method: req.method,
    path: url.pathname,
    headers,
    hasAuthorization,
    body,
    raw,
    receivedAt: new Date().toISOString(),
  });
}

/**
 * Starts the fake on 127.0.0.1 (port 0 picks a free one).
 * @param {{ port?: number, host?: string }} [options]
 */
export async function startFakeUpstream(options = {}) {
  const requests = [];
  const seenSystemPrompts = new Set();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://fake');
      if (url.pathname === '/__fake/requests') {
        if (req.method === 'DELETE') requests.length = 0;
        const contains = url.searchParams.get('contains');
        const matching = requests.filter(
          (entry) =>
            contains === null ||
            entry.raw.includes(contains) ||
            lastUserText(entry.body).includes(contains) ||
            digestLines(entry.body).some((line) => line.includes(contains)),
        );
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(
          JSON.stringify({
            count: matching.length,
            requests: matching.map(({ raw: _raw, ...entry }) => entry),
          }),
        );
      }
      if (req.method !== 'POST' || url.pathname !== '/api/v1/chat/completions')
        return await send(res, statusError(404), new Map());
      const raw = await readBody(req);
      let body = null;
      try {
        body = JSON.parse(raw);
      } catch {
        // Recorded as null and answered 400 below, like OpenRouter does for a bad body.
      }
      record(requests, req, url, raw, body);
      if (!body || !Array.isArray(body.messages))
        return await send(res, statusError(400), new Map());
      const markers = readMarkers(lastUserText(body));
      // `[[fail-model:ID]]`: 503 for that model only (compare tests), the others answer.
      const status =
        markers.has('fail-model') && markers.get('fail-model') === body.model
          ? 503
          : Number(markers.get('status'));
      const reply =
        status >= 400
          ? statusError(status)
          : markers.has('fixture')
            ? await fixtureReply(markers.get('fixture'))
            : generatedReply(body, markers, seenSystemPrompts);
      await send(res, reply, markers);
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 500, message: 'fake upstream failed' } }));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address();
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    requests,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argument = (name) => {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? process.argv[index + 1] : undefined;
  };
  const fake = await startFakeUpstream({
    port: Number(argument('port') ?? 8790),
    host: argument('host') ?? '127.0.0.1',
  });
  console.log(`fake upstream on ${fake.url} (LLM_BASE_URL=${fake.url}/api/v1)`);
  const stop = () => fake.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
