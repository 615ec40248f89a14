// Lighthouse (npm, pinned in package.json) over a list of URLs in one Debian Chromium:
//   node lighthouse.mjs '["http://127.0.0.1:8000/", …]'
// prints {url: {scores: {category: score}, failing: [{id, category, title, score}]}} as JSON.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const urls = JSON.parse(process.argv[2]);
const categories = ["performance", "accessibility", "best-practices", "seo"];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const out = {};
try {
  for (const url of urls) {
    const { lhr } = await lighthouse(url, { port: chrome.port, logLevel: "error",
                                            onlyCategories: categories });
    const failing = [];
    for (const category of categories) {
      for (const ref of lhr.categories[category].auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failing.push({ id: ref.id, category, title: audit.title, score: audit.score });
        }
      }
    }
    out[url] = { scores: Object.fromEntries(categories.map(c => [c, lhr.categories[c].score])),
                 failing, runtimeError: lhr.runtimeError || null };
  }
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(out));
