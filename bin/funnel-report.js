#!/usr/bin/env node
// Runs the bundled CLI, building it first when it is missing or older than the sources
// (so `npm install && npm start` works on a fresh clone).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const bundle = path.join(root, 'build', 'cli', 'funnel-report.js');
const src = path.join(root, 'src');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function isStale() {
  let built;
  try {
    built = fs.statSync(bundle).mtimeMs;
  } catch {
    return true;
  }
  // An installed package may ship the bundle without sources: then the bundle is what there is.
  if (!fs.existsSync(src)) return false;
  return newestMtime(src) > built;
}

if (isStale()) {
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    process.stderr.write('funnel-report: building the CLI failed (see above); is `npm install` done?\n');
    process.exit(1);
  }
}
require(bundle);
