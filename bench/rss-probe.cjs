/**
 * Preloaded into a child process (`node --require bench/rss-probe.cjs ...`): when the process exits,
 * writes its peak RSS (KB, from getrusage: native memory included) to $FUNNEL_BENCH_RSS_OUT.
 * Node cannot read a finished child's rusage, so the child reports its own.
 */
'use strict';
const fs = require('node:fs');

const out = process.env.FUNNEL_BENCH_RSS_OUT;
if (out) {
  process.on('exit', () => {
    fs.writeFileSync(out, String(process.resourceUsage().maxRSS));
  });
}
