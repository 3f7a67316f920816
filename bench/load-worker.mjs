// The load generator in its own process: autocannon on the server's event loop would take the CPU it measures
// (and in a worker thread autocannon answers raw histograms). Reads one IPC message: { url, connections, duration, post?: { tokens: ["token|csrf"], texts: [string], tag: string } }
import autocannon from 'autocannon';

const { url, connections, duration, post } = await new Promise((resolve) => process.once('message', resolve));
let k = 0;
const requests = post
  ? [
      {
        method: 'POST',
        setupRequest: (req) => {
          const [token, csrf] = post.tokens[k % post.tokens.length].split('|');
          k++;
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              cookie: `zl_session=${token}`,
              'x-csrf-token': csrf,
              'idempotency-key': `bench-${post.tag}-${k}`,
            },
            body: JSON.stringify({ kind: 'complaint', text: post.texts[k % post.texts.length] }),
          };
        },
      },
    ]
  : undefined;
const r = await autocannon({ url, connections, duration, ...(requests ? { requests } : {}) });
process.send({
  average: r.requests.average,
  total: r.requests.total,
  non2xx: r.non2xx,
  errors: r.errors,
  status: r.statusCodeStats,
  p99: r.latency.p99,
});
process.disconnect();
