#!/usr/bin/env node
// The `kg` command: runs the compiled CLI (build it with `npm run build`).
require('../dist/src/cli/kg.js');
