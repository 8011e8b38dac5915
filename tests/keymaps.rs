//! Every keymap file in keymaps/ loads, has no conflicts, and binds every command.

use briefly::app::Command;
use briefly::keymap::{Keymap, Mode};

#[test]
fn every_keymap_file_loads_and_binds_every_command() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("keymaps");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        seen += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let map = Keymap::parse_file(&path.display().to_string(), &text, None)
            .unwrap_or_else(|e| panic!("{e}"));
        for &command in Command::ALL {
            let bound = Mode::ALL
                .iter()
                .any(|&m| map.rows(m).iter().any(|r| r.1 == command));
            assert!(bound, "{}: no key runs {}", path.display(), command.name());
        }
        assert_eq!(
            map.waiting_keys(),
            [],
            "{}: keys that are an action and the start of a pair make the action wait",
            path.display()
        );
        for mode in Mode::ALL {
            for (keys, _, desc) in map.rows(mode) {
                assert!(
                    !desc.trim().is_empty(),
                    "{}: {:?} has no description",
                    path.display(),
                    keys
                );
            }
        }
    }
    assert!(seen >= 1);
}

#[test]
fn the_printed_keymap_reads_back_as_the_same_keymap() {
    let map = Keymap::default_map();
    let printed = map.to_toml();
    let again = Keymap::parse_file("printed", &printed, None).unwrap();
    assert_eq!(again.to_toml(), printed);
    for mode in Mode::ALL {
        assert_eq!(again.rows(mode), map.rows(mode));
    }
}

#[test]
fn the_printed_keymap_reads_back_whatever_a_description_holds() {
    let user = "[reader]\nkeymap = [\n  { on = \"ctrl-e\", run = \"scroll_down\", desc = \"red \\u001b[31m \\\"quoted\\\" \\\\ back\" },\n]\n";
    let map = Keymap::with_user("keymap.toml", user).unwrap();
    let printed = map.to_toml();
    let again = Keymap::with_user("printed.toml", &printed).expect("valid TOML and keymap");
    assert_eq!(again.to_toml(), printed);
    assert!(
        printed.contains("\"red \\u001B[31m \\\"quoted\\\" \\\\ back\""),
        "{printed}"
    );
}
