//! Notes: the model (W3C Web Annotation–shaped targets), re-anchoring to changed text, the
//! store (the only file I/O for notes), and export as Markdown and as W3C Web Annotation
//! JSON (pure). No UI types here.

pub mod anchor;
pub mod export;
mod file;
pub mod markdown;
pub mod model;
pub mod recover;
pub mod store;
pub mod w3c;

pub use anchor::{Anchoring, reanchor};
pub use export::{ArticleRef, ExportInput, GroupBy, gather, to_markdown};
pub use model::{Note, Selector, Target};
pub use store::{Loaded, Store};
pub use w3c::{from_json, to_json};
