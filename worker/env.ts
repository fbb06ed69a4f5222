import type { Gate } from './objects/gate.ts';
import type { Library } from './objects/library.ts';
import type { Pairing } from './objects/pairing.ts';

/** Bindings, vars and secrets of the Worker (DESIGN.md §6; vars come from wrangler.toml). */
export interface Env {
  ASSETS: Fetcher;
  LIBRARY: DurableObjectNamespace<Library>;
  GATE: DurableObjectNamespace<Gate>;
  PAIRING: DurableObjectNamespace<Pairing>;
  OPENROUTER_API_KEY?: string;
  LLM_BASE_URL: string;
  DEFAULT_MODEL: string;
  ALLOWED_MODELS: string;
  DAILY_TOKEN_BUDGET: string;
  MONTHLY_TOKEN_BUDGET: string;
  GLOBAL_DAILY_TOKEN_BUDGET: string;
  /** Optional USD cap per library per month, applied where the upstream reports cost. */
  MONTHLY_COST_BUDGET_USD?: string;
  /** Name of the Gate object; only tests and staging set it, to get a gate of their own. */
  GATE_NAME?: string;
  MAX_OUTPUT_TOKENS: string;
  OPEN_REGISTRATION: string;
  INVITE_CODES?: string;
}

export const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';

export interface Config {
  /** Without a trailing slash, so `${llmBaseUrl}/chat/completions` is always right. */
  llmBaseUrl: string;
  apiKey: string | null;
  /** OpenRouter gets its own request fields (usage accounting, provider routing). */
  isOpenRouter: boolean;
  /** Offline only when nothing could answer: OpenRouter without a key. */
  isLibrarianOnline: boolean;
  defaultModel: string;
  allowedModels: string[];
  dailyTokenBudget: number;
  monthlyTokenBudget: number;
  globalDailyTokenBudget: number;
  monthlyCostBudgetUsd: number | null;
  gateName: string;
  maxOutputTokens: number;
  isRegistrationOpen: boolean;
  inviteCodes: string[];
}

/** Turns the string vars into typed settings; a malformed var is the operator's bug, so it throws. */
export function readConfig(env: Env): Config {
  const llmBaseUrl = (env.LLM_BASE_URL?.trim() || OPENROUTER_BASE_URL).replace(/\/+$/, '');
  const apiKey = env.OPENROUTER_API_KEY?.trim() || null;
  const isOpenRouter = new URL(llmBaseUrl).hostname.endsWith('openrouter.ai');
  return {
    llmBaseUrl,
    apiKey,
    isOpenRouter,
    isLibrarianOnline: apiKey !== null || !isOpenRouter,
    defaultModel: env.DEFAULT_MODEL.trim(),
    allowedModels: splitList(env.ALLOWED_MODELS),
    dailyTokenBudget: positiveInteger('DAILY_TOKEN_BUDGET', env.DAILY_TOKEN_BUDGET),
    monthlyTokenBudget: positiveInteger('MONTHLY_TOKEN_BUDGET', env.MONTHLY_TOKEN_BUDGET),
    globalDailyTokenBudget: positiveInteger(
      'GLOBAL_DAILY_TOKEN_BUDGET',
      env.GLOBAL_DAILY_TOKEN_BUDGET,
    ),
    monthlyCostBudgetUsd: optionalAmount('MONTHLY_COST_BUDGET_USD', env.MONTHLY_COST_BUDGET_USD),
    gateName: env.GATE_NAME?.trim() || 'global',
    maxOutputTokens: positiveInteger('MAX_OUTPUT_TOKENS', env.MAX_OUTPUT_TOKENS),
    isRegistrationOpen: ['true', '1', 'on', 'yes'].includes(
      env.OPEN_REGISTRATION?.trim().toLowerCase() ?? '',
    ),
    inviteCodes: splitList(env.INVITE_CODES ?? ''),
  };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function positiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) {
    throw new Error(`${name} must be a non-negative integer`);
  }
  return number;
}

function optionalAmount(name: string, value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const amount = Number(value);
  if (!Number.isFinite(amount) || amount < 0)
    throw new Error(`${name} must be a non-negative number`);
  return amount;
}
