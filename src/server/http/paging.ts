import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Page } from '../../core/shared/paging';

/**
 * Lists stay plain arrays (existing clients keep working); the paging travels in headers (ADR 0018's
 * cursor lists, issue #12): `X-Total-Count`, and on every page but the last `X-Next-Cursor` and a
 * `Link: <…>; rel="next"`.
 */
export function paged<T>(req: FastifyRequest, reply: FastifyReply, page: Page<T>): T[] {
  void reply.header('x-total-count', String(page.total));
  if (page.nextCursor) {
    const url = new URL(req.url, 'http://kindred.invalid');
    url.searchParams.set('before', page.nextCursor);
    void reply.header('x-next-cursor', page.nextCursor);
    void reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
  }
  return page.items;
}
