// Booking load generator for B1, B2 and B4, in its own process (as load-worker.mjs is for intake). Reads one IPC
// message: { url, connections, duration, tokens: ["token|csrf"], slots: [slotId], zipf?: number, party?: [min, max],
// tag: number, rate?: number }. With `rate` the load is open-loop: that many requests per second in all, whatever
// the answers' latency (autocannon's overallRate), so latency is measured at an offered rate, not by Little's law.
// Every request books fresh visitors (valid resident ID numbers never used before in this run's `tag`) with a
// fresh Idempotency-Key, as a real tourist would. Slots are picked uniformly, or Zipf-skewed
// (exponent `zipf`) by their position in `slots` when given.
import autocannon from 'autocannon';

const { url, connections, duration, tokens, slots, zipf, party, tag, rate } = await new Promise((resolve) =>
  process.once('message', resolve),
);

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const AREAS = ['530702', '530721', '530722', '530723', '530724'];
/** The n-th valid ID number of this tag: area, a birth date from 1900 on, 3-digit sequence, check character. */
function idNumber(n) {
  const seq = n % 1000;
  let d = Math.floor(n / 1000);
  const area = AREAS[d % AREAS.length];
  d = Math.floor(d / AREAS.length);
  const day = 1 + (d % 28);
  d = Math.floor(d / 28);
  const month = 1 + (d % 12);
  const year = 1900 + (Math.floor(d / 12) % 100);
  const body = `${area}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * W[i];
  return body + CHECK[sum % 11];
}

// Zipf: cumulative weights 1/k^s over the slots' positions.
let cumulative = null;
if (zipf) {
  cumulative = [];
  let total = 0;
  for (let k = 1; k <= slots.length; k++) {
    total += 1 / k ** zipf;
    cumulative.push(total);
  }
  cumulative = cumulative.map((c) => c / total);
}
function pickSlot() {
  if (!cumulative) return slots[Math.floor(Math.random() * slots.length)];
  const r = Math.random();
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < r) lo = mid + 1;
    else hi = mid;
  }
  return slots[lo];
}

let k = 0;
let n = tag * 2_000_000;
const [minParty, maxParty] = party ?? [1, 1];
const r = await autocannon({
  url,
  connections,
  duration,
  ...(rate ? { overallRate: rate } : {}),
  requests: [
    {
      method: 'POST',
      setupRequest: (req) => {
        const [token, csrf] = tokens[k % tokens.length].split('|');
        k++;
        const size = minParty + Math.floor(Math.random() * (maxParty - minParty + 1));
        const visitors = Array.from({ length: size }, (_, i) => ({ name: `游客${i + 1}`, idNumber: idNumber(n++) }));
        return {
          ...req,
          headers: {
            'content-type': 'application/json',
            cookie: `zl_session=${token}`,
            'x-csrf-token': csrf,
            'idempotency-key': `bench-${tag}-${k}`,
          },
          body: JSON.stringify({ slotId: pickSlot(), visitors }),
        };
      },
    },
  ],
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
