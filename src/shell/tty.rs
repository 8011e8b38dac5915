//! Taking the terminal and giving it back: raw mode and the alternate screen on the way in;
//! on the way out (quit, signal, panic, suspend) everything undone, errors ignored.

use std::io::{self, Write};
use std::thread;

use crossterm::terminal;

pub(super) fn enter() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    crate::crash::arm(true);
    let mut out = io::stdout();
    // The alternate screen, so that the shell's screen comes back as it was on quit, and
    // bracketed paste, so that pasted text is never taken for keys. Written out with the
    // first frame (standard output holds a line until a newline or a flush).
    out.write_all(b"\x1b[?1049h\x1b[?2004h")
}

/// Puts the terminal back as it was. Errors are ignored: after SIGHUP there is no terminal.
pub(super) fn leave(margins: bool) {
    crate::crash::arm(false);
    let mut out = io::stdout();
    if margins {
        let _ = out.write_all(b"\x1b[?69l");
    }
    let _ = out.write_all(b"\x1b[?2004l\x1b[0m\x1b[r\x1b[?25h\x1b[?1049l");
    let _ = out.flush();
    let _ = terminal::disable_raw_mode();
}

pub(super) fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A background thread's panic is caught where it matters (analysis) and must not
        // take the terminal from the session that goes on.
        if thread::current().name() != Some("main") {
            return;
        }
        leave(true);
        default(info);
    }));
}
