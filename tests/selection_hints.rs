//! The status line while a selection is made shows the keys that extend, tag and cancel it,
//! from the keymap in effect.

mod common;
use common::Harness;

const STORY: &str = "Quay repairs begin\n\nThe harbour council voted on Tuesday to repair the north quay. \
Work starts in March and lasts a year.\n\nThe bill is 2.1 million. Residents asked for a public meeting.\n";

fn selecting(keymap: Option<&str>) -> Harness {
    let mut h = Harness::files(&[("quay.txt", STORY.as_bytes())], 100, 30);
    h.load_all();
    if let Some(user) = keymap {
        h.state.keymap = briefly::keymap::Keymap::with_user("keymap.toml", user).unwrap();
    }
    h.keys("enter v");
    assert!(h.state.selection.is_some());
    h
}

fn status(h: &Harness) -> String {
    h.rows().last().cloned().unwrap_or_default()
}

#[test]
fn the_selection_shows_its_keys() {
    let h = selecting(None);
    let line = status(&h);
    assert!(
        line.contains("SELECT")
            && line.contains(") ( w b } { extend")
            && line.contains("t tag")
            && line.contains("1-9 quick tag")
            && line.contains("esc cancel"),
        "{line}"
    );
}

#[test]
fn a_users_binding_shows_and_an_unbound_command_does_not() {
    let user = "[select]\nkeymap = [{ on = \"q\", run = \"select_cancel\" }, { on = \"esc\", run = \"none\" }]\n\
                [reader]\nkeymap = [{ on = \"t\", run = \"none\" }]\n";
    let h = selecting(Some(user));
    let line = status(&h);
    assert!(line.contains("q cancel") && !line.contains("esc"), "{line}");
    assert!(!line.contains(" t tag"), "{line}");
}
