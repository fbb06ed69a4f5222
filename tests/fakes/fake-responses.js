// The fake upstream's answers: markers in the last user message choose a fixture, a status, the
// fake's own deterministic reply, and how the bytes travel (pieces, CRLF, delays, a stall).
import { readFile } from 'node:fs/promises';
import { completionBody, estimateTokens, streamFrames, usageObject } from './fake-framing.js';
import { deterministicAnswer, parseCatalogPrompt } from './fake-reply.js';

const FIXTURES = new URL('../fixtures/openrouter/', import.meta.url);

/** `[[name]]` or `[[name:value]]` markers in a text. */
export function readMarkers(text) {
  const markers = new Map();
  for (const match of text.matchAll(/\[\[([a-z-]+)(?::([^\]]*))?\]\]/g))
    markers.set(match[1], match[2] ?? '');
  return markers;
}

export function lastUserText(body) {
  const messages = Array.isArray(body?.messages) ? body.messages : [];
  const last = messages.filter((message) => message?.role === 'user').at(-1);
  if (typeof last?.content === 'string') return last.content;
  return Array.isArray(last?.content) ? last.content.map((part) => part?.text ?? '').join('') : '';
}

export function systemText(body) {
  const system = (body?.messages ?? []).find((message) => message?.role === 'system');
  if (typeof system?.content === 'string') return system.content;
  return Array.isArray(system?.content)
    ? system.content.map((part) => part?.text ?? '').join('')
    : '';
}

/** Plain JSON error before any stream, as OpenRouter sends it. */
export function statusError(status) {
  const headers = { 'content-type': 'application/json' };
  if (status === 429 || status === 503) headers['retry-after'] = '30';
  const body = JSON.stringify({
    error: { code: status, message: `Fake upstream error ${status}` },
  });
  return { status, headers, pieces: [body] };
}

export async function fixtureReply(name) {
  if (!/^[\w.-]+$/.test(name)) return statusError(400);
  const bytes = await readFile(new URL(name, FIXTURES)).catch(() => null);
  if (!bytes) return statusError(404);
  const status = Number(/^error-(\d{3})/.exec(name)?.[1] ?? 200);
  const headers = {
    'content-type': name.endsWith('.sse') ? 'text/event-stream' : 'application/json',
  };
  if (status === 429) headers['retry-after'] = '40';
  return { status, headers, pieces: [bytes] };
}

/** The fake's own answer: deterministic, in the request's mode, OpenRouter- or LM Studio-shaped. */
export function generatedReply(body, markers, seenSystemPrompts) {
  const local = markers.has('local');
  const answer = answerText(body, markers);
  let content = markers.has('fence') ? '```json\n' + answer + '\n```' : answer;
  let finishReason = 'stop';
  if (markers.has('length'))
    [content, finishReason] = [content.slice(0, Math.floor(content.length / 2)), 'length'];
  const system = systemText(body);
  // Simulated provider caching: a system prompt seen before is read from the cache.
  const cachedTokens = !local && seenSystemPrompts.has(system) ? estimateTokens(system) : 0;
  seenSystemPrompts.add(system);
  const promptTokens = (body.messages ?? []).reduce(
    (sum, message) => sum + 4 + estimateTokens(JSON.stringify(message.content ?? '')),
    0,
  );
  const wantsUsage =
    !markers.has('no-usage') &&
    (!local || !body.stream || body.stream_options?.include_usage === true);
  // `[[zero-usage]]`: all counters 0, as OpenRouter reports for a replayed response.
  const counts = markers.has('zero-usage')
    ? { promptTokens: 0, completionTokens: 0, cachedTokens: 0, local }
    : { promptTokens, completionTokens: estimateTokens(content), cachedTokens, local };
  const usage = wantsUsage ? usageObject(counts) : null;
  const reply = {
    id: `gen-fake-${Date.now()}`,
    model: String(body.model ?? 'fake/model'),
    content,
    finishReason,
    usage,
    local,
  };
  if (!body.stream)
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      pieces: [completionBody(reply)],
    };
  return {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
    pieces: streamFrames(reply),
  };
}

/** Every marker of the request, as text, so an answer can carry them into a repair request. */
function markerText(markers) {
  return [...markers].map(([name, value]) => (value ? `[[${name}:${value}]]` : `[[${name}]]`));
}

/**
 * The answer's text: one card, `{"results": [...]}` for several memories, a repair, or a broken
 * answer on request. `[[bad-card]]`: a valid reply with an invalid card; `[[bad-json]]`: JSON that
 * does not parse. Both carry the request's markers, so the Worker's repair call carries them too,
 * and `[[repair-fails]]` then makes the repair fail as well.
 */
function answerText(body, markers) {
  const userText = lastUserText(body);
  if (systemText(body).startsWith('You repair JSON')) return repairText(userText, markers);
  const prompt = parseCatalogPrompt(userText);
  if (prompt.memories.length > 1) {
    const results = prompt.memories.map((memory) => ({
      id: memory.id,
      ...deterministicAnswer({ memory, related: prompt.related }),
    }));
    return JSON.stringify({ results: markers.has('skip-last') ? results.slice(0, -1) : results });
  }
  const answer = deterministicAnswer(prompt);
  if (markers.has('bad-card'))
    return JSON.stringify({ ...answer, hall: 'attic', keywords: markerText(markers) });
  if (markers.has('bad-json'))
    return `Here is the card: {"reply": ${JSON.stringify(answer.reply)}, "title": ${JSON.stringify(markerText(markers).join(' '))}`;
  return JSON.stringify(answer);
}

/** A repair: keeps the broken answer's reply, fills the card from it; `[[repair-fails]]` fails. */
function repairText(userText, markers) {
  if (markers.has('repair-fails')) return 'Sorry, I cannot fix that.';
  const broken = /<broken_answer>\n([\s\S]*)\n<\/broken_answer>/.exec(userText)?.[1] ?? userText;
  const replyMatch = /"reply"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(broken);
  const reply = replyMatch ? JSON.parse(replyMatch[1]) : null;
  const answer = deterministicAnswer({ memory: { text: reply ?? broken } });
  return JSON.stringify(reply ? { ...answer, reply } : answer);
}

/** Applies the transport markers and writes the pieces, stopping if the client goes away. */
export async function send(res, reply, markers) {
  let pieces = reply.pieces.map((piece) => Buffer.from(piece));
  if (markers.has('crlf'))
    pieces = pieces.map((piece) => Buffer.from(piece.toString('utf8').replace(/\r?\n/g, '\r\n')));
  const chunkSize = Number(markers.get('chunk'));
  if (chunkSize > 0) {
    const whole = Buffer.concat(pieces);
    pieces = [];
    for (let offset = 0; offset < whole.length; offset += chunkSize)
      pieces.push(whole.subarray(offset, offset + chunkSize));
  }
  const delay = Number(markers.get('slow') ?? 0) || 0;
  let isClosed = false;
  res.on('close', () => (isClosed = true));
  res.socket?.setNoDelay(true);
  res.writeHead(reply.status, reply.headers);
  const hangAfter = markers.has('hang') ? Math.min(4, pieces.length) : Infinity;
  for (const [index, piece] of pieces.entries()) {
    if (isClosed) return;
    if (index === hangAfter) return hangUntilClosed(res, () => isClosed);
    res.write(piece);
    await new Promise((resolve) =>
      delay > 0 ? setTimeout(resolve, delay) : setImmediate(resolve),
    );
  }
  res.end();
}

/** `[[hang]]`: keeps the stream open (a stalled provider) until the client leaves, at most a minute. */
async function hangUntilClosed(res, isClosed) {
  const deadline = Date.now() + 60_000;
  while (!isClosed() && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  res.end();
}
