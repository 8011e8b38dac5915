//! The terminal comes back even when the process dies. A stack overflow, an abort or a bad
//! memory access ends the process without unwinding, so the panic hook and the shell's own
//! clean-up never run; over SSH that would leave the user's session raw, in the alternate
//! screen, with the cursor hidden. A handler for SIGABRT, SIGSEGV, SIGBUS, SIGILL and SIGFPE,
//! running on an alternate signal stack (a stack overflow has no stack left), writes bytes
//! prepared in advance and puts back the terminal modes saved before raw mode, using only
//! async-signal-safe calls, then lets the signal do what it would have done.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// What undoes everything the reader turns on: margins, bracketed paste, colours, scroll
/// region, hidden cursor, the alternate screen.
pub const RESTORE: &[u8] = b"\x1b[?69l\x1b[?2004l\x1b[0m\x1b[r\x1b[?25h\x1b[?1049l";

const FATAL: [libc::c_int; 5] = [
    libc::SIGABRT,
    libc::SIGSEGV,
    libc::SIGBUS,
    libc::SIGILL,
    libc::SIGFPE,
];

/// The terminal modes from before raw mode.
static SAVED: OnceLock<libc::termios> = OnceLock::new();
/// Whether the terminal is in the reader's hands now (and so needs restoring).
static ARMED: AtomicBool = AtomicBool::new(false);
/// The handlers that were there before ours (Rust's stack-overflow reporter), called after
/// the terminal is back so that its message still reaches the user.
static PREVIOUS: OnceLock<Vec<(libc::c_int, libc::sigaction)>> = OnceLock::new();

/// Saves the terminal's modes and installs the handlers; call before raw mode. Harmless to
/// call twice.
pub fn install() {
    // SAFETY: tcgetattr writes into a termios we own; zeroed is a valid termios.
    let mut modes: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(libc::STDIN_FILENO, &mut modes) } == 0 {
        let _ = SAVED.set(modes);
    }
    ensure_alternate_stack();
    if PREVIOUS.get().is_some() {
        return;
    }
    let mut previous = Vec::new();
    for sig in FATAL {
        // SAFETY: a zeroed sigaction with our handler, SA_ONSTACK so that a stack overflow
        // can still run it, SA_SIGINFO for the fault's origin; the old action is kept.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = handler as *const () as libc::sighandler_t;
            action.sa_flags = libc::SA_ONSTACK | libc::SA_SIGINFO | libc::SA_NODEFER;
            libc::sigemptyset(&mut action.sa_mask);
            let mut old: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(sig, &action, &mut old) == 0 {
                previous.push((sig, old));
            }
        }
    }
    let _ = PREVIOUS.set(previous);
}

/// The terminal is the reader's from now on (true) or back to normal (false).
pub fn arm(on: bool) {
    ARMED.store(on, Ordering::SeqCst);
}

/// Restores the terminal from any thread, with async-signal-safe calls only: used by the
/// fatal-signal handler and by the signal thread when the main loop does not answer.
pub fn restore_terminal() {
    if !ARMED.swap(false, Ordering::SeqCst) {
        return;
    }
    // SAFETY: write and tcsetattr are async-signal-safe; the bytes and modes are static.
    unsafe {
        libc::write(libc::STDOUT_FILENO, RESTORE.as_ptr().cast(), RESTORE.len());
        if let Some(modes) = SAVED.get() {
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, modes);
        }
    }
}

/// The main thread gets an alternate stack of its own when the runtime has not given it one.
fn ensure_alternate_stack() {
    // SAFETY: sigaltstack with a null new stack only reads the current one.
    unsafe {
        let mut current: libc::stack_t = std::mem::zeroed();
        if libc::sigaltstack(std::ptr::null(), &mut current) != 0 {
            return;
        }
        if current.ss_flags & libc::SS_DISABLE == 0 {
            return;
        }
        const SIZE: usize = 64 * 1024;
        // Leaked on purpose: the stack serves the thread for the rest of the process.
        let memory = Box::leak(vec![0u8; SIZE].into_boxed_slice());
        let stack = libc::stack_t {
            ss_sp: memory.as_mut_ptr().cast(),
            ss_flags: 0,
            ss_size: SIZE,
        };
        libc::sigaltstack(&stack, std::ptr::null_mut());
    }
}

extern "C" fn handler(sig: libc::c_int, info: *mut libc::siginfo_t, context: *mut libc::c_void) {
    restore_terminal();
    // A fault (not a signal sent with kill) goes to the handler that was there before, which
    // tells a stack overflow from other faults and reports it.
    // SAFETY: info is the kernel's siginfo for this signal.
    let sent = info.is_null() || unsafe { (*info).si_code } <= 0;
    if !sent
        && sig != libc::SIGABRT
        && let Some(previous) = PREVIOUS.get()
        && let Some((_, old)) = previous.iter().find(|(s, _)| *s == sig)
    {
        let f = old.sa_sigaction;
        if f != libc::SIG_DFL && f != libc::SIG_IGN {
            if old.sa_flags & libc::SA_SIGINFO != 0 {
                // SAFETY: the previous handler was installed with this signature.
                let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                    unsafe { std::mem::transmute(f) };
                f(sig, info, context);
            } else {
                // SAFETY: a plain handler takes the signal number.
                let f: extern "C" fn(libc::c_int) = unsafe { std::mem::transmute(f) };
                f(sig);
            }
        }
    }
    // Die of the signal, as the process would have without us (core dump, exit status).
    // SAFETY: signal and raise are async-signal-safe.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
        libc::raise(sig);
    }
}
