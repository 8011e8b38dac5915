//! Styles. Nothing depends on colour alone: every highlight also has a modifier (reverse, bold,
//! underline), so NO_COLOR and monochrome terminals lose nothing. Colours are the 16 ANSI ones.

use ratatui::style::{Color, Modifier, Style};

use crate::analysis::entities::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless NO_COLOR is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    pub fn plain() -> Style {
        Style::default()
    }

    fn fg(&self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    pub fn selected(&self, focused: bool) -> Style {
        let s = Style::default().add_modifier(Modifier::REVERSED);
        if focused {
            s.add_modifier(Modifier::BOLD)
        } else {
            s
        }
    }

    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        self.fg(Style::default(), Color::DarkGray)
            .add_modifier(if self.color {
                Modifier::empty()
            } else {
                Modifier::DIM
            })
    }

    /// Photo captions and credits: not the article's text, so set apart (dim and italic).
    /// A source line cleaning removed (raw view): dim and struck through, colour or not.
    pub fn removed(&self) -> Style {
        self.dim()
            .add_modifier(Modifier::CROSSED_OUT | Modifier::DIM)
    }

    pub fn caption(&self) -> Style {
        self.dim().add_modifier(Modifier::ITALIC)
    }

    /// A passage with a note: underlined and italic (so it differs from search matches
    /// without colour), magenta with colour.
    pub fn note(&self) -> Style {
        self.fg(Style::default(), Color::Magenta)
            .add_modifier(Modifier::UNDERLINED | Modifier::ITALIC)
    }

    /// The passage being selected: reversed, visible with and without colour.
    pub fn selection(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn error(&self) -> Style {
        self.fg(Style::default(), Color::Red)
            .add_modifier(Modifier::ITALIC)
    }

    pub fn unread(&self) -> Style {
        self.fg(Style::default(), Color::Cyan)
            .add_modifier(Modifier::BOLD)
    }

    /// Without colour a match is reversed, so that it stands out from underlined entities.
    pub fn search_match(&self) -> Style {
        if self.color {
            Style::default()
                .add_modifier(Modifier::UNDERLINED)
                .bg(Color::Yellow)
                .fg(Color::Black)
        } else {
            // Reversed and underlined: apart from a selection (reversed) and the current match
            // (reversed and bold).
            only(Modifier::REVERSED | Modifier::UNDERLINED)
        }
    }

    /// The current match (and the mention `n` walked to). Without colour it is reversed and
    /// bold but not underlined, and takes nothing from a name under it, so that it never
    /// looks like another match (one over a bold name was bold too).
    pub fn current_match(&self) -> Style {
        if self.color {
            Style::default()
                .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            only(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn status(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// An entity mention. Each type has its own modifiers, so the types stay apart without
    /// colour (and apart from a note's underlined italics and a search match's reverse);
    /// colour adds a hue per type.
    pub fn entity(&self, kind: Kind) -> Style {
        let (modifier, color) = match kind {
            Kind::Person => (Modifier::BOLD, Color::Cyan),
            Kind::Org => (Modifier::BOLD | Modifier::UNDERLINED, Color::LightBlue),
            Kind::Place => (Modifier::UNDERLINED, Color::Green),
            Kind::Misc => (Modifier::BOLD | Modifier::ITALIC, Color::Yellow),
            Kind::Date => (Modifier::ITALIC, Color::LightRed),
            Kind::Money => (
                Modifier::BOLD | Modifier::ITALIC | Modifier::UNDERLINED,
                Color::LightGreen,
            ),
            // Figures without colour: faint, which no other highlight is.
            Kind::Percent if !self.color => (Modifier::DIM | Modifier::UNDERLINED, Color::Reset),
            Kind::Percent => (Modifier::UNDERLINED, Color::LightYellow),
            Kind::Quantity if !self.color => (
                Modifier::DIM | Modifier::ITALIC | Modifier::UNDERLINED,
                Color::Reset,
            ),
            Kind::Quantity => (Modifier::UNDERLINED, Color::LightCyan),
        };
        // Its own modifiers only: a name in a noted passage or a caption shows its type, not
        // its type mixed with the note's or the caption's look.
        self.fg(only(modifier), color)
    }

    pub fn key(&self) -> Style {
        self.fg(Style::default(), Color::Cyan)
            .add_modifier(Modifier::BOLD)
    }
}

/// A style with these modifiers and no others, whatever it is drawn over.
fn only(modifier: Modifier) -> Style {
    Style::default()
        .add_modifier(modifier)
        .remove_modifier(Modifier::all() - modifier)
}
