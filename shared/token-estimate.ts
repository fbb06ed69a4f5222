/**
 * An upper bound on the tokens a text costs, used to reserve budget before a call.
 * Real tokenizers spend 0.6–1.3 tokens per CJK character and about one per 4 Latin characters;
 * we take the high end of each so a reservation is never smaller than the real bill.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function estimateTokens(text: string): number {
  let cjk = 0;
  let other = 0;
  for (const char of text) {
    if (CJK.test(char)) cjk += 1;
    else other += 1;
  }
  return Math.ceil(cjk * 1.3 + other / 3);
}

/** Chat-format overhead per message (role markers and separators). */
export const MESSAGE_OVERHEAD_TOKENS = 8;

export function estimatePromptTokens(messages: { content: string }[]): number {
  return messages.reduce(
    (sum, message) => sum + estimateTokens(message.content) + MESSAGE_OVERHEAD_TOKENS,
    0,
  );
}
