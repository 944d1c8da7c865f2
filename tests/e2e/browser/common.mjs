// What the browser tests share: their checks, and running the programs under test as children.
import { spawn } from 'node:child_process';

export function fail(message) {
  console.error(`FAILED: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

export function expect(condition, message) {
  if (!condition) fail(message);
  console.log(`ok - ${message}`);
}

// Runs a command to its end; resolves with its exit code and output.
export function run(command, args, env, input) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => setTimeout(() => resolve({ code, out, err }), 200));
    // A program that does not read its input may be gone before it is written: not an error of the test's.
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

// The first line a child prints.
export function firstLine(child) {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (d) => {
      buffer += d;
      const nl = buffer.indexOf('\n');
      if (nl >= 0) {
        child.stdout.off('data', onData);
        resolve(buffer.slice(0, nl));
      }
    };
    child.stdout.on('data', onData);
    child.on('close', (code) => reject(new Error(`exited with ${code} before printing a line`)));
  });
}

// The exit code of a child that is finishing (killed after 30 s). Node has been seen to miss a child's exit while
// Chromium runs in the same session, so the process is also looked for: gone, its output decides (`accepted`).
export function waitExit(child, output, accepted) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      console.error(`the command did not finish; its output so far:\n${output()}`);
      child.kill('SIGKILL');
    }, 30000);
    let done = false;
    const finish = (c) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      setTimeout(() => resolve(c), 200); // the last output, already written, arrives
    };
    child.on('exit', finish);
    const poll = setInterval(() => {
      try {
        process.kill(child.pid, 0);
      } catch {
        finish(output().includes(accepted) ? 0 : 1);
      }
    }, 250);
  });
}
