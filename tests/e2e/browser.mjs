// Drives headless Chromium (Debian's, never a downloaded one) through the example
// site as a reader would, then runs axe-core on a few pages. Usage:
//   node browser.mjs BASE_URL SITE_DIR ARTIFACTS_DIR
import { chromium } from "playwright-core";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";

const [base, siteDir, artifacts] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const failures = [];
const fail = (message) => { failures.push(message); console.error("FAIL " + message); };
const pass = (message) => console.log("ok   " + message);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
const page = await context.newPage();
const consoleErrors = [];
page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(`${page.url()}: ${m.text()}`); });
page.on("pageerror", (e) => consoleErrors.push(`${page.url()}: ${e.message}`));

// 1. From /en/ to an announcement, then to its Chinese version through the switcher.
await page.goto(`${base}/en/`);
const first = page.locator(".announcement-list h2 a").first();
const title = await first.textContent();
await first.click();
await page.waitForLoadState("load");
const enUrl = page.url();
if (!/\/en\/announcements\/[^/]+\/$/.test(enUrl)) fail(`following "${title}" led to ${enUrl}`); else pass(`/en/ → ${enUrl}`);
await page.screenshot({ path: `${artifacts}/en-announcement.png`, fullPage: true });
await page.locator('nav.language-menu a[hreflang="zh"]').click();
await page.waitForLoadState("load");
const zhUrl = page.url();
if (zhUrl !== enUrl.replace("/en/", "/zh/")) fail(`the 中文 link led to ${zhUrl}`); else pass(`switched to 中文: ${zhUrl}`);
const htmlLang = await page.getAttribute("html", "lang");
if (htmlLang !== "zh") fail(`zh page has lang=${htmlLang}`);
const translated = await page.locator('.versions a[hreflang="zh"]').count();
const notice = await page.locator(".notice").count();
if (!translated && !notice) fail("an untranslated zh page shows no fallback notice"); else pass(translated ? "zh page is a translation" : "zh fallback page shows its notice");
await page.screenshot({ path: `${artifacts}/zh-announcement.png`, fullPage: true });

// 2. Arabic: right to left, and the layout mirrors (site title on the right of the nav).
await page.goto(`${base}/ar/`);
const direction = await page.evaluate(() => getComputedStyle(document.documentElement).direction);
if (direction !== "rtl") fail(`Arabic direction is ${direction}`); else pass("Arabic computed direction: rtl");
const titleBox = await page.locator(".site-title").boundingBox();
const navBox = await page.locator(".site-nav").boundingBox();
if (!(titleBox && navBox && titleBox.x > navBox.x)) fail("Arabic header is not mirrored (title should be right of the navigation)"); else pass("Arabic header mirrors");
await page.screenshot({ path: `${artifacts}/ar-home.png`, fullPage: true });

// 3. Live reload: a content edit reloads an open page.
const target = `${base}/en/announcements/fellowship-programme/`;
await page.goto(target);
const file = `${siteDir}/content/announcements/2018-11-20-fellowship-programme.en.md`;
const original = readFileSync(file, "utf8");
await page.waitForTimeout(500);
const reloaded = page.waitForEvent("load", { timeout: 15000 }).then(() => true, () => false);
writeFileSync(file, original + "\nLive reload check.\n");
const didReload = await reloaded;
// Read the page before restoring the file: the restore reloads it again.
const reloadedText = didReload ? await page.content() : "";
writeFileSync(file, original);
if (!didReload) fail("a content edit did not reload the page");
else if (!reloadedText.includes("Live reload check.")) fail("the reloaded page does not show the edit");
else pass("live reload after a content edit");
await page.waitForTimeout(800);

// 4. Accessibility: axe-core on home, announcement, fallback and tag pages in en, zh, ar.
const paths = ["/", "/announcements/icann-oas-cyber-security/", "/announcements/fellowship-programme/", "/tags/security/"];
for (const lang of ["en", "zh", "ar"]) {
  for (const path of paths) {
    const url = path === "/" ? `${base}/${lang}/` : `${base}/${lang}${path}`;
    await page.goto(url);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    if (bad.length) fail(`axe ${url}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s)`).join("; ")}`);
    else pass(`axe ${url}: no serious or critical violations`);
  }
}

// 5. Dark mode: the same pages under prefers-color-scheme: dark, axe again (contrast
// included); a screenshot of an announcement in dark mode.
await page.emulateMedia({ colorScheme: "dark" });
for (const lang of ["en", "zh", "ar"]) {
  for (const path of paths) {
    const url = path === "/" ? `${base}/${lang}/` : `${base}/${lang}${path}`;
    await page.goto(url);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    if (bad.length) fail(`axe (dark) ${url}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s)`).join("; ")}`);
    else pass(`axe (dark) ${url}: no serious or critical violations`);
  }
}
await page.goto(`${base}/en/announcements/idn-workshop/`);
const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
if (background !== "rgb(20, 24, 29)") fail(`dark mode background is ${background}`); else pass("dark mode: dark background");
await page.screenshot({ path: `${artifacts}/dark-announcement.png`, fullPage: true });
await page.emulateMedia({ colorScheme: "light" });

if (consoleErrors.length) fail(`console errors:\n  ${consoleErrors.join("\n  ")}`); else pass("no console errors on any visited page");
await browser.close();
if (failures.length) { console.error(`${failures.length} browser check(s) failed`); process.exit(1); }
