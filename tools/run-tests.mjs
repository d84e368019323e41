// The test runner behind `make check`, `make test` and `make test-page`: runs the tiers in
// order, streams their output, stops at the first that fails, and ends with the time of each
// tier and the slowest ten tests (Catch2 cases from ctest's log, node tests from their TAP
// report), so a contributor sees where the time goes.
//
//   node tools/run-tests.mjs check            the fast tier: Catch2 without the slow cases, node tests
//   node tools/run-tests.mjs full             everything, both browsers (make test)
//   node tools/run-tests.mjs page NAME [firefox|chromium]   one page test file (make test-page)
//   node tools/run-tests.mjs loaded [ROUNDS] [chromium,firefox] [LOOPS]   the page passes on a loaded machine (make test-loaded)
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'build', 'test-reports');

// A tier: a name, a command, and where its per-test times are (a TAP file or ctest's output).
const make = (target) => ({ command: 'make', args: ['--no-print-directory', target] });
const ctest = (dir, extra = [], env = {}) => ({
  command: 'ctest', args: ['--test-dir', dir, '--output-on-failure', ...extra], env, times: 'ctest',
});
// Node test files are independent (each its own module instance and scratch directory): two at
// once on this machine's two cores. A page pass is one file (tests/web/pass.mjs).
const nodeTests = (name, files, env = {}, concurrency = 1) => {
  const tap = path.join(reports, `${name.replace(/\W+/g, '-')}.tap`);
  return {
    command: 'node',
    // The spec reporter for the reader, TAP (with each test's duration_ms) for the summary.
    args: ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
    env, times: tap,
  };
};

// Slow Catch2 cases carry the [slow] tag (the fuzzer, the long surveys): ctest label "slow".
const SANITIZER_ENV = { ASAN_OPTIONS: 'detect_leaks=0' };
const TIERS = {
  check: () => [
    { name: 'build (native, wasm, web, offline file)', ...make('check-build') },
    { name: 'Catch2, without [slow]', ...ctest('build/native', ['-LE', 'slow', '-j2']) },
    { name: 'node tests', ...nodeTests('node', ['tests/wasm/'], {}, 2) },
  ],
  // The Catch2 suite is built and run under ASan and UBSan in the background (niced, so the
  // foreground comes first): its build is the largest piece of CPU work of the run, and the
  // page passes and the web build leave a core idle much of the time. The timed page tests
  // assert the CPU time of each main-thread task, which a compiler beside them inflates (it
  // shares the caches and the memory bus: a CI run failed that way), so the background is
  // paused while they run (`quiet`). Its output is kept in build/test-reports/catch2.log and shown
  // when it fails. The Release suite is `make check`'s: every Catch2 case runs here under the
  // sanitizers, and the node tests compare the Release CLI with the wasm module bit for bit.
  full: () => [
    { name: 'install (apt, npm)', ...make('deps') },
    { name: 'build native CLI', ...make('cli') },
    {
      name: 'Catch2 under the sanitizers', background: path.join(reports, 'catch2.log'), steps: [
        { name: 'build sanitizer', ...make('sanitize-build'), nice: true },
        { name: 'Catch2 (ASan, UBSan)', ...ctest('build/sanitize', ['-j2'], SANITIZER_ENV), nice: true },
      ],
    },
    { name: 'build wasm and web', ...make('web') },
    { name: 'build offline file', command: 'node', args: ['tools/build-offline.mjs'] },
    // The page tests that time the main thread's tasks, alone on a quiet machine (node's
    // --test-only runs the tests whose option is timesTasks(); tests/web/browser.mjs).
    // The spec reporter names every test it leaves out ("# 'only' option not set"): 130 lines
    // that said nothing, so they are left out of the output (the TAP report keeps them).
    { name: 'pages in Chromium: the timed tests', ...nodeTests('chromium-timed', ['--test-only', 'tests/web/pass.mjs'], { LLL_PART: 'timed' }), quiet: true, dropLines: /# 'only' option not set$/ },
    // Then the rest at once: each browser's pass as two shares of the files (tests/web/pass.mjs,
    // LLL_SHARD: on a machine with more cores they run side by side; on two cores the run takes
    // as long as with one pass a browser) and the node tests (the load each puts on the others
    // is the load `make test-loaded` hunts races under).
    {
      together: [
        ...[1, 2].map((i) => ({ name: `pages in Chromium: the rest, share ${i} of 2`, ...nodeTests(`chromium-${i}`, ['tests/web/pass.mjs'], { LLL_PART: 'untimed', LLL_SHARD: `${i}/2` }) })),
        ...[1, 2].map((i) => ({ name: `pages in Firefox, share ${i} of 2`, ...nodeTests(`firefox-${i}`, ['tests/web/pass.mjs'], { LLL_BROWSER: 'firefox', LLL_SHARD: `${i}/2` }) })),
        { name: 'node tests', ...nodeTests('node', ['tests/wasm/']) },
      ],
      stopOnFailure: true,
    },
  ],
  // Hunting races: the page passes on a loaded machine, `rounds` times in each browser (make
  // test-loaded). `loops` busy loops (one per core unless told) run throughout (the `load` of
  // this kind), and the passes of a round run at once, each a further load on the others. Every round
  // runs, whatever the last gave, and each pass keeps its own TAP report.
  // With COMPILE=1, a niced clean build of the sanitizer suite runs in a loop besides: a
  // compiler's load on memory and caches is what CI's background build put beside the
  // Firefox pass, and it found races that busy loops alone never did.
  loaded: (rounds = '3', browsers = 'chromium,firefox', loops = String(availableParallelism()), compile = '0') => {
    const count = Number(rounds);
    if (!Number.isInteger(count) || count < 1 || count > 20) throw new Error(`ROUNDS: "${rounds}" is not a whole number from 1 to 20`);
    const chosen = browsers.split(',');
    if (!chosen.length || chosen.some((b) => !['chromium', 'firefox'].includes(b))) throw new Error(`BROWSERS: "${browsers}" is not chromium, firefox or both, separated by a comma`);
    const busy = Number(loops || availableParallelism());
    if (!Number.isInteger(busy) || busy < 0 || busy > 16) throw new Error(`LOOPS: "${loops}" is not a whole number from 0 to 16`);
    if (!['0', '1', ''].includes(compile)) throw new Error(`COMPILE: "${compile}" is not 0 or 1`);
    // A browser named twice runs two passes at once (told apart by a letter).
    const pass = (browser, round, j) => {
      const twice = chosen.filter((b) => b === browser).length > 1 ? ` ${'abcdefgh'[j]}` : '';
      return {
        name: `round ${round}: pages in ${browser === 'firefox' ? 'Firefox' : 'Chromium'}${twice}`,
        // Chromium without its timed tests, which `make test` runs alone on a quiet machine.
        ...nodeTests(`loaded-${browser}-${round}${twice.trim()}`, ['tests/web/pass.mjs'], { LLL_BROWSER: browser, LLL_PART: 'untimed' }),
      };
    };
    return [
      { name: 'build (wasm, web, offline file)', ...make('offline'), load: busy, compileLoad: compile === '1' },
      ...Array.from({ length: count }, (_, i) => ({ together: chosen.map((browser, j) => pass(browser, i + 1, j)) })),
    ];
  },
  page: (name, browser = 'chromium') => {
    if (!name) throw new Error('make test-page NAME=<file in tests/web without .test.mjs> [BROWSER=firefox]');
    const file = path.join('tests/web', `${name.replace(/\.test\.mjs$/, '')}.test.mjs`);
    if (!existsSync(path.join(root, file))) {
      const names = readdirSync(path.join(root, 'tests/web')).filter((f) => f.endsWith('.test.mjs')).map((f) => f.replace('.test.mjs', ''));
      throw new Error(`NAME: no ${file}; one of ${names.join(', ')}`);
    }
    if (!['chromium', 'firefox'].includes(browser)) throw new Error(`BROWSER: "${browser}" is not chromium or firefox`);
    return [
      { name: 'build (wasm, web)', ...make('web') },
      { name: `${name} in ${browser}`, ...nodeTests(`page-${name}-${browser}`, [file], { LLL_BROWSER: browser }) },
    ];
  },
};

// The background's process groups (a compiler's children among them), paused while a quiet
// tier runs: SIGSTOP holds every process of a group where it is, SIGCONT lets it go on.
const backgroundGroups = new Set();
// A group that has just ended is gone: nothing to signal.
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}
const gate = { resumed: Promise.resolve(), resume: () => {} };
function pauseBackground() {
  gate.resumed = new Promise((resolve) => { gate.resume = resolve; });
  for (const pid of backgroundGroups) signalGroup(pid, 'SIGSTOP');
}
function resumeBackground() {
  for (const pid of backgroundGroups) signalGroup(pid, 'SIGCONT');
  gate.resume();
}
// Interrupted: the background groups are not the terminal's, so they are ended here.
process.on('SIGINT', () => {
  for (const pid of backgroundGroups) {
    signalGroup(pid, 'SIGCONT');
    signalGroup(pid, 'SIGTERM');
  }
  process.exit(130);
});

// Runs one tier, its output passed through (or written to `log`), and kept when its times
// are in it. A niced step is background work: its own process group, so it can be paused.
function run(tier, log = null) {
  return new Promise((resolve) => {
    // A niced step (background work) yields the cores to the foreground.
    const [command, args] = tier.nice ? ['nice', ['-n', '10', tier.command, ...tier.args]] : [tier.command, tier.args];
    const child = spawn(command, args, {
      cwd: root, env: { ...process.env, ...tier.env }, stdio: ['ignore', 'pipe', log ? 'pipe' : 'inherit'], detached: Boolean(tier.nice),
    });
    if (tier.nice) {
      backgroundGroups.add(child.pid);
      child.on('exit', () => backgroundGroups.delete(child.pid));
    }
    let output = '';
    const write = (chunk) => (log ? appendFileSync(log, chunk) : process.stdout.write(chunk));
    // Whole lines when some are dropped (a chunk may end inside one).
    let partial = '';
    const filtered = (chunk) => {
      if (!tier.dropLines) return chunk;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      return lines.filter((line) => !tier.dropLines.test(line)).map((line) => `${line}\n`).join('');
    };
    child.stdout.on('data', (chunk) => {
      write(filtered(chunk.toString()));
      if (tier.times === 'ctest') output += chunk;
    });
    child.stdout.on('end', () => { if (partial && !tier.dropLines.test(partial)) write(partial); });
    child.stderr?.on('data', write);
    child.on('close', (code, signal) => resolve({ code: code ?? 1, signal, output }));
  });
}

// [{name, seconds}] of one tier's tests.
function testTimes(tier, output) {
  if (tier.times === 'ctest') {
    // "  12/108 Test  #12: network: gradient ... .....   Passed    1.23 sec"
    return [...output.matchAll(/Test\s+#\d+: (.+?) \.+\s*(?:\*+)?\s*(?:Passed|Failed|\w[\w ]*?)\s+([\d.]+) sec/g)]
      .map(([, name, seconds]) => ({ name: `${tier.name}: ${name.trim()}`, seconds: Number(seconds) }));
  }
  if (!tier.times || !existsSync(tier.times)) return [];
  // TAP: "ok 3 - name" (at any depth) followed by a YAML block with duration_ms; only the
  // leaves that are tests of a file, not the file's own line.
  const lines = readFileSync(tier.times, 'utf8').split('\n');
  const times = [];
  for (let i = 0; i < lines.length; i++) {
    const test = /^(\s*)(?:not )?ok \d+ - (.+?)(?: # .*)?$/.exec(lines[i]);
    if (!test) continue;
    for (let j = i + 1; j < Math.min(lines.length, i + 8); j++) {
      const duration = /duration_ms: ([\d.]+)/.exec(lines[j]);
      if (duration) {
        if (!/\.m?js$/.test(test[2])) times.push({ name: `${tier.name}: ${test[2]}`, seconds: Number(duration[1]) / 1000 });
        break;
      }
      if (/^\s*(?:not )?ok \d+/.test(lines[j])) break;
    }
  }
  return times;
}

// [text] of one tier's failed tests: the test's name and the head of its TAP diagnostic (the
// error, where it was thrown), so the end of the output says why, not only which.
function failureDetails(tier) {
  if (!tier.times || tier.times === 'ctest' || !existsSync(tier.times)) return [];
  const lines = readFileSync(tier.times, 'utf8').split('\n');
  const details = [];
  for (let i = 0; i < lines.length; i++) {
    const test = /^(\s*)not ok \d+ - (.+?)(?: # .*)?$/.exec(lines[i]);
    if (!test || /\.m?js$/.test(test[2])) continue;
    const block = [];
    for (let j = i + 1; j < lines.length && block.length < 24; j++) {
      if (/^\s*(?:not )?ok \d+/.test(lines[j]) || /^\s*\.\.\.\s*$/.test(lines[j])) break;
      const line = lines[j].trim();
      if (line && !/^(?:---|duration_ms:|type:|failureType:|code:|stack: \|-)|node:internal|node:async_hooks|^async Promise\.all/.test(line)) block.push(line);
    }
    details.push(`${tier.name}: ${test[2]}\n    ${block.join('\n    ')}`);
  }
  return details;
}

const minutes = (seconds) => `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;

async function main() {
  const [kind = 'check', ...rest] = process.argv.slice(2);
  if (!TIERS[kind]) throw new Error(`run-tests: "${kind}" is not check, full, page or loaded`);
  const tiers = TIERS[kind](...rest);
  mkdirSync(reports, { recursive: true });
  const done = [];
  const tests = [];
  const started = performance.now();
  const failures = [];
  const failedTests = [];
  // Runs steps in order until one fails; returns whether all passed.
  const runSteps = async (steps, log = null) => {
    for (const step of steps) {
      if (step.nice) await gate.resumed; // a background step does not start while a quiet tier runs
      const header = `\n=== ${step.name}: ${step.command} ${step.args.join(' ')}\n`;
      if (log) appendFileSync(log, header);
      else process.stdout.write(header);
      const start = performance.now();
      const { code, signal, output } = await run(step, log);
      const record = { name: step.name, seconds: (performance.now() - start) / 1000, ok: code === 0, log, background: Boolean(step.nice) };
      done.push(record);
      tests.push(...testTimes(step, output));
      if (code !== 0) failedTests.push(...failureDetails(step));
      if (code !== 0) {
        failures.push({ record, why: `${step.name} failed (${signal ?? `exit ${code}`})` });
        return false;
      }
    }
    return true;
  };
  const background = [];
  const loops = [];
  const reportsOf = (name) => path.join(reports, `${name.replace(/\W+/g, '-')}.log`);
  for (const tier of tiers) {
    if (tier.together) {
      // Passes at once, each writing its own log; the failing tests' lines are printed after.
      console.log(`\n=== ${tier.together.map((step) => step.name).join(' and ')}, at once (output in ${tier.together.map((step) => path.relative(root, reportsOf(step.name))).join(', ')})`);
      for (const step of tier.together) writeFileSync(reportsOf(step.name), '');
      const passed = await Promise.all(tier.together.map((step) => runSteps([step], reportsOf(step.name))));
      for (const step of tier.together) {
        const log = readFileSync(reportsOf(step.name), 'utf8');
        const summary = log.split('\n').filter((line) => /^\s*(?:✖|not ok)|^ℹ (?:tests|pass|fail|skipped) /.test(line));
        console.log(`--- ${step.name}:\n${summary.join('\n')}`);
      }
      if (tier.stopOnFailure && !passed.every(Boolean)) break;
      continue;
    }
    if (tier.background) {
      writeFileSync(tier.background, '');
      console.log(`\n=== ${tier.name}: ${tier.steps.map((step) => step.name).join(', ')}, beside what follows (output in ${path.relative(root, tier.background)})`);
      background.push(runSteps(tier.steps, tier.background));
      continue;
    }
    if (tier.quiet) pauseBackground();
    const passed = await runSteps([tier]);
    if (tier.quiet) resumeBackground();
    if (!passed) break;
    // The load of `loaded`: one busy loop per core, from the end of this tier to the end of the run.
    if (tier.load) {
      for (let i = 0; i < tier.load; i++) loops.push(spawn('sh', ['-c', 'while :; do :; done'], { stdio: 'ignore' }));
      console.log(`\n=== load: ${loops.length} busy loops (${availableParallelism()} cores), until the end of the run`);
    }
    if (tier.compileLoad) {
      const build = 'build/load-compile';
      const script = `while :; do rm -rf ${build}; cmake -S . -B ${build} -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++-14 `
        + `'-DCMAKE_CXX_FLAGS=-O1 -fsanitize=address,undefined' >/dev/null && cmake --build ${build} -j${availableParallelism()} --target core_tests >/dev/null 2>&1; done`;
      const compiler = spawn('nice', ['-n', '10', 'sh', '-c', script], { cwd: root, stdio: 'ignore', detached: true });
      loops.push({ kill: () => { try { process.kill(-compiler.pid, 'SIGKILL'); } catch { /* ended */ } } });
      console.log(`\n=== load: a niced clean build of the sanitizer suite in ${build}, again and again, until the end of the run`);
    }
  }
  for (const loop of loops) loop.kill();
  await Promise.all(background);
  for (const { record } of failures.filter(({ record }) => record.log)) {
    // A background step that failed: the end of its output, where the failure is.
    console.log(`\n=== ${record.name} failed; the end of ${path.relative(root, record.log)}:`);
    console.log(readFileSync(record.log, 'utf8').split('\n').slice(-80).join('\n'));
  }
  const failed = failures.map(({ why }) => why).join('; ');
  const total = (performance.now() - started) / 1000;
  console.log(`\n=== Time of each tier (${kind})`);
  for (const tier of done) {
    console.log(`  ${minutes(tier.seconds).padStart(6)}  ${tier.ok ? '' : 'FAILED  '}${tier.name}${tier.background ? ' (in the background)' : ''}`);
  }
  console.log(`  ${minutes(total).padStart(6)}  total`);
  if (tests.length) {
    console.log('=== The slowest ten tests');
    for (const t of tests.sort((a, b) => b.seconds - a.seconds).slice(0, 10)) console.log(`  ${t.seconds.toFixed(1).padStart(6)} s  ${t.name}`);
  }
  if (failedTests.length) {
    console.log('=== Failed tests, and why');
    for (const text of failedTests) console.log(`  ${text}`);
  }
  if (failed) {
    console.log(`\n${failed}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(`run-tests: ${error.message}`);
  process.exit(2);
});
