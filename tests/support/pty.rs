//! The real binary in a pseudo-terminal, shared by the pty tests: spawn it at 100x30 with
//! its own data and config folders, send keys, read what it draws.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Pty {
    pub master: std::fs::File,
    pub child: Child,
    pub output: Vec<u8>,
}

impl Pty {
    pub fn spawn(args: &[&str], data: &std::path::Path, config: &std::path::Path) -> Pty {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: 30,
            ws_col: 100,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two descriptors; the size struct outlives the call.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(rc, 0, "openpty");
        // SAFETY: both descriptors were just opened and are owned here.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefly"));
        cmd.args(args)
            .env("BRIEFLY_DATA_DIR", data)
            .env("BRIEFLY_CONFIG_DIR", config)
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                // A test that kills the program with SIGSEGV or SIGABRT leaves no core file.
                let none = libc::rlimit {
                    rlim_cur: 0,
                    rlim_max: 0,
                };
                libc::setrlimit(libc::RLIMIT_CORE, &none);
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY as _, 0);
                Ok(())
            });
        }
        let child = cmd.spawn().expect("spawn briefly");
        Pty {
            master: std::fs::File::from(master),
            child,
            output: Vec::new(),
        }
    }

    /// Reads output until `needle` has appeared (or the time runs out).
    pub fn wait_for(&mut self, needle: &[u8], secs: u64) -> bool {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if self.output.windows(needle.len()).any(|w| w == needle) {
                return true;
            }
            if Instant::now() >= deadline && !self.readable() {
                break;
            }
            let mut fds = libc::pollfd {
                fd: self.master.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd.
            if unsafe { libc::poll(&mut fds, 1, 50) } > 0 {
                let mut buf = [0u8; 65536];
                match self.master.read(&mut buf) {
                    Ok(n) if n > 0 => self.output.extend_from_slice(&buf[..n]),
                    _ => break,
                }
            }
        }
        self.output.windows(needle.len()).any(|w| w == needle)
    }

    pub fn readable(&self) -> bool {
        let mut fds = libc::pollfd {
            fd: self.master.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        unsafe { libc::poll(&mut fds, 1, 0) > 0 && fds.revents & libc::POLLIN != 0 }
    }

    /// The screen a terminal would show after all output so far.
    pub fn screen(&self) -> String {
        let mut parser = vt100::Parser::new(30, 100, 0);
        parser.process(&self.output);
        parser.screen().contents()
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for_screen(&mut self, text: &str, secs: u64) -> bool {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return true;
            }
            self.wait_for(b"\x00never", 0);
            std::thread::sleep(Duration::from_millis(20));
        }
        self.screen().contains(text)
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.master.write_all(bytes).unwrap();
    }

    /// Whether the terminal is back in its normal (cooked, echoing) modes.
    pub fn cooked(&self) -> bool {
        // SAFETY: tcgetattr fills a termios we own from a descriptor we own.
        let mut modes: libc::termios = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::tcgetattr(self.master.as_raw_fd(), &mut modes) };
        rc == 0 && modes.c_lflag & libc::ICANON != 0 && modes.c_lflag & libc::ECHO != 0
    }

    pub fn wait_exit(&mut self, secs: u64) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < deadline {
            self.wait_for(b"\x00never", 0);
            if let Some(status) = self.child.try_wait().unwrap() {
                self.wait_for(b"\x00never", 0);
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        None
    }
}

/// A failed assertion must not leave the program running.
impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn dirs() -> (tempfile::TempDir, tempfile::TempDir) {
    (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap())
}

/// Runs the binary without a terminal and collects its output.
pub fn run_plain(
    args: &[&str],
    data: &std::path::Path,
    config: &std::path::Path,
) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_briefly"))
        .args(args)
        .env("BRIEFLY_DATA_DIR", data)
        .env("BRIEFLY_CONFIG_DIR", config)
        .output()
        .unwrap()
}
