// Lighthouse (pinned in package-lock.json) on the example site, built with its base URL
// set to the local server so that canonical URLs are on the same host: the home page,
// a translated announcement, a fallback announcement and the tag index in en, zh and
// ar must score 100 in SEO, accessibility and best practices. Debian's Chromium
// (CHROME_PATH), never a downloaded browser. Usage:
//   node lighthouse.mjs BASE_URL ARTIFACTS_DIR
// (LIGHTHOUSE_PAGES=/en/,/zh/tags/ checks only those paths.)
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { writeFileSync, mkdirSync } from "node:fs";

const [base, artifacts] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });
const categories = ["seo", "accessibility", "best-practices"];
// The fallback page of each language: an announcement not translated into it.
const fallback = { en: "jornada-ciberseguridad-caribe", zh: "fellowship-programme", ar: "fellowship-programme" };
const pages = process.env.LIGHTHOUSE_PAGES ? process.env.LIGHTHOUSE_PAGES.split(",") : [];
for (const lang of pages.length ? [] : ["en", "zh", "ar"]) {
  pages.push(`/${lang}/`, `/${lang}/announcements/icann-oas-cyber-security/`,
    `/${lang}/announcements/${fallback[lang]}/`, `/${lang}/tags/`);
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const failures = [];
const summary = [];
try {
  for (const path of pages) {
    const url = base + path;
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: categories,
      // Scores of these categories do not depend on network speed. "simulate" loads the
      // page unthrottled (only performance metrics, not asked for, would be simulated)
      // and waits Lighthouse's usual 1 s of quiet; "provided" would wait 5.25 s, three
      // minutes over the twelve pages.
      throttlingMethod: "simulate",
    });
    const lhr = result.lhr;
    const scores = Object.fromEntries(categories.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
    summary.push({ path, scores });
    const line = categories.map((c) => `${c} ${scores[c]}`).join(", ");
    if (lhr.runtimeError) failures.push(`${path}: ${lhr.runtimeError.message}`);
    if (categories.some((c) => scores[c] < 100)) {
      const failed = categories
        .flatMap((c) => lhr.categories[c].auditRefs)
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual")
        .map((a) => a.id);
      failures.push(`${path}: ${line} (failing: ${[...new Set(failed)].join(", ")})`);
      console.error(`FAIL lighthouse ${path}: ${line} (failing: ${[...new Set(failed)].join(", ")})`);
    } else {
      console.log(`ok   lighthouse ${path}: ${line}`);
    }
  }
} finally {
  await chrome.kill();
}
writeFileSync(`${artifacts}/lighthouse.json`, JSON.stringify(summary, null, 1) + "\n");
if (failures.length) {
  console.error(`${failures.length} Lighthouse check(s) below 100`);
  process.exit(1);
}
