use super::*;

#[test]
fn parses_keys() {
    assert_eq!(Key::parse("j").unwrap(), Key::plain(KeyCode::Char('j')));
    assert_eq!(Key::parse("G").unwrap(), Key::plain(KeyCode::Char('G')));
    assert_eq!(
        Key::parse("shift-g").unwrap(),
        Key::plain(KeyCode::Char('G'))
    );
    assert_eq!(Key::parse("ctrl-d").unwrap(), Key::ctrl('d'));
    assert_eq!(Key::parse("Ctrl-D").unwrap(), Key::ctrl('d'));
    assert_eq!(Key::parse("space").unwrap(), Key::plain(KeyCode::Char(' ')));
    assert_eq!(
        Key::parse("pagedown").unwrap(),
        Key::plain(KeyCode::PageDown)
    );
    assert_eq!(
        Key::parse("shift-tab").unwrap(),
        Key::plain(KeyCode::BackTab)
    );
    assert_eq!(Key::parse("-").unwrap(), Key::plain(KeyCode::Char('-')));
    assert_eq!(Key::parse("f5").unwrap(), Key::plain(KeyCode::F(5)));
    assert!(Key::parse("ctrl-nothing").is_err());
    assert!(Key::parse("hyper-x").is_err());
    assert_eq!(Key::parse("ctrl-X").unwrap(), Key::ctrl('x'));
    assert!(Key::parse("ctrl-shift-x").unwrap_err().contains("ctrl-x"));
    for text in ["ctrl-d", "G", "space", "pagedown", "alt-x", "backtab", "?"] {
        assert_eq!(Key::parse(text).unwrap().to_string(), text);
    }
}

#[test]
fn user_file_overrides_key_by_key_and_unbinds() {
    let user = r#"
[reader]
keymap = [
  { on = "ctrl-e", run = "scroll_down" },
  { on = "j", run = "none" },
]
"#;
    let map = Keymap::with_user("keymap.toml", user).unwrap();
    let k = |t| Key::parse(t).unwrap();
    assert_eq!(
        map.lookup(Mode::Reader, k("ctrl-e")),
        Some(Command::ScrollDown)
    );
    assert_eq!(map.lookup(Mode::Reader, k("j")), None);
    // Untouched defaults stay.
    assert_eq!(
        map.lookup(Mode::Reader, k("down")),
        Some(Command::ScrollDown)
    );
    assert_eq!(map.lookup(Mode::List, k("j")), Some(Command::NextArticle));
    // The description comes from the default binding of the same command.
    let row = map
        .rows(Mode::Reader)
        .into_iter()
        .find(|r| r.1 == Command::ScrollDown)
        .unwrap();
    assert!(row.0.contains(&k("ctrl-e")) && !row.2.is_empty());
}

#[test]
fn the_same_binding_twice_is_not_a_conflict() {
    let user = "[reader]\nkeymap = [{ on = [\"shift-tab\", \"backtab\"], run = \"top\" }]\n";
    let map = Keymap::with_user("k.toml", user).unwrap();
    assert_eq!(
        map.lookup(Mode::Reader, Key::plain(KeyCode::BackTab)),
        Some(Command::Top)
    );
}

#[test]
fn hints_show_the_first_listed_key() {
    let map = Keymap::default_map();
    assert_eq!(
        map.hint(Mode::List, &[Command::FocusReader]).as_deref(),
        Some("enter")
    );
    assert_eq!(
        map.hint(Mode::Reader, &[Command::FocusList]).as_deref(),
        Some("tab")
    );
    let user = "[reader]\nkeymap = [{ on = \"tab\", run = \"none\" }]\n";
    let map = Keymap::with_user("k.toml", user).unwrap();
    assert_eq!(
        map.hint(Mode::Reader, &[Command::FocusList]).as_deref(),
        Some("esc")
    );
}

#[test]
fn global_keys_apply_unless_the_mode_rebinds_them() {
    let map = Keymap::default_map();
    let q = Key::parse("q").unwrap();
    assert_eq!(map.lookup(Mode::List, q), Some(Command::Quit));
    assert_eq!(map.lookup(Mode::Prompt, q), None, "q is text in the prompt");
}

fn err(text: &str) -> String {
    Keymap::with_user("/home/u/.config/briefly/keymap.toml", text)
        .unwrap_err()
        .0
}

#[test]
fn bad_files_name_the_file_line_and_entry() {
    let e = err("[reader]\nkeymap = [\n  { on = \"x\", run = \"scroll_sideways\" },\n]\n");
    assert!(
        e.starts_with("/home/u/.config/briefly/keymap.toml: line 3:"),
        "{e}"
    );
    assert!(e.contains("scroll_sideways") && e.contains("\"x\""), "{e}");
    let e = err("[reader]\nkeymap = [{ on = \"x\", run = \"scrol_down\" }]\n");
    assert!(e.contains("did you mean \"scroll_down\"?"), "{e}");
    let e = err("[reader]\nkeymap = [{ on = \"x\", run = \"rockets\" }]\n");
    assert!(e.contains("the actions are: none, quit,"), "{e}");

    let e = err("[list]\nkeymap = [{ on = \"ctrl-\u{e9}t\u{e9}\", run = \"quit\" }]\n");
    assert!(
        e.contains("line 2") && e.contains("cannot read the key"),
        "{e}"
    );

    let e = err(
        "[list]\nkeymap = [\n { on = \"x\", run = \"quit\" },\n { on = \"x\", run = \"help\" },\n]\n",
    );
    assert!(e.contains("line 4") && e.contains("bound twice"), "{e}");

    let e = err("[sidebar]\nkeymap = []\n");
    assert!(e.contains("line 1") && e.contains("unknown mode"), "{e}");

    let e = err("[list]\nkeymap = [{ on = \"x\", run = \"quit\", colour = 1 }]\n");
    assert!(e.contains("line 2") && e.contains("colour"), "{e}");

    let e = err("[list\nkeymap = 3");
    assert!(e.contains("keymap.toml: line 1"), "{e}");
}

#[test]
fn every_mistake_is_reported_in_line_order() {
    // [reader] sorts after [list] by name but comes first in the file.
    let e = err(concat!(
        "[reader]\nkeymap = [\n  { on = \"x\", run = \"scroll_sideways\" },\n]\n",
        "[list]\nkeymap = [\n  { on = \"ctrl-\u{e9}t\u{e9}\", run = \"quit\" },\n",
        "  { on = \"z\", run = \"fly\" },\n]\n",
    ));
    let lines: Vec<&str> = e.lines().collect();
    assert_eq!(lines.len(), 3, "{e}");
    assert!(
        lines[0].contains("line 3") && lines[0].contains("scroll_sideways"),
        "{e}"
    );
    assert!(lines[1].contains("line 7"), "{e}");
    assert!(
        lines[2].contains("line 8") && lines[2].contains("fly"),
        "{e}"
    );
}

#[test]
fn an_action_left_without_a_key_is_named() {
    assert!(Keymap::default_map().unbound().is_empty());
    let map = Keymap::with_user(
        "keymap.toml",
        "[global]\nkeymap = [{ on = \"?\", run = \"none\" }, { on = \"q\", run = \"none\" }, { on = \"ctrl-c\", run = \"none\" }]\n",
    )
    .unwrap();
    let names: Vec<String> = map.unbound().iter().map(|c| c.name()).collect();
    assert!(
        names.contains(&"help".to_string()) && names.contains(&"quit".to_string()),
        "{names:?}"
    );
}

#[test]
fn the_default_keymap_read_from_json_is_the_one_in_the_toml_file() {
    let toml = Keymap::default_from_toml().expect("the default keymap file is valid");
    assert_eq!(Keymap::default_map(), toml);
    assert!(!toml.rows(Mode::Reader).is_empty());
}

#[test]
fn a_hint_names_only_a_key_that_works_in_the_mode() {
    let map = Keymap::default_map();
    // In the editor and the prompt `?` is text, so no "? help" there.
    assert_eq!(map.key_for(Mode::Editor, Command::Help), None);
    assert_eq!(map.key_for(Mode::Prompt, Command::Help), None);
    assert_eq!(
        map.key_for(Mode::Reader, Command::Help),
        Key::parse("?").ok()
    );
    // A selection falls back to the reader's keys, as its lookups do.
    assert_eq!(
        map.key_for(Mode::Select, Command::PageDown),
        Key::parse("space").ok()
    );
}
