// demo.mjs: a tour of the qwasm host: ES modules, top-level await, timers, TextEncoder and the
// qwasm namespace. Run it with `build/qwasm examples/demo.mjs [NAME]`.
import { countdown } from './countdown.mjs';

const name = qwasm.args[0] ?? 'world';
const greeting = `hello, ${name}!`;
const bytes = new TextEncoder().encode(greeting);
console.log(`${greeting} (${bytes.length} bytes of UTF-8: ${Array.from(bytes.slice(0, 5))} ...)`);

// Top-level await: the module waits for the countdown's timers.
const ticks = await countdown(3, 100, (n) => console.log(`${n}...`));
console.log(`lift-off after ${ticks} ticks and ${Math.round(performance.now())} ms`);
