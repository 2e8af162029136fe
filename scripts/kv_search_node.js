// Loads the browser's search code (lunr, lunr-languages, kv-search-core.js) from an assets
// folder into a Node context, as the page loads it; for the test harness and benchmarks.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const zlib = require("zlib");

const FILES = ["vendor/lunr.min.js", "vendor/lunr.stemmer.support.min.js", "vendor/lunr.nl.min.js", "kv-search-core.js"];

/* KvSearch (the search core's constructor) from `assets`. */
module.exports = function loadKvSearch(assets) {
  const context = { console };
  context.window = context;
  vm.createContext(context);
  for (const file of FILES) {
    vm.runInContext(fs.readFileSync(path.join(assets, file), "utf8"), context, { filename: file });
  }
  return context.KvSearch;
};

/* A search file of the site in `site` (path below search/) as JSON, unpacked as the browser does. */
module.exports.readSearchFile = function readSearchFile(site, file) {
  const data = fs.readFileSync(path.join(site, "search", file));
  return JSON.parse((data[0] === 0x1f && data[1] === 0x8b ? zlib.gunzipSync(data) : data).toString("utf8"));
};
