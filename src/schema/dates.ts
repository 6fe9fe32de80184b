/**
 * A YYYY-MM-DD calendar date (the run date, a price's asOf): month 01–12, day 01–31. `isoDateSchema` is
 * this pattern; code that only tests a string uses it directly, without building a zod schema.
 */
export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
