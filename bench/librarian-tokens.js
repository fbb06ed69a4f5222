// Billed-equivalent input tokens of 50 realistic memories: our layout (static cached system prompt,
// notebook digest, compact related cards, the memory) against a naive one (the system prompt
// re-sent uncached with a date in it, whole related memories), per provider's cache pricing.
import { importTs } from './support/bundle-ts.js';
import { markdownTable, round } from './support/stats.js';

export const name = 'librarian-tokens';

/**
 * Tokens per Han character and Latin characters per token, per tokenizer family. OpenAI: measured
 * with o200k_base on our system prompt (gpt-tokenizer 3.4). Anthropic's tokenizer is not public:
 * cl100k_base measured on the same text, plus 15%. DeepSeek's tokenizer is Chinese-efficient.
 * Cache prices as multiples of the input price (reads; Anthropic also writes at 1.25×).
 */
const PROVIDERS = [
  { name: 'OpenAI gpt-4o-mini', han: 0.84, latin: 3.72, read: 0.5, write: 1, minCache: 1024 },
  { name: 'Anthropic Haiku 4.5', han: 1.52, latin: 3.23, read: 0.1, write: 1.25, minCache: 4096 },
  { name: 'DeepSeek V3.1', han: 0.6, latin: 3.7, read: 0.1, write: 1, minCache: 0 },
];
const MESSAGE_OVERHEAD = 4;

function tokens(text, provider) {
  let han = 0;
  let other = 0;
  for (const char of text) {
    if (/\p{Script=Han}/u.test(char)) han += 1;
    else other += 1;
  }
  return Math.ceil(han * provider.han + other / provider.latin);
}

/** 50 memories of 3–8 generated sentences each, with notebook lines and call numbers. */
function buildSequence(lib, count) {
  const random = lib.seededRandom(7);
  const sentences = lib.generateMemories(count * 8, 11).map((memory) => memory.text);
  return Array.from({ length: count }, (_, index) => {
    const length = 3 + Math.floor(random() * 6);
    const text = sentences.slice(index * 8, index * 8 + length).join(' ');
    return {
      id: `m-${index}`,
      text,
      writtenAt: `2026-11-${String(1 + (index % 28)).padStart(2, '0')}T21:00:00+08:00`,
      callNumber: `EVE-days-${String(index + 1).padStart(4, '0')}`,
      summary: Array.from(text).slice(0, 70).join(''),
    };
  });
}

const NOTEBOOK = [
  'Lin is my sister; she lives in Shanghai.',
  '外婆住在苏州，每年秋天做桂花糕。',
  'Prefers replies without advice.',
  'Writing a thesis on urban rivers; advisor is Dr. Wang.',
  '最近在练跑步，目标是十公里。',
  'Moved to a new flat in March.',
];

export async function run({ quick = false } = {}) {
  const lib = await importTs('bench/support/librarian-prompt.ts');
  const memories = buildSequence(lib, quick ? 20 : 50);
  const rows = [];
  for (const provider of PROVIDERS) {
    const system = tokens(lib.SYSTEM_PROMPT, provider) + MESSAGE_OVERHEAD;
    let ours = 0;
    let batched = 0;
    let naive = 0;
    let billedShare = 0;
    let ourShare = 0;
    let naiveShare = 0;
    memories.forEach((memory, index) => {
      const earlier = memories.slice(Math.max(0, index - 5), index);
      const entry = { id: memory.id, text: memory.text, writtenAt: memory.writtenAt };
      const user =
        tokens(lib.buildUserMessage({ entry, related: earlier, notebook: NOTEBOOK }), provider) +
        MESSAGE_OVERHEAD;
      const memoryTokens = tokens(memory.text, provider);
      // Ours: the static prefix is written once (first request), then read from the cache.
      const cached = system >= provider.minCache;
      const prefix = !cached
        ? system
        : index === 0
          ? system * provider.write
          : system * provider.read;
      ours += prefix + user;
      ourShare += memoryTokens / (system + user);
      billedShare += memoryTokens / (prefix + user);
      // Queued offline and sent 4 per request: the prefix is paid once per batch.
      batched += (index % 4 === 0 ? prefix : 0) + user;
      // Naive: a dated system prompt (never the same prefix twice) and whole related memories.
      const naiveUser =
        tokens(
          `Today is ${memory.writtenAt}.\nNotes: ${NOTEBOOK.join('\n')}\nEarlier memories:\n${earlier
            .map((other) => `${other.writtenAt}: ${other.text}`)
            .join('\n')}\nNew memory:\n${memory.text}`,
          provider,
        ) + MESSAGE_OVERHEAD;
      naive += system + naiveUser;
      naiveShare += memoryTokens / (system + naiveUser);
    });
    rows.push({
      provider: provider.name,
      'system prompt (tokens)': system,
      'naive billed (tokens)': Math.round(naive),
      'ours billed (tokens)': Math.round(ours),
      'ours / naive': `${round((ours / naive) * 100, 1)}%`,
      'ours, batches of 4 / naive': `${round((batched / naive) * 100, 1)}%`,
      'memory share of tokens sent, ours': `${round((ourShare / memories.length) * 100, 1)}%`,
      'memory share of tokens billed, ours': `${round((billedShare / memories.length) * 100, 1)}%`,
      'memory share of tokens sent, naive': `${round((naiveShare / memories.length) * 100, 1)}%`,
    });
  }
  return {
    title: `Librarian input tokens for ${memories.length} memories: our layout and caching vs naive (billed-equivalent)`,
    rows,
    table: markdownTable(rows),
  };
}
