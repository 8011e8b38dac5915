//! Where briefly keeps its files: the data dir (positions, later notes) and the config dir
//! (keymap.toml). `BRIEFLY_DATA_DIR` and `BRIEFLY_CONFIG_DIR` override them.

use std::path::PathBuf;

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
