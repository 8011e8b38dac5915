//! The embedded tables only tagging needs (the model, the word clusters: some 15 MB once
//! unpacked), held by the threads that tag and let go when none does. Once a briefing is
//! tagged, its stories are built with those megabytes free, and the next article to tag (a
//! refresh) unpacks them again (a few tens of milliseconds).
//!
//! Each thread that tags holds a table in a thread-local slot ([`Held::get`]) until it lets
//! go ([`let_go`], as the tagging workers do when idle); a thread that never lets go (a
//! command-line run) simply keeps it.

use std::cell::RefCell;
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::thread::LocalKey;

/// A table unpacked on first use and shared by the threads that hold it.
pub struct Held<T: 'static> {
    shared: Mutex<Weak<T>>,
    load: fn() -> T,
    /// This thread's hold.
    local: &'static LocalKey<RefCell<Option<Arc<T>>>>,
}

impl<T> Held<T> {
    pub const fn new(load: fn() -> T, local: &'static LocalKey<RefCell<Option<Arc<T>>>>) -> Self {
        Held {
            shared: Mutex::new(Weak::new()),
            load,
            local,
        }
    }

    /// The table, held by this thread from now until it lets go: the one another thread
    /// holds, else unpacked now.
    pub fn get(&self) -> Arc<T> {
        self.local.with(|slot| {
            slot.borrow_mut()
                .get_or_insert_with(|| self.shared())
                .clone()
        })
    }

    fn shared(&self) -> Arc<T> {
        let mut shared = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(table) = shared.upgrade() {
            return table;
        }
        let table = Arc::new((self.load)());
        *shared = Arc::downgrade(&table);
        table
    }

    /// Whether some thread holds the table (or a copy of its handle is still alive).
    pub fn is_held(&self) -> bool {
        self.shared
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .strong_count()
            > 0
    }

    /// This thread lets go of the table: it is freed once no thread holds it.
    pub fn let_go(&self) {
        self.local.with(|slot| slot.borrow_mut().take());
    }
}

/// Whether any thread holds a table tagging needs (the model or the clusters).
pub fn any_held() -> bool {
    super::tagger::EMBEDDED_TAGGER.is_held() || super::clusters::EMBEDDED_CLUSTERS.is_held()
}

/// This thread lets go of every table tagging needs.
pub fn let_go() {
    super::tagger::EMBEDDED_TAGGER.let_go();
    super::clusters::EMBEDDED_CLUSTERS.let_go();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static LOADS: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static SLOT: RefCell<Option<Arc<Vec<u8>>>> = const { RefCell::new(None) };
    }
    static TABLE: Held<Vec<u8>> = Held::new(
        || {
            LOADS.fetch_add(1, Ordering::SeqCst);
            vec![7; 1000]
        },
        &SLOT,
    );

    #[test]
    fn a_table_is_shared_while_held_and_freed_when_no_thread_holds_it() {
        let one = TABLE.get();
        let loads = LOADS.load(Ordering::SeqCst);
        // Another thread takes the same table, without unpacking it again.
        let other = std::thread::spawn(|| {
            let t = TABLE.get();
            let same = t.len();
            TABLE.let_go();
            same
        });
        assert_eq!(other.join().unwrap(), 1000);
        assert_eq!(LOADS.load(Ordering::SeqCst), loads);
        assert!(std::ptr::eq(&*one, &*TABLE.get()));
        drop(one);
        assert!(TABLE.is_held());
        TABLE.let_go();
        assert!(!TABLE.is_held(), "freed when no thread holds it");
        // And unpacked again when needed.
        assert_eq!(TABLE.get()[0], 7);
        assert_eq!(LOADS.load(Ordering::SeqCst), loads + 1);
        TABLE.let_go();
    }
}
