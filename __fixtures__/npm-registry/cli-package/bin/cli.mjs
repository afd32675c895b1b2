#!/usr/bin/env node
// A fake agent CLI as published to the fake npm registry: runs the shared fake CLI core named in ../fixture.json,
// which the registry writes into each package it packs (an installed package cannot find __fixtures__ otherwise).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const { cli, core } = JSON.parse(readFileSync(new URL('../fixture.json', import.meta.url), 'utf8'));
const { main } = await import(pathToFileURL(core).href);
await main(cli);
