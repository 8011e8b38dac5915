//! The real binary in a pseudo-terminal: it starts, draws the list and the reader, quits on q
//! or on SIGTERM, saves positions, and leaves the terminal as it found it.

#[path = "support/pty.rs"]
mod support;

use std::time::{Duration, Instant};
use support::{Pty, dirs, run_plain};

#[test]
fn starts_draws_and_quits_on_q_leaving_the_alternate_screen() {
    let (data, config) = dirs();
    let mut pty = Pty::spawn(&[], data.path(), config.path());
    assert!(
        pty.wait_for(b"Demo briefing", 10),
        "list drawn: {:?}",
        String::from_utf8_lossy(&pty.output)
    );
    assert!(pty.wait_for(b"The Meridian Ledger", 5));
    assert!(
        pty.wait_for("LISBON \u{2014} Twelve countries".as_bytes(), 5),
        "reader drawn"
    );
    assert!(
        pty.output.starts_with(b"\x1b[?1049h"),
        "alternate screen first"
    );
    pty.send(b"jj");
    assert!(pty.wait_for_screen("3/5", 5), "{}", pty.screen());
    pty.send(b"?");
    assert!(
        pty.wait_for_screen("A page of articles down", 5),
        "{}",
        pty.screen()
    );
    pty.send(b"\x1b");
    assert!(pty.wait_for_screen("03-harbourline-daily.txt", 5));
    assert!(
        !pty.screen().contains("A page of articles down"),
        "help closed by Esc"
    );
    pty.send(b"q");
    let status = pty.wait_exit(10).expect("quits on q");
    assert!(status.success(), "{status:?}");
    let tail = &pty.output[pty.output.len().saturating_sub(64)..];
    assert!(
        tail.ends_with(b"\x1b[?1049l"),
        "leaves the alternate screen last: {:?}",
        String::from_utf8_lossy(tail)
    );
    assert!(
        tail.windows(6).any(|w| w == b"\x1b[?25h"),
        "cursor shown again"
    );
    // Positions were saved in the data dir, and nowhere else.
    let sessions = std::fs::read_dir(data.path().join("sessions"))
        .unwrap()
        .count();
    assert_eq!(sessions, 1);
    assert_eq!(std::fs::read_dir(config.path()).unwrap().count(), 0);
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_save_first() {
    for signal in [libc::SIGTERM, libc::SIGHUP] {
        let (data, config) = dirs();
        let mut pty = Pty::spawn(&[], data.path(), config.path());
        assert!(pty.wait_for(b"Demo briefing", 10));
        pty.send(b"jj\r");
        assert!(pty.wait_for_screen("3/5", 5));
        // SAFETY: signalling our own child.
        unsafe { libc::kill(pty.child.id() as i32, signal) };
        let status = pty.wait_exit(10).expect("exits on the signal");
        assert_eq!(
            status.code(),
            Some(128 + signal),
            "the shell's convention for a signal"
        );
        let tail = String::from_utf8_lossy(&pty.output[pty.output.len().saturating_sub(80)..])
            .into_owned();
        assert!(
            pty.output.ends_with(b"\x1b[?1049l"),
            "signal {signal}: terminal restored: {tail:?}"
        );
        let dir = data.path().join("sessions");
        let file = std::fs::read_dir(&dir)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let saved = std::fs::read_to_string(file).unwrap();
        assert!(
            saved.contains("03-harbourline-daily.txt"),
            "signal {signal}: {saved}"
        );
    }
}

#[test]
fn reopening_restores_the_article_and_position() {
    let (data, config) = dirs();
    let mut pty = Pty::spawn(&[], data.path(), config.path());
    assert!(pty.wait_for(b"Demo briefing", 10));
    pty.send(b"jjj\r ");
    assert!(pty.wait_for_screen("4/5", 5));
    // The status line leaves "Top" once the page has moved.
    let deadline = Instant::now() + Duration::from_secs(5);
    while pty.screen().lines().last().unwrap_or("").contains("Top") && Instant::now() < deadline {
        pty.wait_for(b"\x00never", 0);
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = pty.screen().lines().last().unwrap_or("").to_string();
    let tail =
        String::from_utf8_lossy(&pty.output[pty.output.len().saturating_sub(400)..]).into_owned();
    assert!(!status.contains("Top"), "scrolled: {status} after {tail:?}");
    pty.send(b"q");
    pty.wait_exit(10).expect("quits");
    let mut again = Pty::spawn(&[], data.path(), config.path());
    assert!(
        again.wait_for_screen("4/5", 10),
        "the fourth article is selected again"
    );
    // And the reader is at the same line: the status line's "line/lines" agrees.
    let position = |status: &str| {
        status
            .split_whitespace()
            .find(|w| w.contains('/') && w.starts_with(|c: char| c.is_ascii_digit()))
            .map(str::to_string)
    };
    let before = position(&status).unwrap_or_else(|| panic!("{status}"));
    // The first frame may arrive in more than one read: wait for the status line.
    again.wait_for_screen(&before, 5);
    let status_again = again.screen().lines().last().unwrap_or("").to_string();
    assert_eq!(
        position(&status_again).as_deref(),
        Some(before.as_str()),
        "same place in the article"
    );
    again.send(b"q");
    again.wait_exit(10).expect("quits");
}

#[test]
fn a_bad_keymap_stops_before_the_terminal_goes_raw() {
    let (data, config) = dirs();
    std::fs::write(
        config.path().join("keymap.toml"),
        "[reader]\nkeymap = [\n  { on = \"x\", run = \"launch_rockets\" },\n]\n",
    )
    .unwrap();
    let out = run_plain(&[], data.path(), config.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("keymap.toml: line 3") && err.contains("launch_rockets"),
        "{err}"
    );
    assert!(
        !out.stdout.windows(2).any(|w| w == b"\x1b["),
        "nothing drawn"
    );
    // The same in a terminal: the message, and no alternate screen.
    let mut pty = Pty::spawn(&[], data.path(), config.path());
    let status = pty.wait_exit(10).expect("exits");
    assert_eq!(status.code(), Some(2));
    assert!(!pty.output.windows(8).any(|w| w == b"\x1b[?1049h"));
}

#[test]
fn keys_prints_the_keymap_in_effect() {
    let (data, config) = dirs();
    std::fs::write(
        config.path().join("keymap.toml"),
        "[reader]\nkeymap = [{ on = \"ctrl-e\", run = \"scroll_down\" }]\n",
    )
    .unwrap();
    let out = run_plain(&["keys"], data.path(), config.path());
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("[reader]") && text.contains("\"ctrl-e\"") && text.contains("scroll_down"),
        "{text}"
    );
}

#[test]
fn keys_warns_about_an_action_left_without_a_key() {
    let (data, config) = dirs();
    std::fs::write(
        config.path().join("keymap.toml"),
        "[reader]\nkeymap = [{ on = \"v\", run = \"none\" }]\n",
    )
    .unwrap();
    let out = run_plain(&["keys"], data.path(), config.path());
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no key runs select "), "{err}");
}

/// CPU time (user + system, in clock ticks) a process has used, from /proc.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn idle_means_no_output_and_no_cpu() {
    let (data, config) = dirs();
    let mut pty = Pty::spawn(&[], data.path(), config.path());
    assert!(pty.wait_for_screen("LISBON", 10));
    // Let start-up work (the background loader and analysis, the margins query) finish: the
    // status line counts analysed articles until all are done, then says "stories…" until
    // the stories are built; and nothing has been drawn for two seconds (on a loaded machine
    // the analysis may not have reported anything yet when the first screen is up).
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let busy = |screen: String| screen.contains("entities ") || screen.contains("stories\u{2026}");
    let mut quiet_since = (pty.output.len(), std::time::Instant::now());
    while std::time::Instant::now() < deadline {
        pty.wait_for(b"\x00never", 0);
        if pty.output.len() != quiet_since.0 || busy(pty.screen()) {
            quiet_since = (pty.output.len(), std::time::Instant::now());
        } else if quiet_since.1.elapsed() > Duration::from_secs(2) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(!busy(pty.screen()), "analysis finishes");
    let (bytes, ticks) = (pty.output.len(), cpu_ticks(pty.child.id()));
    let before = pty.screen();
    std::thread::sleep(Duration::from_millis(1500));
    pty.wait_for(b"\x00never", 0);
    assert_eq!(
        pty.output.len(),
        bytes,
        "nothing drawn while idle: {:?} then {:?}, {:?}",
        before,
        pty.screen(),
        String::from_utf8_lossy(&pty.output[bytes..])
    );
    assert!(
        cpu_ticks(pty.child.id()) <= ticks + 1,
        "no CPU used while idle"
    );
    pty.send(b"q");
    pty.wait_exit(10).expect("quits");
}

#[test]
fn a_paste_with_a_newline_does_not_run_keys() {
    let (data, config) = dirs();
    let mut pty = Pty::spawn(&[], data.path(), config.path());
    assert!(pty.wait_for_screen("LISBON", 10));
    assert!(
        pty.output.windows(8).any(|w| w == b"\x1b[?2004h"),
        "bracketed paste on"
    );
    pty.send(b"/\x1b[200~ISWA\rq\x1b[201~");
    assert!(pty.wait_for_screen("/ISWA q", 5), "{}", pty.screen());
    pty.send(b"\x7f\x7f\r");
    assert!(pty.wait_for_screen("match 1 of", 5), "{}", pty.screen());
    assert!(pty.child.try_wait().unwrap().is_none(), "still running");
    pty.send(b"q");
    pty.wait_exit(10).expect("quits");
    assert!(
        pty.output.windows(8).any(|w| w == b"\x1b[?2004l"),
        "bracketed paste off again"
    );
}

#[test]
fn esc_and_a_key_in_one_read_are_two_keys() {
    let (data, config) = dirs();
    let mut pty = Pty::spawn(&[], data.path(), config.path());
    assert!(pty.wait_for_screen("LISBON", 10));
    pty.send(b"i");
    assert!(pty.wait_for_screen("Entities", 10), "{}", pty.screen());
    // Over SSH an Esc and the next key can come in one packet: Esc closes the panel, q quits.
    pty.send(b"\x1bq");
    let status = pty.wait_exit(10).expect("the q after the Esc quits");
    assert!(status.success());
}

#[test]
fn paths_that_do_not_exist_are_an_error_not_an_empty_screen() {
    let (data, config) = dirs();
    let out = run_plain(
        &["/nonexistent/briefing", "/also/missing.txt"],
        data.path(),
        config.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("briefly: /nonexistent/briefing, /also/missing.txt: no such file or folder"),
        "{err}"
    );
}

#[test]
fn keys_typed_ahead_act_on_the_article_they_open() {
    // Many files, so that the background loader is still busy when the keys arrive: G opens
    // the last article (loaded last), and the page key must scroll it, not an empty reader.
    let (data, config) = dirs();
    let briefing = tempfile::tempdir().unwrap();
    for i in 0..400 {
        // Distinct paragraphs: repeated ones are dropped as scraping clutter.
        let body: String = (0..60)
            .map(|j| format!("The ferry board met for the {j}th time on Tuesday to weigh timetable {i}, and members asked for figures.\n\n"))
            .collect();
        std::fs::write(
            briefing.path().join(format!("{i:03}.txt")),
            format!("Ferry story {i}\n\n{body}"),
        )
        .unwrap();
    }
    let mut pty = Pty::spawn(
        &[briefing.path().to_str().unwrap()],
        data.path(),
        config.path(),
    );
    assert!(pty.wait_for(b"1/400", 10));
    pty.send(b"G\r ");
    assert!(pty.wait_for_screen("400/400", 5));
    let deadline = Instant::now() + Duration::from_secs(5);
    while pty.screen().lines().last().unwrap_or("").contains("Top") && Instant::now() < deadline {
        pty.wait_for(b"\x00never", 0);
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = pty.screen().lines().last().unwrap_or("").to_string();
    assert!(
        !status.contains("Top"),
        "the page key scrolled the opened article: {status}"
    );
    pty.send(b"q");
    pty.wait_exit(10).expect("quits");
}

#[test]
fn a_tag_is_saved_at_once_and_is_there_next_time() {
    let (data, config) = dirs();
    let mut pty = Pty::spawn(&[], data.path(), config.path());
    assert!(pty.wait_for_screen("LISBON", 10));
    pty.send(b"\r)2");
    assert!(pty.wait_for_screen("tagged #quote", 5), "{}", pty.screen());
    // Saved at once: the file is there before quitting.
    let notes_dir = data.path().join("notes");
    let file = std::fs::read_dir(&notes_dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("notes file");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("\"quote\"")
    );
    // SIGKILL: nothing gets a chance to run on the way out.
    pty.child.kill().unwrap();
    pty.wait_exit(10);
    let mut again = Pty::spawn(&[], data.path(), config.path());
    assert!(
        again.wait_for_screen("1 note \u{b7} The Meridian", 10),
        "{}",
        again.screen()
    );
    // And the passage is marked as soon as the article is read.
    again.send(b"\r");
    assert!(again.wait_for_screen("*", 5), "{}", again.screen());
    again.send(b"q");
    again.wait_exit(10).expect("quits");
}

#[test]
fn y_copies_the_cursor_sentence_through_osc52() {
    use base64::Engine;
    let (data, config) = dirs();
    let mut pty = Pty::spawn(&[], data.path(), config.path());
    assert!(pty.wait_for_screen("LISBON", 10));
    pty.send(b"\r");
    std::thread::sleep(Duration::from_millis(300));
    pty.send(b"y");
    assert!(pty.wait_for(b"\x07", 5) && pty.wait_for_screen("copied", 5));
    let out = pty.output.clone();
    let at = out
        .windows(7)
        .position(|w| w == b"\x1b]52;c;")
        .expect("an OSC 52 sequence");
    let rest = &out[at + 7..];
    let end = rest.iter().position(|&b| b == 0x07).expect("ended by BEL");
    let text = base64::engine::general_purpose::STANDARD
        .decode(&rest[..end])
        .expect("base64");
    let text = String::from_utf8(text).unwrap();
    let first: Vec<&str> = text.split_whitespace().take(3).collect();
    assert!(first.len() == 3, "{text:?}");
    assert!(
        pty.screen().contains(&first.join(" ")),
        "the copied sentence is on screen: {text:?}"
    );
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    pty.send(b"q");
    pty.wait_exit(10).expect("quits");
}
