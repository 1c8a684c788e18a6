// The web edition checked in a real browser: every page of each site folder
// given is loaded in headless Chromium, where axe-core must find no
// violation of WCAG 2.2 A and AA nor of its best practices, the page must
// not scroll sideways at 320 px, and no script from the tables may run.
//
//   node tests/web/check.mjs SITE_DIR… [--screenshots DIR]
//
// CHROMIUM names the browser (default: /usr/bin/chromium). Exit status 1
// when a page fails, with every problem listed.
import { readdirSync, mkdirSync } from "node:fs";
import { join, resolve, basename } from "node:path";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");

const args = process.argv.slice(2);
let screenshots = null;
const sites = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--screenshots") screenshots = args[++i];
  else sites.push(args[i]);
}
if (sites.length === 0) {
  console.error("usage: node tests/web/check.mjs SITE_DIR… [--screenshots DIR]");
  process.exit(2);
}

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
});
const problems = [];
let checked = 0;
try {
  for (const site of sites) {
    const pages = readdirSync(site).filter((f) => f.endsWith(".html")).sort();
    if (pages.length === 0) problems.push(`${site}: no page`);
    for (const name of pages) {
      const url = "file://" + resolve(join(site, name));
      const where = `${site}/${name}`;
      const page = await browser.newPage();
      page.on("dialog", (d) => {
        problems.push(`${where}: a dialog opened (« ${d.message()} »): text from the tables ran as code`);
        d.dismiss();
      });
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(url, { waitUntil: "load" });
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(
        (tags) => axe.run(document, { runOnly: { type: "tag", values: tags } }).then((r) => r.violations),
        TAGS,
      );
      for (const v of violations) {
        const targets = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ");
        problems.push(`${where}: axe ${v.id} (${v.impact}), ${v.nodes.length} element(s): ${v.help} [${targets}]`);
      }
      const injected = await page.evaluate(() => window.__interpel_injected !== undefined);
      if (injected) problems.push(`${where}: a script from the tables ran`);
      if (screenshots) {
        mkdirSync(screenshots, { recursive: true });
        const stem = `${basename(resolve(site, ".."))}-${name.replace(/\.html$/, "")}`;
        await page.screenshot({ path: join(screenshots, `${stem}-desktop.png`) });
      }
      for (const width of [320, 390]) {
        await page.setViewport({ width, height: 800, isMobile: true, hasTouch: true });
        const [scroll, client] = await page.evaluate(() => [
          document.documentElement.scrollWidth,
          document.documentElement.clientWidth,
        ]);
        if (scroll > client) problems.push(`${where}: scrolls sideways at ${width} px (${scroll} > ${client})`);
        if (screenshots && width === 390) {
          const stem = `${basename(resolve(site, ".."))}-${name.replace(/\.html$/, "")}`;
          await page.screenshot({ path: join(screenshots, `${stem}-phone.png`) });
        }
      }
      await page.close();
      checked++;
    }
  }
} finally {
  await browser.close();
}
for (const p of problems) console.error(p);
console.log(`web pages: ${checked} checked in Chromium with axe-core (${TAGS.join(", ")}) and at 320 px: ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
