// countdown.mjs: calls onTick(n) for n = from..1, one tick every `ms` milliseconds on a
// setInterval, and resolves with the number of ticks.
export function countdown(from, ms, onTick) {
    return new Promise((resolve) => {
        let n = from;
        const id = setInterval(() => {
            onTick(n);
            if (--n === 0) {
                clearInterval(id);
                resolve(from);
            }
        }, ms);
    });
}
