//! Turns the default keymap (`keymaps/default.toml`, the one source of bindings) into JSON for
//! the binary: the keymap is read before the first screen, and JSON reads in a tenth of the
//! time TOML takes. A test checks that both readings give the same keymap. It also links the
//! program for a quick start (below).

fn main() {
    // On Linux the program is linked position-dependent: a position-independent one has some
    // 36,000 addresses to fix up at every start (about 0.45 ms, a tenth of the time to the
    // first screen). Libraries, heap and stack are still placed at random.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
    println!("cargo::rerun-if-changed=keymaps/default.toml");
    let text = std::fs::read_to_string("keymaps/default.toml").expect("keymaps/default.toml");
    let value: toml::Value = toml::from_str(&text).expect("keymaps/default.toml is TOML");
    let json = serde_json::to_string(&value).expect("TOML values are JSON values");
    let dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(std::path::Path::new(&dir).join("default_keymap.json"), json)
        .expect("OUT_DIR is writable");
}
