// GET load generator for B3/B4 reads and the hello-world baseline, in its own process. Reads one IPC message:
// { base, paths: [string], connections, duration, cookie?, rate? }; each connection requests the paths in turn.
// With `rate` the load is open-loop (autocannon's overallRate): latency at an offered rate, not by Little's law.
import autocannon from 'autocannon';

const { base, paths, connections, duration, cookie, rate } = await new Promise((resolve) =>
  process.once('message', resolve),
);
const r = await autocannon({
  url: base,
  connections,
  duration,
  ...(rate ? { overallRate: rate } : {}),
  requests: paths.map((p) => ({ method: 'GET', path: p, ...(cookie ? { headers: { cookie } } : {}) })),
});
process.send({
  average: r.requests.average,
  total: r.requests.total,
  non2xx: r.non2xx,
  errors: r.errors,
  status: r.statusCodeStats,
  p99: r.latency.p99,
  p50: r.latency.p50,
});
process.disconnect();
