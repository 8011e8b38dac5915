//! Notes: the model (W3C Web Annotation–shaped targets), re-anchoring to changed text, and the
//! store (the only file I/O for notes). No UI types here.

pub mod anchor;
pub mod model;
pub mod store;

pub use anchor::{Anchoring, reanchor};
pub use model::{Note, Selector, Target};
pub use store::{Loaded, Store};
