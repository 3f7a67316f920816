import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

/** Subscribes to a server-sent-events stream and refreshes the given queries on each event: live, no reload. */
export function useLiveInvalidate(
  url: string | null,
  event: string,
  keys: unknown[][],
  onEvent?: (data: unknown) => void,
) {
  const qc = useQueryClient();
  // The latest keys and callback, without reopening the stream when a caller passes new array literals.
  const latest = useRef({ keys, onEvent });
  latest.current = { keys, onEvent };
  useEffect(() => {
    if (!url) return;
    const es = new EventSource(url, { withCredentials: true });
    const handler = (e: MessageEvent) => {
      for (const k of latest.current.keys) qc.invalidateQueries({ queryKey: k });
      try {
        latest.current.onEvent?.(JSON.parse(e.data));
      } catch {
        /* a keep-alive or malformed frame */
      }
    };
    es.addEventListener(event, handler as EventListener);
    return () => es.close();
  }, [url, event, qc]);
}
