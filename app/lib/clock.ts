/** The current time. State classes take a clock so tests can fix it; pure code takes a Date. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
