import type { CatalogStreamEvent } from '#shared/librarian';

export type SendEvent = (event: CatalogStreamEvent, data: unknown) => void;

/**
 * A text/event-stream response fed by `run`. When the client goes away, `onCancel` fires (to stop
 * the upstream) and later sends are dropped; `run` keeps going to its cleanup under waitUntil.
 */
export function sseResponse(
  run: (send: SendEvent) => Promise<void>,
  options: { onCancel: () => void; ctx: ExecutionContext },
): Response {
  const encoder = new TextEncoder();
  let isClosed = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
    },
    cancel() {
      isClosed = true;
      options.onCancel();
    },
  });
  const send: SendEvent = (event, data) => {
    if (isClosed) return;
    // JSON.stringify never emits a raw newline, so one `data:` line carries the whole payload.
    controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
  };
  const finished = run(send)
    .catch(() => console.error('stream run failed'))
    .finally(() => {
      if (isClosed) return;
      isClosed = true;
      controller.close();
    });
  options.ctx.waitUntil(finished);
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
