#!/usr/bin/env node
// The course in a real browser: the classic Jupyter Notebook UI in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core; no browser is downloaded).
//
// Usage (from the repository root; ./course test runs it):
//   node tools/browser/notebook_test.js [--notebooks 00-setup,04-optimizers] [--out build/browser-test]
//                                       [--book build/book]
// For each notebook of NOTEBOOKS below (or --notebooks): Kernel > Restart & Run All, then every code
// cell ran (In [1] .. In [N]), no error output, every image rendered, closing checks printed. Where
// the list says so, the stop button then interrupts a running cell (a spinning loop, or a training
// run while its live progress plot updates) and the next cell still runs. With --book: every book
// page renders offline (images, MathJax) without a single network request. Screenshots go to --out.
// Starts its own Jupyter server (own port, token, runtime and kernelspec folders) on copies of the
// notebooks, so neither a running lab nor the committed notebooks are touched.
// Prints PASS/FAIL lines and ends with 'N passed, N failed'. Env: DLCOURSE_JUPYTER, DLCOURSE_CHROMIUM,
// DLCOURSE_SMOKE (passed to the kernel untouched).
'use strict';
const { chromium } = require('playwright-core');
const { spawn, execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const JUPYTER = process.env.DLCOURSE_JUPYTER || '/usr/bin/jupyter';
const CHROMIUM = process.env.DLCOURSE_CHROMIUM || '/usr/bin/chromium';
const RUN_ALL_TIMEOUT_MS = 900_000;
const results = [];

// The notebooks the browser test runs, in this order: one line each, so a new lesson is one more
// line. `stop` (optional) is what the stop button interrupts after Run All:
//   'loop'     a spinning Java loop; the next cell sees the loop's variable;
//   'training' a long Trainer.fit with live progress, stopped once its plot has updated; the next
//              cell evaluates the half-trained model (needs `train` and `validation` from the lesson).
// Smoke mode keeps the whole stage at a few minutes: 00 ~ 15 s, 02 ~ 15 s, 04 ~ 40 s to Run All.
const NOTEBOOKS = [
  { name: '00-setup', stop: 'loop' },
  { name: '02-perceptron' },
  { name: '04-optimizers', stop: 'training' },
];

function record(name, ok, reason) {
  results.push(ok);
  console.log((ok ? 'PASS ' : 'FAIL ') + name + (ok ? '' : ': ' + reason));
}

function options() {
  const o = { notebooks: NOTEBOOKS.map((n) => n.name), out: path.join(ROOT, 'build', 'browser-test'), book: null };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in o) || argv[i + 1] === undefined) {
      throw new Error(`unknown option ${argv[i]}; usage: notebook_test.js [--notebooks A,B] [--out DIR] [--book DIR]`);
    }
    o[key] = key === 'notebooks' ? argv[i + 1].split(',') : path.resolve(argv[i + 1]);
  }
  return o;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
    server.on('error', reject);
  });
}

// ------------------------------------------------------------------ the Jupyter server

async function startServer(scratch, notebooks) {
  const dir = path.join(scratch, 'notebooks');
  fs.mkdirSync(dir, { recursive: true });
  for (const nb of notebooks) fs.copyFileSync(path.join(ROOT, 'notebooks', nb + '.ipynb'), path.join(dir, nb + '.ipynb'));
  execFileSync('bash', [path.join(ROOT, 'kernel', 'install-kernelspec.sh'), path.join(scratch, 'jupyter', 'kernels')],
    { stdio: 'ignore' });
  const port = await freePort();
  const token = crypto.randomBytes(16).toString('hex');
  const env = {
    ...process.env,
    JUPYTER_PATH: path.join(scratch, 'jupyter'),
    JUPYTER_RUNTIME_DIR: path.join(scratch, 'runtime'),
    JUPYTER_CONFIG_DIR: path.join(scratch, 'config'),
    DLCOURSE_HOME: ROOT, // the copies live outside the repository: the library finds datasets/ here
  };
  const args = ['notebook', '--no-browser', '--ip=127.0.0.1', `--port=${port}`, `--NotebookApp.token=${token}`,
    `--notebook-dir=${dir}`, '--NotebookApp.port_retries=0'];
  if (process.getuid && process.getuid() === 0) args.push('--allow-root');
  const log = fs.openSync(path.join(scratch, 'server.log'), 'w');
  const server = spawn(JUPYTER, args, { env, stdio: ['ignore', log, log], detached: true });
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (Date.now() - started < 120_000 && server.exitCode === null) {
    try {
      const r = await fetch(`${base}/api/status`, { headers: { Authorization: `token ${token}` } });
      if (r.ok) return { server, base, token };
    } catch (e) { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Jupyter did not answer on ${base} (exit ${server.exitCode}); see ${scratch}/server.log`);
}

function stopServer(server) {
  try { process.kill(-server.pid, 'SIGTERM'); } catch (e) { /* already gone */ }
}

// ------------------------------------------------------------------ reading the notebook page

// Every code cell's prompt ("In [3]:", "In [*]:", "In [ ]:"), in order.
const prompts = (page) => page.$$eval('#notebook .code_cell .input_prompt', (els) => els.map((e) => e.innerText.trim()));

async function kernelIdle(page) {
  return page.$eval('#kernel_indicator_icon', (e) => e.classList.contains('kernel_idle_icon')).catch(() => false);
}

async function waitForRunAll(page, nb) {
  const started = Date.now();
  let stableSince = null;
  while (Date.now() - started < RUN_ALL_TIMEOUT_MS) {
    const p = await prompts(page);
    const running = p.some((t) => t.includes('*'));
    if (!running && (await kernelIdle(page)) && p.some((t) => /\d/.test(t))) {
      stableSince = stableSince || Date.now();
      if (Date.now() - stableSince > 2000) return (Date.now() - started) / 1000;
    } else {
      stableSince = null;
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`${nb} did not finish within ${RUN_ALL_TIMEOUT_MS / 1000} s`);
}

async function restartAndRunAll(page) {
  await page.click('#kernellink');
  await page.click('#restart_run_all > a');
  await page.click('.modal-dialog button:has-text("Restart and Run All Cells")');
}

async function testNotebook(page, o, server, nb) {
  await page.goto(`${server.base}/notebooks/${nb}.ipynb?token=${server.token}`);
  await page.waitForSelector('#kernel_indicator_icon.kernel_idle_icon', { timeout: 180_000 });
  await restartAndRunAll(page);
  const seconds = await waitForRunAll(page, nb);
  await page.screenshot({ path: path.join(o.out, `${nb}-after-run-all.png`) });

  const p = await prompts(page);
  const counts = p.map((t) => (t.match(/\[(\d+)\]/) || [])[1]).map(Number);
  const expected = p.map((_, i) => i + 1);
  record(`${nb}: Restart & Run All ran every code cell in order (${p.length} cells, ${seconds.toFixed(0)} s)`,
    JSON.stringify(counts) === JSON.stringify(expected), `prompts ${JSON.stringify(p)}`);

  const errors = await page.$$eval('#notebook .output_error', (els) => els.map((e) => e.innerText.slice(0, 300)));
  record(`${nb}: no cell shows an error`, errors.length === 0, errors.join(' | '));

  const images = await page.$$eval('#notebook .output_png img',
    (els) => els.map((e) => ({ done: e.complete, w: e.naturalWidth, h: e.naturalHeight })));
  const blank = images.filter((i) => !i.done || i.w === 0 || i.h === 0);
  record(`${nb}: every figure rendered (${images.length} images)`, images.length > 0 && blank.length === 0,
    `${images.length} images, ${blank.length} not rendered`);
  if (images.length > 0) {
    await page.locator('#notebook .output_png img').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(o.out, `${nb}-figure.png`) });
  }

  const output = await page.$eval('#notebook', (e) => e.innerText);
  const checks = output.split('\n').filter((l) => l.startsWith('PASS ')).length;
  record(`${nb}: the closing checks printed PASS (${checks} lines)`, checks > 0, 'no PASS line in the outputs');
  const stop = (NOTEBOOKS.find((n) => n.name === nb) || {}).stop;
  if (stop === 'loop') await testStopLoop(page, o, nb);
  if (stop === 'training') await testStopTraining(page, o, nb);
}

// ------------------------------------------------------------------ the stop button

async function addCell(page, code) {
  await page.click('#notebook .cell:last-child .input_area'); // select the last cell
  await page.keyboard.press('Escape'); // command mode
  await page.click('#insertlink');
  await page.click('#insert_cell_below > a');
  await page.click('#notebook .cell:last-child .CodeMirror');
  await page.keyboard.type(code); // CodeMirror closes brackets; typed closers step over them
  return page.evaluate(() => Jupyter.notebook.get_selected_cell().get_text());
}

const lastCell = (page) => page.locator('#notebook .cell:last-child');

async function runLastCell(page) {
  await page.click('#notebook .cell:last-child .CodeMirror');
  await page.click('button[data-jupyter-action="jupyter-notebook:run-cell-and-select-next"]');
}

// The cell just run by runLastCell: run-cell-and-select-next adds an empty cell below the last one,
// so the cell that runs is second to last.
async function ranCell(page) {
  return page.locator('#notebook .code_cell').nth((await prompts(page)).length - 2);
}

// Clicks stop; the interrupted cell's error output says so.
async function stopAndRead(page, cell) {
  await page.click('button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]');
  try {
    await cell.locator('.output_error').waitFor({ timeout: 30_000 });
    return (await cell.locator('.output_error').innerText()).trim();
  } catch (e) {
    return ''; // reported by the caller
  }
}

// Types `code` into a new last cell, runs it and returns its first output's text.
async function runAndRead(page, code, timeout) {
  await addCell(page, code);
  await runLastCell(page);
  const cell = await ranCell(page);
  try {
    await cell.locator('.output_area').first().waitFor({ timeout });
    return (await cell.locator('.output_subarea').first().innerText()).trim();
  } catch (e) {
    return ''; // reported by the caller
  }
}

async function testStopLoop(page, o, nb) {
  const loop = 'long spins = 0;\nwhile (true) { spins++; }';
  const typed = await addCell(page, loop);
  if (typed !== loop) return record(`${nb}: a new cell takes typed code`, false, `the cell holds ${JSON.stringify(typed)}`);
  await runLastCell(page);
  const loopCell = await ranCell(page);
  await loopCell.locator('.input_prompt:has-text("*")').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(2000); // the loop is spinning
  const busy = !(await kernelIdle(page));
  const message = await stopAndRead(page, loopCell);
  await page.screenshot({ path: path.join(o.out, `${nb}-interrupted.png`) });
  record(`${nb}: the stop button interrupts a running cell ("${message.split('\n')[0]}")`,
    busy && /interrupt/i.test(message), `kernel busy before the click: ${busy}; output: ${JSON.stringify(message)}`);

  const result = await runAndRead(page, 'spins > 0', 60_000);
  record(`${nb}: after the stop the next cell runs and sees the loop's state (spins > 0 -> ${result})`,
    result === 'true', `output ${JSON.stringify(result)}`);
}

// The live progress figure of the running cell: the data: URL of its image, or null before the first.
const liveFigure = (cell) => cell.locator('.output_png img').first().getAttribute('src', { timeout: 1000 }).catch(() => null);

async function testStopTraining(page, o, nb) {
  // far more epochs than the test waits for: the stop button ends it
  const fit = 'Model live = Models.mlp(784, 32, 10);\n'
    + 'History liveHistory = Trainer.builder().numEpochs(10_000).batchSize(64).build().fit(live, train, validation);';
  await addCell(page, fit);
  await runLastCell(page);
  const cell = await ranCell(page);
  // live progress: a progress line, then a training-curve figure redrawn after every epoch
  const figures = new Set();
  const started = Date.now();
  while (Date.now() - started < 120_000 && figures.size < 3) {
    const src = await liveFigure(cell);
    if (src) figures.add(src);
    await page.waitForTimeout(250);
  }
  const progressLine = (await cell.locator('.output_text').first().innerText({ timeout: 1000 }).catch(() => '')).trim();
  await cell.locator('.output_png img').first().scrollIntoViewIfNeeded().catch(() => {});
  await page.screenshot({ path: path.join(o.out, `${nb}-live-progress.png`) });
  const busy = !(await kernelIdle(page));
  record(`${nb}: a training cell shows live progress ("${progressLine.split('\n')[0].slice(0, 60)}", ${figures.size} successive figures)`,
    busy && figures.size >= 3 && /epoch \d+\/10000/.test(progressLine),
    `kernel busy: ${busy}; distinct figures seen: ${figures.size}; progress line ${JSON.stringify(progressLine)}`);

  const message = await stopAndRead(page, cell);
  await page.screenshot({ path: path.join(o.out, `${nb}-training-interrupted.png`) });
  record(`${nb}: the stop button interrupts training ("${message.split('\n')[0]}")`, busy && /interrupt/i.test(message),
    `kernel busy before the click: ${busy}; output: ${JSON.stringify(message)}`);

  // the half-trained model is usable: it beats chance (0.1) by far after a few epochs
  const accuracy = await runAndRead(page, 'Evaluation.of(live, validation).accuracy()', 120_000);
  record(`${nb}: after the stop the next cell evaluates the half-trained model (validation accuracy ${accuracy})`,
    Number(accuracy) > 0.5, `output ${JSON.stringify(accuracy)}`);
}

// ------------------------------------------------------------------ the book, offline

async function testBook(browser, o) {
  const index = path.join(o.book, 'index.html');
  if (!fs.existsSync(index)) return record('the book renders offline', false, `no ${index}; run ./course book first`);
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const remote = [];
  const failed = [];
  page.on('request', (r) => { if (!/^(file|data):/.test(r.url())) remote.push(r.url()); });
  page.on('requestfailed', (r) => failed.push(r.url()));
  await page.goto('file://' + index);
  const links = await page.$$eval('table a', (els) => els.map((e) => e.getAttribute('href')));
  await page.screenshot({ path: path.join(o.out, 'book-index.png') });
  let mathPages = 0;
  for (const link of links) {
    await page.goto('file://' + path.join(o.book, link));
    // MathJax 2 turns every formula into a script[type^="math/tex"] and a rendered .MathJax_CHTML.
    await page.waitForFunction(() => !window.MathJax || (MathJax.Hub && MathJax.Hub.queue.pending === 0
      && !MathJax.Hub.queue.running && document.querySelectorAll('.MathJax_Processing').length === 0),
    null, { timeout: 60_000 }).catch(() => {});
    const state = await page.evaluate(() => ({
      mathjax: !!window.MathJax,
      formulas: document.querySelectorAll('script[type^="math/tex"]').length,
      rendered: document.querySelectorAll('.MathJax_CHTML').length,
      mathErrors: document.querySelectorAll('.MathJax_Error, merror').length,
      images: [...document.images].map((i) => i.naturalWidth > 0 && i.naturalHeight > 0),
    }));
    if (state.formulas > 0) mathPages += 1;
    const blank = state.images.filter((ok) => !ok).length;
    record(`book ${link}: ${state.images.length} images and ${state.rendered} of ${state.formulas} formulas rendered offline`,
      state.mathjax && blank === 0 && state.rendered === state.formulas && state.mathErrors === 0,
      `MathJax loaded: ${state.mathjax}, ${blank} blank images, ${state.mathErrors} math errors`);
    if (mathPages === 1 && state.formulas > 0) {
      await page.locator('.MathJax_CHTML').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(o.out, 'book-math.png') });
    }
  }
  record(`the book loads nothing from the network and nothing fails to load (${links.length} lessons)`,
    links.length > 0 && remote.length === 0 && failed.length === 0,
    `lessons ${links.length}; network: ${remote.slice(0, 3)}; failed: ${failed.slice(0, 3)}`);
  record('some book page shows LaTeX typeset by MathJax', mathPages > 0, 'no page has a formula');
  await page.close();
}

// ------------------------------------------------------------------ main

async function main() {
  const o = options();
  fs.mkdirSync(o.out, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dlcourse-browser-test-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  let server = null;
  try {
    if (o.book) await testBook(browser, o);
    server = await startServer(scratch, o.notebooks);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (d) => d.accept()); // "leave page?" prompts
    for (const nb of o.notebooks) {
      try {
        await testNotebook(page, o, server, nb);
      } catch (e) {
        record(`${nb}: the notebook runs in the browser`, false, e.message.split('\n')[0]);
        await page.screenshot({ path: path.join(o.out, `${nb}-failure.png`) }).catch(() => {});
      }
    }
  } catch (e) {
    record('the browser test runs', false, e.message.split('\n')[0]);
  } finally {
    await browser.close();
    if (server) stopServer(server.server);
  }
  const failed = results.filter((ok) => !ok).length;
  if (!failed) fs.rmSync(scratch, { recursive: true, force: true }); // kept on failure: server.log says why
  else console.log(`(server log and notebook copies kept in ${scratch})`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => { console.error(e); console.log('0 passed, 1 failed'); process.exitCode = 1; });
