import { z } from 'zod';
import { HALL_IDS, type HallId } from './hall-data.ts';

// The data lives in hall-data.ts (no zod, for the app's first screen); this module adds the schema.
export { HALLS, findHall, isHallId, type Hall, type HallId } from './hall-data.ts';

export const HallIdSchema = z.enum(HALL_IDS) satisfies z.ZodType<HallId>;
