//! Where briefly keeps its files: the data dir (positions, later notes) and the config dir
//! (keymap.toml). `BRIEFLY_DATA_DIR` and `BRIEFLY_CONFIG_DIR` override them.

use std::path::PathBuf;

use crate::keymap::Keymap;

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "briefly")
}

/// None when there is no home directory and no override: then nothing is written at all.
pub fn data_dir() -> Option<PathBuf> {
    std::env::var_os("BRIEFLY_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| project().map(|p| p.data_dir().to_path_buf()))
}

pub fn config_dir() -> Option<PathBuf> {
    std::env::var_os("BRIEFLY_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(|| project().map(|p| p.config_dir().to_path_buf()))
}

pub fn keymap_path() -> Option<PathBuf> {
    config_dir().map(|d| d.join("keymap.toml"))
}

/// The user's settings from `<config dir>/config.toml`; every field is optional.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The tags keys 1-9 apply, in order.
    pub quick_tags: Vec<String>,
    /// Where E writes exports (else `<data dir>/exports`).
    pub exports_dir: Option<PathBuf>,
    /// Whether `y`/`Y` may write to the clipboard through the terminal (OSC 52).
    pub copy: bool,
    /// Whether searches ignore accents ("zoe" finds "Zoë").
    pub fold_accents: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            quick_tags: crate::app::annotate::DEFAULT_QUICK_TAGS
                .iter()
                .map(|t| t.to_string())
                .collect(),
            exports_dir: None,
            copy: true,
            fold_accents: false,
        }
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    quick_tags: Option<Vec<String>>,
    exports_dir: Option<String>,
    copy: Option<bool>,
    fold_accents: Option<bool>,
}

/// The default keymap with the user's keymap file laid over it, when there is one. A mistake
/// is one message per line of the file.
pub fn load_keymap() -> Result<Keymap, String> {
    let Some(path) = keymap_path() else {
        return Ok(Keymap::default_map());
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            Keymap::with_user(&path.display().to_string(), &text).map_err(|e| e.to_string())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Keymap::default_map()),
        Err(e) => Err(format!("{}: cannot be read ({e})", path.display())),
    }
}

/// Reads the settings file when there is one. A mistake is one message naming the file and
/// the line, before the terminal is touched.
pub fn load_settings() -> Result<Settings, String> {
    let Some(path) = config_dir().map(|d| d.join("config.toml")) else {
        return Ok(Settings::default());
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => parse_settings(&path.display().to_string(), &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
        Err(e) => Err(format!("{}: cannot be read ({e})", path.display())),
    }
}

/// A TOML mistake as "line N: what" (the line when the parser knows it).
pub fn toml_problem(text: &str, e: &toml::de::Error) -> String {
    let line = e
        .span()
        .map(|s| {
            format!(
                "line {}: ",
                text[..s.start.min(text.len())].matches('\n').count() + 1
            )
        })
        .unwrap_or_default();
    format!("{line}{}", e.message().trim())
}

pub fn parse_settings(name: &str, text: &str) -> Result<Settings, String> {
    let file: SettingsFile =
        toml::from_str(text).map_err(|e| format!("{name}: {}", toml_problem(text, &e)))?;
    let mut settings = Settings::default();
    if let Some(tags) = file.quick_tags {
        if tags.len() > 9 {
            return Err(format!(
                "{name}: quick_tags has {} tags; keys 1-9 take at most 9",
                tags.len()
            ));
        }
        if let Some(bad) = tags
            .iter()
            .find(|t| t.trim().is_empty() || t.contains(char::is_whitespace))
        {
            return Err(format!(
                "{name}: quick_tags: {bad:?} is not a tag (one word, no spaces)"
            ));
        }
        settings.quick_tags = tags
            .iter()
            .map(|t| crate::app::annotate::normalise_tag(t))
            .collect();
        settings.quick_tags.dedup();
    }
    if let Some(copy) = file.copy {
        settings.copy = copy;
    }
    if let Some(fold) = file.fold_accents {
        settings.fold_accents = fold;
    }
    if let Some(dir) = file.exports_dir {
        settings.exports_dir = Some(absolute_dir(&dir).ok_or_else(|| {
            format!(
                "{name}: exports_dir: {dir:?} is not an absolute path (or one starting with ~/)"
            )
        })?);
    }
    Ok(settings)
}

/// An absolute path, with `~/` standing for the home folder.
fn absolute_dir(text: &str) -> Option<PathBuf> {
    let path = match text.strip_prefix("~/") {
        Some(rest) => directories::BaseDirs::new()?.home_dir().join(rest),
        None => PathBuf::from(text),
    };
    path.is_absolute().then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_can_be_switched_off() {
        assert!(parse_settings("c", "").unwrap().copy);
        assert!(!parse_settings("c", "copy = false\n").unwrap().copy);
        assert!(parse_settings("c", "copy = \"no\"\n").is_err());
    }

    #[test]
    fn accent_folding_is_off_unless_asked() {
        assert!(!parse_settings("c", "").unwrap().fold_accents);
        assert!(
            parse_settings("c", "fold_accents = true\n")
                .unwrap()
                .fold_accents
        );
        assert!(parse_settings("c", "fold_accents = 1\n").is_err());
    }

    #[test]
    fn quick_tags_from_the_file() {
        let s =
            parse_settings("config.toml", "quick_tags = [\"source\", \"#timeline\"]\n").unwrap();
        assert_eq!(s.quick_tags, ["source", "timeline"]);
        let s = parse_settings("c", "quick_tags = [\"Source\", \"source\"]").unwrap();
        assert_eq!(s.quick_tags, ["source"]);
        assert_eq!(parse_settings("c", "").unwrap(), Settings::default());
        let e = parse_settings("config.toml", "\nquick_tag = [\"x\"]\n").unwrap_err();
        assert!(
            e.starts_with("config.toml: line 2:") && e.contains("quick_tag"),
            "{e}"
        );
        let s = parse_settings("c", "exports_dir = \"/srv/notes\"").unwrap();
        assert_eq!(s.exports_dir, Some(PathBuf::from("/srv/notes")));
        let e = parse_settings("c", "exports_dir = \"notes\"").unwrap_err();
        assert!(e.contains("not an absolute path"), "{e}");
        assert!(
            parse_settings("c", "quick_tags = [\"two words\"]")
                .unwrap_err()
                .contains("two words")
        );
    }
}
