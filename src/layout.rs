//! Where each pane goes for a terminal size: pure geometry shared by `update` (which needs the
//! reader's width to wrap and its height to page) and the UI (which draws there).

use ratatui::layout::Rect;

/// Below this the app shows a one-line request for a bigger terminal instead of panes.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 6;
/// Two panes side by side from this width; below it one pane at a time.
pub const SPLIT_WIDTH: u16 = 80;
/// Lines longer than this are hard to read; wider readers keep a margin instead.
pub const MAX_MEASURE: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub list: Option<Rect>,
    /// The column between the two panes.
    pub divider: Option<Rect>,
    /// The reader's header: title and source.
    pub header: Option<Rect>,
    /// The reader's text rows.
    pub body: Option<Rect>,
    pub status: Rect,
    pub too_small: bool,
}

/// Lays out a `width` x `height` terminal. With one pane at a time, `reader_focused` picks it;
/// `reader_only` gives the reader the whole width whatever the size (zoom).
pub fn panes(width: u16, height: u16, reader_focused: bool, reader_only: bool) -> Panes {
    let full = Rect::new(0, 0, width, height);
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Panes {
            status: full,
            too_small: true,
            ..Panes::default()
        };
    }
    let status = Rect::new(0, height - 1, width, 1);
    let main_h = height - 1;
    let (list, divider, reader) = if width >= SPLIT_WIDTH && !reader_only {
        // The list widens with the terminal, so titles are cut less (a wide terminal gives
        // it a third; the reader's measure stops at 100 columns anyway).
        let list_w = match width {
            ..140 => (width * 3 / 10).clamp(26, 44),
            _ => (width / 3).min(60),
        };
        (
            Some(Rect::new(0, 0, list_w, main_h)),
            Some(Rect::new(list_w, 0, 1, main_h)),
            Some(Rect::new(list_w + 1, 0, width - list_w - 1, main_h)),
        )
    } else if reader_focused || reader_only {
        (None, None, Some(Rect::new(0, 0, width, main_h)))
    } else {
        (Some(Rect::new(0, 0, width, main_h)), None, None)
    };
    let (header, body) = match reader {
        Some(r) => {
            // One column of margin on the left; on the right a blank one, then the column of
            // corroboration counts (so that a count never reads as part of a word). The
            // header is title plus source, with a blank row under it when there is room. A
            // pane wider than the measure centres the text.
            let inner_w = r.width.saturating_sub(3).min(MAX_MEASURE);
            let x = r.x + 1 + (r.width.saturating_sub(3) - inner_w) / 2;
            let header_h = if r.height >= 12 { 3 } else { 1 };
            (
                Some(Rect::new(x, r.y, inner_w, header_h)),
                Some(Rect::new(x, r.y + header_h, inner_w, r.height - header_h)),
            )
        }
        None => (None, None),
    };
    Panes {
        list,
        divider,
        header,
        body,
        status,
        too_small: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_split_narrow_ones_show_one_pane() {
        let p = panes(100, 30, false, false);
        assert!(p.list.is_some() && p.body.is_some());
        let p = panes(60, 20, false, false);
        assert!(p.list.is_some() && p.body.is_none());
        let p = panes(60, 20, true, false);
        assert!(p.list.is_none() && p.body.unwrap().width == 57);
        assert!(panes(20, 5, true, false).too_small);
        let p = panes(100, 30, true, true);
        assert!(p.list.is_none() && p.body.unwrap().width == 97);
    }

    #[test]
    fn the_measure_is_capped() {
        let p = panes(200, 60, true, false);
        assert_eq!(p.body.unwrap().width, MAX_MEASURE);
    }
}
