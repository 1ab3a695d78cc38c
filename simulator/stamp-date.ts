import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * Gives an answer the Date field `dateField` names for its status, in place of the one Node writes
 * itself (RFC 9110 §6.6.1); undefined sends none. Every answer's head goes through writeHead with a
 * status and headers, so wrapping it is the one place a mode's dates reach all of them.
 */
export function stampDate(response: ServerResponse, dateField: (status: number, now: Date) => string | undefined): void {
  const writeHead = response.writeHead.bind(response) as (status: number, headers?: OutgoingHttpHeaders) => ServerResponse;
  response.sendDate = false;
  response.writeHead = ((status: number, headers: OutgoingHttpHeaders = {}) => {
    const date = dateField(status, new Date());
    return writeHead(status, date === undefined ? headers : { ...headers, date });
  }) as ServerResponse['writeHead'];
}
