// Opens MLflow's UI in Debian's headless Chromium and reports what a person would see, as JSON.
// Usage: node mlflow-ui-check.mjs BASE_URL EXPERIMENT_ID LAST_STEP OUT_DIR
import { chromium } from 'playwright-core';

const [base, experimentId, lastStep, outDir] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
const report = {};

// MLflow's pages poll for updates, so "network idle" never comes: wait for what should appear.
async function settle(selector) {
  await page.waitForSelector(selector, { timeout: 30000 }).catch(() => {});
  await page.waitForTimeout(1500);
}

// Images the page shows: loaded <img> elements served from the run's artifacts.
async function loadedArtifactImages() {
  return page.locator('img').evaluateAll(imgs => imgs
    .filter(i => i.complete && i.naturalWidth > 0 && (i.getAttribute('src') || '').includes('get-artifact'))
    .map(i => ({ src: decodeURIComponent(i.getAttribute('src')), width: i.naturalWidth, height: i.naturalHeight })));
}

// 1. The experiment's runs table.
await page.goto(`${base}/#/experiments/${experimentId}/runs`);
await settle('text=matching runs');
report.runsTable = await page.locator('body').innerText();
await page.screenshot({ path: `${outDir}/1-runs-table.png` });

// 2. The chart view comparing the runs: loss charts first, then the image grid at step 0 and the last step.
await page.goto(`${base}/#/experiments/${experimentId}/runs?compareRunsMode=CHART`);
await settle('h4');
// MLflow renders only the cards in view and a run has many (losses, quality metrics, profile): find
// the loss charts with the chart search box, as a person would. The search filters metric charts;
// image cards stay, so searching for something no metric has brings the image grid into view.
const search = page.getByPlaceholder('Search metric charts');
await search.fill('loss');
await settle('h4:text-is("g_loss")');
report.lossHeadings = await page.locator('h4').allInnerTexts();
report.lossPlots = await page.locator('.js-plotly-plot').count();
await page.screenshot({ path: `${outDir}/2-chart-view-losses.png` });
await search.fill('samples');
await settle('img[src*="get-artifact"]');
report.searchedHeadings = await page.locator('h4').allInnerTexts();
report.imagesAtFirstStep = await loadedArtifactImages();
await page.screenshot({ path: `${outDir}/2-chart-view-step0.png` });
// Open the image grid full screen and click the right end of its step slider, as a person would.
await page.locator('h4:text-is("samples")')
  .locator('xpath=ancestor::div[.//button[@data-component-id="fullscreen_button_chartcard"]][1]')
  .locator('button[data-component-id="fullscreen_button_chartcard"]').first().click();
await page.waitForSelector('[role="dialog"] [role="slider"]', { timeout: 30000 });
const track = page.locator('[role="dialog"] span.TRACK').first();
const box = await track.boundingBox();
await page.mouse.click(box.x + box.width - 1, box.y + box.height / 2);
await settle(`img[src*="step%2B${lastStep}%2B"]`);
report.imagesAtLastStep = await loadedArtifactImages();
report.sliderValue = await page.locator('[role="dialog"] [role="slider"]').first().getAttribute('aria-valuenow');
await page.screenshot({ path: `${outDir}/3-chart-view-last-step.png` });

await browser.close();
console.log(JSON.stringify(report));
