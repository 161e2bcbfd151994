// Preloaded into the bench's API process (`node --require dist/bench/lib/count-statements.js`) by
// `npm run bench:statements`: counts every statement the pg driver sends (BEGIN and COMMIT
// included) and keeps the text of the latest ones, served as JSON on 127.0.0.1 at
// BENCH_STATEMENTS_PORT. Never loaded by the product itself.
import http from 'node:http';
import { Client } from 'pg';

const KEEP = 200;
const port = Number(process.env.BENCH_STATEMENTS_PORT);
let count = 0;
const recent: string[] = [];

type Query = (...args: unknown[]) => unknown;
const prototype = Client.prototype as unknown as { query: Query };
const original = prototype.query;
prototype.query = function countedQuery(this: Client, ...args: unknown[]) {
  count++;
  const first = args[0] as string | { text?: string; name?: string } | undefined;
  const text = typeof first === 'string' ? first : (first?.text ?? first?.name ?? '?');
  recent.push(text.replace(/\s+/g, ' ').trim());
  if (recent.length > KEEP) recent.shift();
  return original.apply(this, args);
};

if (Number.isInteger(port) && port > 0) {
  http
    .createServer((req, res) => {
      if (req.url === '/reset') recent.length = 0;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ count, recent }));
    })
    .listen(port, '127.0.0.1')
    .unref();
}
