/**
 * Defaults of the procedure's local rules (procedure_rules). Neither number comes from a seed or a law: they are a
 * prefecture's choice, shown as such on the admin screen. A day to send back a wrong dispatch; two returns, after
 * which the command center decides where the order belongs.
 */
export const DEFAULT_PROCEDURE_RULES = { returnWindowHours: 24, maxReturns: 2, autoCloseDays: 7 } as const;
/** autoCloseDays: a resolved order its portal tourist has not rated closes as not rated after this many days */
export type TProcedureRules = { returnWindowHours: number; maxReturns: number; autoCloseDays: number };
