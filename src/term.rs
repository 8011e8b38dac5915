//! The screen: sends ratatui buffers to the terminal with as few bytes as possible, because
//! over SSH every byte is carried to the user, and filters everything it sends.
//!
//! - Only cells that changed are sent. Short runs of unchanged cells between changes are
//!   re-sent rather than jumped over when that is shorter; a row that ends in blanks is cleared
//!   with one EL; the cursor moves by the shortest sequence; SGR is written only when the
//!   style changes, as one sequence.
//! - When the reader scrolled, the terminal scrolls the reader's rows itself (DECSTBM, or
//!   DECSLRM left/right margins where the terminal says it has them) and only what came into
//!   view is sent. Both plans are encoded and the shorter one is written.
//! - Every cell goes through the sanitizer: no control character reaches the terminal,
//!   whatever a widget put in the buffer.

use std::io::{self, Write};

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use crate::sanitize::{PLACEHOLDER, is_unsafe};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const RESET_PEN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

impl Pen {
    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }
}

/// What we know of the terminal: where its cursor is, which pen it writes with, and the rows
/// its scroll region holds (first and last, from 0) when it is not the whole screen: kept
/// between frames, so that a one-line scroll does not set and reset it every time.
#[derive(Debug, Clone, Copy)]
struct WireState {
    cursor: Option<Position>,
    pen: Pen,
    width: u16,
    region: Option<(u16, u16)>,
}

/// Encodes terminal output into bytes, tracking the terminal's state as it goes.
struct Wire {
    state: WireState,
    out: Vec<u8>,
}

impl Wire {
    fn new(state: WireState) -> Wire {
        Wire {
            state,
            out: Vec::with_capacity(4096),
        }
    }

    fn move_to(&mut self, x: u16, y: u16) {
        let out = &mut self.out;
        match self.state.cursor {
            Some(p) if p.x == x && p.y == y => {}
            Some(p) if p.y == y && x > p.x => {
                let n = x - p.x;
                if n == 1 {
                    out.extend_from_slice(b"\x1b[C");
                } else {
                    let _ = write!(out, "\x1b[{n}C");
                }
            }
            Some(p) if p.y == y && x == 0 => out.push(b'\r'),
            // A line feed on the scroll region's last row would scroll the region.
            Some(p)
                if p.x == x
                    && y == p.y + 1
                    && x == 0
                    && self.state.region.is_none_or(|(_, last)| p.y != last) =>
            {
                out.extend_from_slice(b"\r\n")
            }
            _ if x == 0 && y == 0 => out.extend_from_slice(b"\x1b[H"),
            _ if x == 0 => {
                let _ = write!(out, "\x1b[{}H", y + 1);
            }
            _ => {
                let _ = write!(out, "\x1b[{};{}H", y + 1, x + 1);
            }
        }
        self.state.cursor = Some(Position::new(x, y));
    }

    fn set_pen(&mut self, pen: Pen) {
        if pen == self.state.pen {
            return;
        }
        let mut codes: Vec<String> = Vec::new();
        let mut from = self.state.pen;
        if !(from.modifier - pen.modifier).is_empty() {
            codes.push("0".into());
            from = RESET_PEN;
        }
        for (m, code) in [
            (Modifier::BOLD, "1"),
            (Modifier::DIM, "2"),
            (Modifier::ITALIC, "3"),
            (Modifier::UNDERLINED, "4"),
            (Modifier::SLOW_BLINK, "5"),
            (Modifier::RAPID_BLINK, "6"),
            (Modifier::REVERSED, "7"),
            (Modifier::HIDDEN, "8"),
            (Modifier::CROSSED_OUT, "9"),
        ] {
            if pen.modifier.contains(m) && !from.modifier.contains(m) {
                codes.push(code.into());
            }
        }
        if pen.fg != from.fg {
            codes.push(color_code(pen.fg, false));
        }
        if pen.bg != from.bg {
            codes.push(color_code(pen.bg, true));
        }
        self.state.pen = pen;
        let _ = write!(self.out, "\x1b[{}m", codes.join(";"));
    }

    fn put(&mut self, x: u16, y: u16, cell: &Cell) {
        self.move_to(x, y);
        self.set_pen(Pen::of(cell));
        let symbol = safe_symbol(cell.symbol());
        self.out.extend_from_slice(symbol.as_bytes());
        let next = x + symbol.width().max(1) as u16;
        // At the right edge the terminal's cursor is in its pending-wrap state: forget it.
        self.state.cursor = (next < self.state.width).then(|| Position::new(next, y));
    }

    /// Clears from (x, y) to the end of the row.
    fn erase_rest(&mut self, x: u16, y: u16) {
        self.move_to(x, y);
        self.set_pen(RESET_PEN);
        self.out.extend_from_slice(b"\x1b[K");
    }

    /// Scrolls `rect` by `amount` rows (up when positive). `margins`: the terminal has left and
    /// right margins (DECLRMM is on), so only the rect's columns move.
    fn scroll(&mut self, rect: Rect, amount: i32, margins: bool) {
        self.set_pen(RESET_PEN);
        let n = amount.unsigned_abs();
        let count = if n == 1 { String::new() } else { n.to_string() };
        let op = if amount > 0 { 'S' } else { 'T' };
        let rows = (rect.top(), rect.bottom() - 1);
        if self.state.region != Some(rows) {
            let _ = write!(self.out, "\x1b[{};{}r", rect.top() + 1, rect.bottom());
            // Setting margins homes the cursor.
            self.state.cursor = Some(Position::new(0, 0));
            self.state.region = Some(rows);
        }
        if margins {
            let _ = write!(
                self.out,
                "\x1b[{};{}s\x1b[{count}{op}\x1b[s\x1b[r",
                rect.left() + 1,
                rect.right()
            );
            self.state.cursor = Some(Position::new(0, 0));
            self.state.region = None;
        } else {
            let _ = write!(self.out, "\x1b[{count}{op}");
        }
    }

    /// Sends what differs between `shown` and `next`.
    fn diff(&mut self, shown: &Buffer, next: &Buffer) {
        let updates = shown.diff(next);
        let area = next.area;
        let mut i = 0;
        while i < updates.len() {
            let (x, y, cell) = updates[i];
            // When the rest of this row is blank in `next`, one EL does it.
            if is_blank_from(next, x, y) {
                self.erase_rest(x, y);
                while i < updates.len() && updates[i].1 == y {
                    i += 1;
                }
                continue;
            }
            self.put(x, y, cell);
            // Fill a short gap to the next change on this row rather than jump over it.
            if let Some(&(nx, ny, _)) = updates.get(i + 1) {
                let end = x + cell.symbol().width().max(1) as u16;
                if ny == y && nx > end && nx - end <= 3 && nx <= area.right() {
                    let same_pen = (end..nx).all(|gx| {
                        let c = &next[(gx, y)];
                        Pen::of(c) == Pen::of(cell) && c.symbol().width() == 1
                    });
                    if same_pen {
                        for gx in end..nx {
                            self.put(gx, y, &next[(gx, y)]);
                        }
                    }
                }
            }
            i += 1;
        }
    }
}

fn is_blank_from(buf: &Buffer, x: u16, y: u16) -> bool {
    let blank = Cell::default();
    (x..buf.area.right()).all(|cx| buf[(cx, y)] == blank)
}

fn color_code(color: Color, background: bool) -> String {
    let (base, bright) = if background { (40, 100) } else { (30, 90) };
    match color {
        Color::Reset => (if background { "49" } else { "39" }).into(),
        Color::Black => format!("{base}"),
        Color::Red => format!("{}", base + 1),
        Color::Green => format!("{}", base + 2),
        Color::Yellow => format!("{}", base + 3),
        Color::Blue => format!("{}", base + 4),
        Color::Magenta => format!("{}", base + 5),
        Color::Cyan => format!("{}", base + 6),
        Color::Gray => format!("{}", base + 7),
        Color::DarkGray => format!("{bright}"),
        Color::LightRed => format!("{}", bright + 1),
        Color::LightGreen => format!("{}", bright + 2),
        Color::LightYellow => format!("{}", bright + 3),
        Color::LightBlue => format!("{}", bright + 4),
        Color::LightMagenta => format!("{}", bright + 5),
        Color::LightCyan => format!("{}", bright + 6),
        Color::White => format!("{}", bright + 7),
        Color::Indexed(i) => format!("{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    }
}

/// The symbol as it may be written: controls become the placeholder, empty becomes a space.
fn safe_symbol(symbol: &str) -> std::borrow::Cow<'_, str> {
    if symbol.is_empty() {
        " ".into()
    } else if symbol.chars().any(is_unsafe) {
        symbol
            .chars()
            .map(|c| if is_unsafe(c) { PLACEHOLDER } else { c })
            .collect::<String>()
            .into()
    } else {
        symbol.into()
    }
}

/// What the screen holds after scrolling `rect` of `buf` by `amount` rows (up when positive):
/// the rows move, and the ones that come in are blank, as on a terminal.
pub fn shifted(buf: &Buffer, rect: Rect, amount: i32) -> Buffer {
    let mut out = buf.clone();
    for y in rect.top()..rect.bottom() {
        let from = i32::from(y) + amount;
        let inside = from >= i32::from(rect.top()) && from < i32::from(rect.bottom());
        for x in rect.left()..rect.right() {
            out[(x, y)] = if inside {
                buf[(x, from as u16)].clone()
            } else {
                Cell::default()
            };
        }
    }
    out
}

/// The terminal screen as briefly drew it last.
pub struct Screen<W: Write> {
    out: W,
    state: WireState,
    shown: Buffer,
    /// The terminal has left/right margins (it answered DECRQM for mode 69), and they are on.
    margins: bool,
    /// Bytes written so far (for benchmarks and tests).
    pub bytes: u64,
}

impl<W: Write> Screen<W> {
    /// A screen of `area`, cleared.
    pub fn new(out: W, area: Rect) -> io::Result<Screen<W>> {
        let mut screen = Screen {
            out,
            state: WireState {
                cursor: None,
                pen: RESET_PEN,
                width: area.width,
                region: None,
            },
            // `reset` makes the buffer of the screen's size.
            shown: Buffer::empty(Rect::default()),
            margins: false,
            bytes: 0,
        };
        screen.reset(area)?;
        Ok(screen)
    }

    /// Forgets what is on screen, clears it, and takes a new size: the next frame is sent whole.
    pub fn reset(&mut self, area: Rect) -> io::Result<()> {
        self.shown = Buffer::empty(area);
        let region = self.state.region;
        self.state = WireState {
            cursor: Some(Position::new(0, 0)),
            pen: RESET_PEN,
            width: area.width,
            region: None,
        };
        if region.is_some() {
            // The whole screen scrolls again (the old region may not fit the new size).
            self.bytes += 3;
            self.out.write_all(b"\x1b[r")?;
        }
        // Sent with the next frame: one write where there were two.
        const CLEAR: &[u8] = b"\x1b[0m\x1b[?25l\x1b[H\x1b[2J";
        self.bytes += CLEAR.len() as u64;
        self.out.write_all(CLEAR)
    }

    /// Turns on left/right margin mode, after the terminal said it supports it.
    pub fn enable_margins(&mut self) -> io::Result<()> {
        self.margins = true;
        self.send(b"\x1b[?69h")
    }

    pub fn margins(&self) -> bool {
        self.margins
    }

    /// Writes raw bytes that do not change the screen's contents (queries, modes).
    pub fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.bytes += bytes.len() as u64;
        self.out.write_all(bytes)?;
        self.out.flush()
    }

    /// Puts `next` on screen. `scroll` says that the rows of this rect now show what was
    /// `amount` rows further down: the terminal may scroll them instead of repainting.
    pub fn present(&mut self, next: Buffer, scroll: Option<(Rect, i32)>) -> io::Result<()> {
        if next.area != self.shown.area {
            self.reset(next.area)?;
        }
        let mut plain = Wire::new(self.state);
        plain.diff(&self.shown, &next);
        let mut best = plain;
        if let Some((rect, amount)) =
            scroll.filter(|(r, a)| *a != 0 && a.unsigned_abs() < u32::from(r.height))
        {
            // Without margins a scroll moves whole rows: whatever shares them is repainted.
            let rect = if self.margins {
                rect
            } else {
                Rect::new(0, rect.y, next.area.width, rect.height)
            };
            let mut scrolled = Wire::new(self.state);
            scrolled.scroll(rect, amount, self.margins);
            scrolled.diff(&shifted(&self.shown, rect, amount), &next);
            if scrolled.out.len() < best.out.len() {
                best = scrolled;
            }
        }
        self.state = best.state;
        self.shown = next;
        if best.out.is_empty() {
            // What `reset` wrote, if anything.
            return self.out.flush();
        }
        self.send(&best.out)
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn screen(w: u16, h: u16) -> Screen<Vec<u8>> {
        let mut s = Screen::new(Vec::new(), Rect::new(0, 0, w, h)).unwrap();
        s.out.clear();
        s
    }

    #[test]
    fn control_characters_in_cells_never_reach_the_terminal() {
        let mut s = screen(20, 2);
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 2));
        // (Single control bytes trip a debug assertion in ratatui itself, which filters them
        // in set_string; these get through set_symbol.)
        buf[(0, 0)].set_symbol("\x1b]");
        buf[(1, 0)].set_symbol("\u{9b}");
        buf[(2, 0)].set_symbol("\u{202e}");
        buf[(3, 0)].set_symbol("\x07\x07");
        s.present(buf, None).unwrap();
        let text = String::from_utf8(s.out.clone()).unwrap();
        // Our own sequences are the only ESCs: strip them and nothing control-like is left.
        let ours = text.replace("\x1b[H", "").replace("\x1b[0m", "");
        assert!(!ours.chars().any(is_unsafe), "{ours:?}");
        assert!(
            ours.starts_with("\u{FFFD}]") && ours.matches('\u{FFFD}').count() >= 3,
            "{ours:?}"
        );
    }

    #[test]
    fn an_unchanged_frame_sends_nothing_and_a_changed_cell_little() {
        let mut s = screen(40, 10);
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 10));
        buf.set_string(0, 0, "hello world", Style::default());
        s.present(buf.clone(), None).unwrap();
        s.out.clear();
        s.present(buf.clone(), None).unwrap();
        assert!(s.out.is_empty());
        buf.set_string(6, 0, "there", Style::default());
        s.present(buf, None).unwrap();
        assert_eq!(String::from_utf8(s.out.clone()).unwrap(), "\x1b[1;7Hthere");
    }

    #[test]
    fn a_scrolled_band_sends_only_the_new_row() {
        let area = Rect::new(0, 0, 30, 8);
        let lines: Vec<String> = (0..20)
            .map(|i| format!("line number {i} of the text"))
            .collect();
        let frame = |top: usize| {
            let mut b = Buffer::empty(area);
            for row in 0..7u16 {
                b.set_string(0, row, &lines[top + row as usize], Style::default());
            }
            b.set_string(0, 7, format!("status {top}"), Style::default());
            b
        };
        let mut s = screen(30, 8);
        s.present(frame(0), None).unwrap();
        s.out.clear();
        s.present(frame(1), Some((Rect::new(0, 0, 30, 7), 1)))
            .unwrap();
        let sent = String::from_utf8(s.out.clone()).unwrap();
        assert!(sent.starts_with("\x1b[1;7r\x1b[S"), "{sent:?}");
        assert!(sent.contains("line number 7 of the text"));
        assert!(!sent.contains("line number 3"), "{sent:?}");
        assert!(sent.len() < 60, "{} bytes: {sent:?}", sent.len());
        // The region stays set: the next scroll of the same band does not set it again, and
        // no line feed is sent from the region's last row (it would scroll the band).
        s.out.clear();
        s.present(frame(2), Some((Rect::new(0, 0, 30, 7), 1)))
            .unwrap();
        let again = String::from_utf8(s.out.clone()).unwrap();
        assert!(again.starts_with("\x1b[S"), "{again:?}");
        assert!(!again.contains('\n'), "{again:?}");
        // A new size sets the whole screen scrolling again.
        s.out.clear();
        s.reset(Rect::new(0, 0, 30, 8)).unwrap();
        assert!(
            s.out.starts_with(b"\x1b[r"),
            "{:?}",
            String::from_utf8_lossy(&s.out)
        );
    }

    #[test]
    fn rows_that_end_blank_are_cleared_with_one_el() {
        let area = Rect::new(0, 0, 40, 1);
        let mut s = screen(40, 1);
        let mut a = Buffer::empty(area);
        a.set_string(
            0,
            0,
            "a long line of text that fills the row",
            Style::default(),
        );
        s.present(a, None).unwrap();
        s.out.clear();
        let mut b = Buffer::empty(area);
        b.set_string(0, 0, "a long", Style::default());
        s.present(b, None).unwrap();
        // "a long" and the space after it are unchanged; the rest goes with one EL.
        assert_eq!(String::from_utf8(s.out.clone()).unwrap(), "\x1b[1;8H\x1b[K");
    }
}
