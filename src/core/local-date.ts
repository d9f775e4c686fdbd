/** When a date is given without a time, the deadline is the end of the office day. */
export const DEFAULT_DUE_HOUR = 17;
