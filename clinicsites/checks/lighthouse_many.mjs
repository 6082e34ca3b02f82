// Audit several pages with one Lighthouse and one Chromium, so their start-up is paid once, not once a page.
// Usage: node lighthouse_many.mjs <chromium> <flags, space-separated> <categories, comma-separated> <out folder> <url>...
// Writes <out folder>/<n>.json, Lighthouse's report of the n-th URL (from 0).
import { writeFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const [chromePath, flags, categories, out, ...urls] = process.argv.slice(2);
// The pages are static and served from this machine: a quarter of a second of quiet says they are done, where
// Lighthouse waits a second by default. The scores are computed the same way (simulated mobile throttling).
const quiet = 250;
const config = {
  extends: "lighthouse:default",
  settings: { pauseAfterFcpMs: quiet, pauseAfterLoadMs: quiet, networkQuietThresholdMs: quiet, cpuQuietThresholdMs: quiet,
    disableFullPageScreenshot: true },  // a picture of the whole page, for the HTML report only
};
const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: flags.split(" ").filter(Boolean) });
try {
  for (const [n, url] of urls.entries()) {
    const flags = { port: chrome.port, output: "json", onlyCategories: categories.split(","), logLevel: "error" };
    const result = await lighthouse(url, flags, config);
    writeFileSync(`${out}/${n}.json`, result.report);
  }
} finally {
  await chrome.kill();
}
