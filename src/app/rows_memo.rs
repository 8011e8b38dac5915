//! The list's rows kept between updates (see [`super::stories::rows`]).

use std::sync::{Arc, Mutex};

use super::stories::Row;

/// The list's rows as last made, and the (`list`, `generation`, entries) they were made for:
/// what would be made again, so it is not part of the state's equality.
#[derive(Default)]
pub struct RowsMemo(pub(super) Mutex<Option<(Key, Arc<[Row]>)>>);

/// (`list`, `generation`, how many entries).
pub(super) type Key = (u64, u64, usize);

impl Clone for RowsMemo {
    fn clone(&self) -> Self {
        RowsMemo::default()
    }
}

impl PartialEq for RowsMemo {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for RowsMemo {}

impl std::fmt::Debug for RowsMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RowsMemo")
    }
}
