//! What the commands print. Standard output ends quietly when its reader goes away
//! (`briefly extract big.html | head`), and neither stream ever carries a control character
//! or escape sequence from an article, a file name, a URL or a keymap entry: everything is
//! written through the sanitiser, whether the stream is a terminal or not.

use std::io::{self, Write};

use crate::sanitize::{sanitize, sanitize_line};

/// One message on standard error, as one line: `briefly: ` and the message, made safe.
pub fn say(message: &str) {
    let line = sanitize_line(message);
    let _ = writeln!(io::stderr().lock(), "briefly: {line}");
}

/// Writes `text` to standard output, made safe (newlines and tabs are kept, as TSV needs
/// them). A closed pipe is not an error: the command ends as if it had written everything.
/// Any other failure (a full disk behind a redirection) is told on standard error and gives
/// false.
pub fn emit(text: &str) -> bool {
    let safe = safe_output(text);
    let mut out = io::stdout().lock();
    match out.write_all(safe.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => true,
        Err(e) => {
            say(&format!("standard output: cannot be written ({e})"));
            false
        }
    }
}

/// The exit code once the output is written: 1 when it could not be, or when some input had
/// a problem.
pub fn finish(written: bool, failed: bool) -> std::process::ExitCode {
    if !written || failed {
        std::process::ExitCode::FAILURE
    } else {
        std::process::ExitCode::SUCCESS
    }
}

/// Text for another program: every control removed or made visible but newlines and tabs.
pub fn safe_output(text: &str) -> String {
    if !text.chars().any(needs_cleaning) {
        return text.to_string();
    }
    text.split('\t')
        .map(sanitize)
        .collect::<Vec<_>>()
        .join("\t")
}

fn needs_cleaning(c: char) -> bool {
    c != '\n' && c != '\t' && crate::sanitize::is_unsafe(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_keeps_lines_and_tabs_and_drops_escapes() {
        assert_eq!(safe_output("a\tb\nc\n"), "a\tb\nc\n");
        assert_eq!(
            safe_output("x\x1b]52;c;SGVsbG8=\x07y\tz\u{9b}2Jw\n"),
            "xy\tzw\n"
        );
        let bidi = safe_output("left\u{202e}right");
        assert!(!bidi.contains('\u{202e}'), "{bidi:?}");
        assert!(
            !safe_output("\x07bell\r")
                .chars()
                .any(|c| c.is_control() && c != '\n')
        );
    }
}
