//! Unit tests of the text cleaner's stages as a whole.
use super::*;

fn texts(p: &[Paragraph]) -> Vec<&str> {
    p.iter().map(|p| p.text.as_str()).collect()
}

#[test]
fn one_paragraph_per_line_scrapes_keep_their_lines() {
    let Extracted {
        title,
        paragraphs: p,
        ..
    } = parse_text(
        "Home | World | Sport | Sign in\nCanal levy rises again\nFirst paragraph here.\nSecond one.\n",
        false,
    );
    assert_eq!(title, "Canal levy rises again");
    // The navigation row above the headline is page furniture, not article text.
    assert_eq!(texts(&p), ["First paragraph here.", "Second one."]);
}

#[test]
fn hard_wrapped_blocks_are_joined() {
    let text = "The council met on a wet Monday to argue about the\n\
                bridge tolls, which have risen twice this year while\n\
                the repairs they pay for have not yet started.\n\nNext.";
    let Extracted { paragraphs: p, .. } = parse_text(text, false);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[0].text.starts_with("The council met") && p[0].text.ends_with("started."));
}

#[test]
fn short_paragraphs_join_in_a_wrapped_file() {
    let text = "Bridge tolls\n\n\
                The council met on a wet Monday to argue about the\n\
                bridge tolls, which have risen twice this year.\n\n\
                Members asked for the figures before any vote on\n\
                the repairs, which have not yet started at all.\n";
    let Extracted {
        title,
        paragraphs: p,
        ..
    } = parse_text(text, false);
    assert_eq!(title, "Bridge tolls");
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[1].text.starts_with("Members") && p[1].text.ends_with("at all."));
}

#[test]
fn markdown_headings_are_marked_and_give_the_title() {
    let Extracted {
        title,
        paragraphs: p,
        ..
    } = parse_text(
        "# Port strike ends\n\nWorkers return.\n\n## Next steps\n",
        true,
    );
    assert_eq!(title, "Port strike ends");
    // The title is shown above the text, so it is not repeated in it.
    assert_eq!(texts(&p), ["Workers return.", "Next steps"]);
    assert_eq!(p[1].kind, ParagraphKind::Heading);
}

#[test]
fn a_repeated_headline_is_dropped_from_the_text() {
    let Extracted {
        title,
        paragraphs: p,
        ..
    } = parse_text(
        "Ferry fares frozen\nFerry fares frozen\nThe council agreed on Monday.\n",
        false,
    );
    assert_eq!(title, "Ferry fares frozen");
    assert_eq!(texts(&p), ["The council agreed on Monday."]);
}

#[test]
fn a_long_block_of_words_without_full_stops_is_the_body() {
    let block = "Café naïve résumé ".repeat(200);
    let e = parse_text(&format!("A title line\n{block}\n"), false);
    assert_eq!(e.title, "A title line");
    assert_eq!(texts(&e.paragraphs), [block.trim_end()]);
}

#[test]
fn the_only_text_of_a_file_comes_back_whatever_its_look() {
    // Thirty capitalised words with no function words or stops read like a menu run
    // together; when they are all the file holds, they are its text.
    let names = "Ana Reis Tomas Vell Ines Corvo Lena Ostra Mira Volant Jon Brandt Ada Okafor \
                 Rui Sousa Eva Lind Ola Berg Kai Moen Ida Holm Per Dahl Liv Strand Tor Lunde";
    let e = parse_text(&format!("Cast list\n\n{names}\n"), false);
    assert_eq!(texts(&e.paragraphs), [names]);
    // Beside an article, the same line is page furniture.
    let article = "The council met on Monday to argue about the bridge tolls, which have \
                   risen twice this year while the repairs they pay for have not started.";
    let e = parse_text(&format!("Cast list\n\n{names}\n\n{article}\n"), false);
    assert_eq!(texts(&e.paragraphs), [article]);
}

#[test]
fn control_characters_never_survive_parsing() {
    let Extracted {
        title,
        paragraphs: p,
        ..
    } = parse_text(
        "Bad \x1b[2Jtitle\x07 here\n\nText\u{9b}31m with \u{202e}tricks",
        false,
    );
    assert_eq!(title, "Bad title\u{FFFD} here");
    assert!(
        p.iter()
            .all(|p| !p.text.chars().any(crate::sanitize::is_unsafe))
    );
}
