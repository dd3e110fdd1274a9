import { BadRequestError } from '../../shared/index.js';
import type { AppRequest } from './exchange.js';

/** Longest query value accepted; longer ones are a client error, not something to search for. */
export const MAX_PARAM_LENGTH = 256;

/**
 * Reads one query parameter: absent or empty gives undefined; a repeated or overlong one is a 400.
 * Controllers never read `URLSearchParams` directly, so every input gets these checks.
 */
export function stringParam(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1)
    throw new BadRequestError(`The parameter '${name}' was given more than once.`);
  const value = values[0]?.trim();
  if (value === undefined || value === '') return undefined;
  if (value.length > MAX_PARAM_LENGTH) {
    throw new BadRequestError(
      `The parameter '${name}' is longer than ${MAX_PARAM_LENGTH} characters.`,
    );
  }
  return value;
}

/** An integer parameter within [min, max]; anything else is a 400 naming the parameter. */
export function intParam(
  query: URLSearchParams,
  name: string,
  range: { min: number; max: number },
): number | undefined {
  const raw = stringParam(query, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < range.min || value > range.max) {
    throw new BadRequestError(
      `The parameter '${name}' must be a whole number from ${range.min} to ${range.max}.`,
    );
  }
  return value;
}

/** A decimal amount of money in dollars, as cents. */
export function moneyParam(query: URLSearchParams, name: string): number | undefined {
  const raw = stringParam(query, name);
  if (raw === undefined) return undefined;
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(raw)) {
    throw new BadRequestError(`The parameter '${name}' must be an amount such as 25 or 19.99.`);
  }
  return Math.round(Number(raw) * 100);
}

/** One of a fixed set of values. */
export function choiceParam<T extends string>(
  query: URLSearchParams,
  name: string,
  choices: readonly T[],
): T | undefined {
  const raw = stringParam(query, name);
  if (raw === undefined) return undefined;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new BadRequestError(`The parameter '${name}' must be one of: ${choices.join(', ')}.`);
  }
  return raw as T;
}

/** A positive integer path segment such as a product id; anything else names no resource. */
export function idSegment(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^[1-9]\d{0,9}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value <= 2_147_483_647 ? value : undefined;
}

/**
 * The fields of a form post (`application/x-www-form-urlencoded`), read with the same checks as
 * query parameters. Any other body is a 400 that says what to send.
 */
export function formParams(request: AppRequest): URLSearchParams {
  const type = String(request.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new BadRequestError('Forms must be sent as application/x-www-form-urlencoded.');
  }
  return new URLSearchParams(request.body.toString('utf8'));
}
