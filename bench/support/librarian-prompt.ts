// The Worker's prompt builders, bundled for the token benchmark (Node 20 cannot import .ts).
export { SYSTEM_PROMPT } from '../../worker/librarian/system-prompt.ts';
export { buildUserMessage } from '../../worker/librarian/user-message.ts';
export { generateMemories, seededRandom } from '../generate-memories.ts';
