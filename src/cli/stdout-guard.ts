/** The exit status of a process ended by SIGPIPE (128 + 13), as shells report `yes | head`. */
export const EXIT_EPIPE = 141;

interface Guardable {
  on(event: 'error', listener: (err: NodeJS.ErrnoException) => void): unknown;
}

/**
 * stdout write failures end the process with one line instead of an unhandled 'error' stack trace:
 * a closed pipe (`trainplan plan --json | head -c 10`) ends quietly with 141, as SIGPIPE would;
 * any other failure (ENOSPC for `> /dev/full`, EIO) is one line on stderr and exit 2.
 */
export function guardStdout(stdout: Guardable, stderr: (text: string) => void, exit: (code: number) => void): void {
  let done = false;
  stdout.on('error', (err) => {
    if (done) return;
    done = true;
    if (err.code === 'EPIPE') return exit(EXIT_EPIPE);
    const why = err.code === 'ENOSPC' ? 'no space left on the device' : err.message;
    stderr(`trainplan: error: cannot write to standard output (${err.code ?? 'error'}: ${why})\n`);
    exit(2);
  });
}
