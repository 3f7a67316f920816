import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Live updates to browsers (server-sent events). In-process fan-out of events that were committed to the
 * database: with several instances each one also polls for changes, so this is a push hint, not the record.
 */
export type TLiveEvent = { channel: string; event: string; data: unknown; filter?: (sub: TSubscriber) => boolean };
export type TSubscriber = {
  userId: string | null;
  role: string;
  departmentId: string | null;
  businessId: string | null;
  send(event: string, data: unknown): void;
};

export function createEventHub() {
  const channels = new Map<string, Set<TSubscriber>>();
  return {
    publish(e: TLiveEvent) {
      for (const s of channels.get(e.channel) ?? []) if (!e.filter || e.filter(s)) s.send(e.event, e.data);
    },
    /** Opens an SSE stream on the reply and keeps it until the client goes. */
    stream(req: FastifyRequest, reply: FastifyReply, channel: string) {
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 3000\n\n');
      const sub: TSubscriber = {
        userId: req.actor.id,
        role: req.actor.role,
        departmentId: req.actor.departmentId,
        businessId: req.actor.businessId,
        send: (event, data) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
      };
      const set = channels.get(channel) ?? new Set<TSubscriber>();
      channels.set(channel, set);
      set.add(sub);
      const ping = setInterval(() => raw.write(': ping\n\n'), 25_000);
      req.raw.on('close', () => {
        clearInterval(ping);
        set.delete(sub);
      });
    },
    close() {
      channels.clear();
    },
  };
}
export type TEventHub = ReturnType<typeof createEventHub>;
