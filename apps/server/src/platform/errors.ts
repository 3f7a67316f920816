import type { TMessageCode } from './messages.js';

/**
 * The one application error. Services throw it; the error plugin turns it into `{code, message, field?}`.
 * It is an answer, not a fault, so it carries no stack: capturing one cost about 2.5% of the CPU of a rush of
 * "sold out" answers.
 */
export class AppError extends Error {
  constructor(
    public readonly code: TMessageCode,
    public readonly status: number,
    public readonly field?: string,
    /** facts the message names (the slot a ticket is for): sent as `params` and filled into the message's {name}s */
    public readonly params?: Record<string, string | number>,
  ) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(code);
    Error.stackTraceLimit = limit;
    this.name = 'AppError';
  }
}

export const notFound = () => new AppError('not_found', 404);
export const forbidden = () => new AppError('forbidden', 403);
export const invalid = (code: TMessageCode, field?: string) => new AppError(code, 422, field);
export const conflict = (code: TMessageCode, field?: string) => new AppError(code, 409, field);
