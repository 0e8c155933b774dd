// Drives headless Chromium (Debian's, never a downloaded one) through the example
// site as a reader would, then runs axe-core on a few pages. Usage:
//   node browser.mjs BASE_URL SITE_DIR ARTIFACTS_DIR
import { chromium } from "playwright-core";
import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from "node:fs";
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

// Runs axe-core on the page as it is: no serious or critical violations.
async function axeCheck(label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length) fail(`axe ${label}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s)`).join("; ")}`);
  else pass(`axe ${label}: no serious or critical violations`);
}

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

// 4. Accessibility: axe-core on home, announcement, fallback, tag, kind and archive pages
// in en, zh, ar, and a withdrawn announcement with its change history (every page has the
// urgent banner: the server runs at a "now" when the example's urgent notice is on).
const paths = [
  "/",
  "/announcements/icann-oas-cyber-security/",
  "/announcements/fellowship-programme/",
  "/tags/security/",
  "/kinds/notice/",
  "/archive/",
  "/archive/2015/",
  "/announcements/dns-workshop-bogota/",
];
for (const lang of ["en", "zh", "ar"]) {
  for (const path of paths) {
    const url = path === "/" ? `${base}/${lang}/` : `${base}/${lang}${path}`;
    await page.goto(url);
    await axeCheck(`${url}`);
  }
}

// The withdrawn workshop, with the urgent banner, its withdrawal notice and its change
// history, in English and Arabic: screenshots to look at.
for (const lang of ["en", "ar"]) {
  await page.goto(`${base}/${lang}/announcements/dns-workshop-bogota/`);
  const parts = await page.evaluate(() => [".urgent", ".notice.withdrawn", "#history-heading"].map((s) => !!document.querySelector(s)));
  if (parts.includes(false)) fail(`${lang} withdrawn workshop: banner, notice, history present: ${parts}`);
  else pass(`${lang} withdrawn workshop shows the urgent banner, the notice and the history`);
  await page.screenshot({ path: `${artifacts}/${lang}-withdrawn.png`, fullPage: true });
}

// 5. Dark mode: the same pages under prefers-color-scheme: dark, axe again (contrast
// included); a screenshot of an announcement in dark mode.
await page.emulateMedia({ colorScheme: "dark" });
for (const lang of ["en", "zh", "ar"]) {
  for (const path of paths) {
    const url = path === "/" ? `${base}/${lang}/` : `${base}/${lang}${path}`;
    await page.goto(url);
    await axeCheck(`(dark) ${url}`);
  }
}
await page.goto(`${base}/en/announcements/idn-workshop/`);
const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
if (background !== "rgb(20, 24, 29)") fail(`dark mode background is ${background}`); else pass("dark mode: dark background");
await page.screenshot({ path: `${artifacts}/dark-announcement.png`, fullPage: true });
await page.emulateMedia({ colorScheme: "light" });
// 6. Search: one index per language; only real translations are found, in the page's
// language; the interface (header, language menu, notices) is not indexed.
const contentDir = `${siteDir}/content/announcements`;
// The pages of `lang` whose Markdown contains `word`: its own translations only.
function translationsContaining(lang, word) {
  const found = new Set();
  for (const entry of readdirSync(contentDir, { withFileTypes: true })) {
    const [file, name, source] = entry.isDirectory()
      ? [`${contentDir}/${entry.name}/index.${lang}.md`, entry.name, `${contentDir}/${entry.name}/index.en.md`]
      : entry.name.endsWith(`.${lang}.md`)
        ? [`${contentDir}/${entry.name}`, entry.name.slice(0, -`.${lang}.md`.length), `${contentDir}/${entry.name.slice(0, -`.${lang}.md`.length)}.en.md`]
        : [null];
    if (!file || !existsSync(file)) continue;
    const text = readFileSync(file, "utf8");
    if (!text.toLowerCase().includes(word.toLowerCase())) continue;
    const slugOf = (t) => (t.match(/^slug:\s*(\S+)\s*$/m) || [])[1];
    const slug = slugOf(text) || (existsSync(source) && slugOf(readFileSync(source, "utf8"))) || name.replace(/^\d{4}-\d{2}-\d{2}-/, "");
    found.add(`/${lang}/announcements/${slug}/`);
  }
  return found;
}
const digits = (text) => text.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0));
// Types `term` into the search box of /lang/search/ and waits for Pagefind's answer:
// how many results it reports, and the links of those it shows.
async function search(lang, term) {
  await page.goto(`${base}/${lang}/search/`);
  const input = page.locator("#search-box input");
  await input.waitFor({ timeout: 15000 });
  await input.fill(term);
  const searching = (await page.getAttribute("#search-box", "data-searching")).replace("[SEARCH_TERM]", term);
  await page.waitForFunction((searching) => {
    const m = document.querySelector("#search-box .pagefind-ui__message");
    return m && m.textContent.trim() !== "" && m.textContent.trim() !== searching;
  }, searching, { timeout: 15000 });
  // Each result's page (its title and excerpt) loads after the count.
  await page.waitForFunction(() => !document.querySelector("#search-box .pagefind-ui__loading"), null, { timeout: 15000 });
  const message = await page.locator("#search-box .pagefind-ui__message").textContent();
  const count = Number((digits(message).match(/\d+/) || ["0"])[0]);
  const links = await page.$$eval("#search-box .pagefind-ui__result-link", (as) => as.map((a) => a.getAttribute("href")));
  return { count, links, message: message.trim() };
}
const same = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));
{
  // A Chinese word finds the Chinese translations that contain it, and nothing else.
  const expected = translationsContaining("zh", "域名");
  const { count, links } = await search("zh", "域名");
  if (expected.size < 2) fail(`the example's zh translations should contain 域名 (found ${[...expected]})`);
  else if (count !== expected.size || !same(new Set(links), expected)) fail(`/zh/search/ 域名: ${count} results ${links}, expected ${[...expected]}`);
  else pass(`/zh/search/ 域名: exactly the ${count} zh translations that contain it`);
  await axeCheck(`/zh/search/ with results`);
}
{
  // An Arabic word on the Arabic search page: Arabic articles, right to left.
  const expected = translationsContaining("ar", "الشبكات");
  const { count, links } = await search("ar", "الشبكات");
  const arabic = translationsContaining("ar", "");
  if (!count || ![...expected].every((u) => links.includes(u)) || !links.every((u) => arabic.has(u))) fail(`/ar/search/ الشبكات: ${count} results ${links}, expected ${[...expected]} among the Arabic translations`);
  else pass(`/ar/search/ الشبكات: ${count} Arabic articles (${links.join(" ")})`);
  const dir = await page.evaluate(() => getComputedStyle(document.querySelector("#search-box")).direction);
  if (dir !== "rtl") fail(`the Arabic search box is ${dir}`); else pass("the Arabic search box is right to left");
  await axeCheck(`/ar/search/ with results`);
  await page.screenshot({ path: `${artifacts}/ar-search.png`, fullPage: true });
}
{
  // An English word on the English search page.
  const expected = translationsContaining("en", "fellowship");
  const english = translationsContaining("en", "");
  const { count, links } = await search("en", "fellowship");
  if (count !== expected.size || !links.every((u) => expected.has(u))) fail(`/en/search/ fellowship: ${count} results ${links}, expected ${[...expected]}`);
  else pass(`/en/search/ fellowship: the ${count} English announcements that contain it`);
  await axeCheck(`/en/search/ with results`);
  // A word only in an announcement that has no Chinese translation: found in English,
  // not on the Chinese search page (its Chinese page is a fallback with the English text).
  const only = translationsContaining("en", "allowance");
  const zhHas = translationsContaining("zh", "allowance");
  const inEnglish = await search("en", "allowance");
  const inChinese = await search("zh", "allowance");
  if (only.size !== 1 || zhHas.size) fail(`"allowance" should be in one untranslated English announcement only`);
  else if (inEnglish.count !== 1 || inChinese.count !== 0) fail(`"allowance": ${inEnglish.count} on /en/search/, ${inChinese.count} on /zh/search/ (${inChinese.message})`);
  else pass(`"allowance" (only in ${[...only]}): found on /en/search/, not on /zh/search/`);
  // The site's name and the language menu's "English" are on every page, but not indexed.
  const total = english.size;
  const title = await search("en", "Newsroom");
  const menu = await search("en", "English");
  // (Pagefind splits a word the index does not have into words it has: "Newsroom"
  // finds the pages that say "new", never all of them.)
  if (title.count >= total) fail(`the site's name matches ${title.count} of ${total} pages`);
  else if (menu.count >= total) fail(`"English" matches ${menu.count} of ${total} pages`);
  else pass(`the site's name matches ${title.count} of ${total} pages, "English" ${menu.count} (those that say it)`);
}
{
  // Without JavaScript, the search page says what to do.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const bare = await noScript.newPage();
  await bare.goto(`${base}/fr/search/`);
  const text = await bare.locator("main").innerText();
  const links = await bare.locator("main noscript a, main .notice a").count();
  if (!/JavaScript/.test(text) || !links) fail(`/fr/search/ without JavaScript: ${text}`);
  else pass("without JavaScript the search page explains and links to the lists");
  await noScript.close();
}

if (consoleErrors.length) fail(`console errors:\n  ${consoleErrors.join("\n  ")}`); else pass("no console errors on any visited page");
await browser.close();
if (failures.length) { console.error(`${failures.length} browser check(s) failed`); process.exit(1); }
