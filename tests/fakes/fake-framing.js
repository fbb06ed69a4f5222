// OpenRouter's wire framing for the fake's own answers: the same shapes as the fixtures in
// tests/fixtures/openrouter/, or LM Studio's plainer ones with `local`.

const CJK = /[\u3400-\u9fff\uac00-\ud7af\u3040-\u30ff]/u;

/** A rough token count, below the Worker's estimate (shared/token-estimate.ts) on purpose. */
export function estimateTokens(text) {
  let cjk = 0;
  let other = 0;
  for (const char of text) {
    if (CJK.test(char)) cjk += 1;
    else other += 1;
  }
  return cjk + Math.ceil(other / 4);
}

/**
 * Usage as OpenRouter reports it (cost, cache details), or as a local server does (counts only).
 * @param {{ promptTokens: number, completionTokens: number, cachedTokens: number, local: boolean }} counts
 */
export function usageObject({ promptTokens, completionTokens, cachedTokens, local }) {
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
  if (local) return usage;
  const cost =
    (promptTokens - cachedTokens) * 0.15e-6 + cachedTokens * 0.075e-6 + completionTokens * 0.6e-6;
  return {
    ...usage,
    cost: Number(cost.toFixed(8)),
    is_byok: false,
    prompt_tokens_details: { cached_tokens: cachedTokens, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
}

/** Splits text into about `parts` pieces at code points (so at arbitrary places inside JSON). */
export function splitText(text, parts) {
  const chars = Array.from(text);
  const size = Math.max(1, Math.ceil(chars.length / parts));
  const pieces = [];
  for (let index = 0; index < chars.length; index += size)
    pieces.push(chars.slice(index, index + size).join(''));
  return pieces;
}

/**
 * A non-streamed chat completion.
 * @param {{ id: string, model: string, content: string, finishReason: string, usage: object | null, local: boolean }} reply
 */
export function completionBody({ id, model, content, finishReason, usage, local }) {
  return JSON.stringify({
    id,
    ...(local ? {} : { provider: 'Fake' }),
    model,
    object: 'chat.completion',
    created: 1764400000,
    choices: [
      {
        index: 0,
        finish_reason: finishReason,
        ...(local ? {} : { native_finish_reason: finishReason, logprobs: null }),
        message: {
          role: 'assistant',
          content,
          ...(local ? {} : { refusal: null, reasoning: null }),
        },
      },
    ],
    ...(usage ? { usage } : {}),
  });
}

/**
 * A streamed chat completion as a list of SSE frames (each a complete event, blank line included).
 * @param {{ id: string, model: string, content: string, finishReason: string, usage: object | null, local: boolean }} reply
 */
export function streamFrames({ id, model, content, finishReason, usage, local }) {
  const chunk = (choices, extra = {}) =>
    `data: ${JSON.stringify({ id, ...(local ? {} : { provider: 'Fake' }), model, object: 'chat.completion.chunk', created: 1764400000, choices, ...extra })}\n\n`;
  const choice = (delta, reason = null) => ({
    index: 0,
    delta,
    finish_reason: reason,
    ...(local ? {} : { native_finish_reason: reason, logprobs: null }),
  });
  const comment = local ? [] : [': OPENROUTER PROCESSING\n\n'];
  const deltas = splitText(content, 6).map((piece) =>
    chunk([choice({ role: 'assistant', content: piece })]),
  );
  return [
    ...comment,
    ...comment,
    chunk([choice({ role: 'assistant', content: '' })]),
    ...deltas.slice(0, 3),
    ...comment,
    ...deltas.slice(3),
    chunk([choice({ content: '' }, finishReason)]),
    // OpenRouter puts usage beside an empty delta; local servers send `choices: []`.
    ...(usage ? [local ? chunk([], { usage }) : chunk([choice({ content: '' })], { usage })] : []),
    'data: [DONE]\n\n',
  ];
}
