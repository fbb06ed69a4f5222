/**
 * Limits of the notebook digest a catalog request carries. Free of zod, so the app's notebook code
 * can use them without loading the schema library.
 */

/** Most kept notebook lines one request carries, and the longest line. */
export const MAX_NOTEBOOK_LINES = 30;
export const MAX_NOTEBOOK_LINE_CHARS = 200;
/** Most correction lines one request carries (the latest ones). */
export const MAX_CORRECTION_LINES = 20;
/** Most notebook notes the librarian may propose in one reply. */
export const MAX_PROPOSED_NOTES = 3;
