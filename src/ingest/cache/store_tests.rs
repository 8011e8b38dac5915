//! Tests of the folder of kept articles.
use super::*;
use crate::ingest::Paragraph;

fn source(dir: &Path, name: &str) -> Source {
    Source::File {
        path: dir.join(name),
        label: name.into(),
        in_folder: true,
    }
}

fn article(text: &str) -> Article {
    Article {
        title: "t".into(),
        paragraphs: vec![Paragraph::body(text.to_string())],
        ..Article::default()
    }
}

/// Writes `text` to `path` with a time of change an hour ago: the stamp it is kept under,
/// and its metadata.
fn settled(path: &Path, text: &str) -> (Stamp, fs::Metadata) {
    fs::write(path, text).unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    let meta = fs::metadata(path).unwrap();
    (
        Stamp::new(meta.len(), meta.modified().ok(), text.as_bytes()),
        meta,
    )
}

#[test]
fn a_settled_file_is_vouched_for_by_its_size_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), 1);
    let path = dir.path().join("a.txt");
    let (stamp, _) = settled(&path, "0123456789");
    let a = source(dir.path(), "a.txt");
    store.put(&a, &stamp, &article("One."));
    let stat = |p: &Path| {
        let m = fs::metadata(p).unwrap();
        (m.len(), m.modified().ok())
    };
    let (size, mtime) = stat(&path);
    assert_eq!(store.get_unchanged(&a, size, mtime), Some(article("One.")));
    assert_eq!(
        store.get_unchanged(&a, size + 1, mtime),
        None,
        "another size"
    );
    // Changed now (the time moves past the record's): the bytes must be read again.
    fs::write(&path, "9876543210").unwrap();
    let (size, mtime) = stat(&path);
    assert_eq!(store.get_unchanged(&a, size, mtime), None);
    // A record written within the time step of the change is not trusted either.
    let meta = fs::metadata(&path).unwrap();
    store.put(
        &a,
        &Stamp::new(meta.len(), meta.modified().ok(), b"9876543210"),
        &article("Two."),
    );
    assert_eq!(
        store.get_unchanged(&a, size, mtime),
        None,
        "racy: read the bytes"
    );
}

#[test]
fn kept_then_found_and_only_for_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), 1);
    let a = source(dir.path(), "a.txt");
    let stamp = Stamp::new(10, None, b"0123456789");
    assert_eq!(store.get(&a, &stamp), None);
    store.put(&a, &stamp, &article("One."));
    assert_eq!(store.get(&a, &stamp), Some(article("One.")));
    assert_eq!(store.get(&source(dir.path(), "b.txt"), &stamp), None);
    assert_eq!(store.get(&a, &Stamp::new(10, None, b"0123456788")), None);
    assert_eq!(Store::new(dir.path(), 2).get(&a, &stamp), None, "build");
    assert_eq!(store.counts(), (1, 1));
}

#[test]
fn a_put_off_record_is_written_only_when_told_and_then_found() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), 1).later();
    let a = source(dir.path(), "a.txt");
    let stamp = Stamp::new(10, None, b"0123456789");
    store.put(&a, &stamp, &article("One."));
    assert!(store.has_put_off());
    assert_eq!(store.get(&a, &stamp), None, "not written yet");
    assert!(!store.write_put_off("elsewhere", &article("One.")));
    assert!(store.write_put_off(&a.key(), &article("One.")));
    assert!(!store.has_put_off());
    assert_eq!(store.get(&a, &stamp), Some(article("One.")));
    // Written once: a second call has nothing to write.
    assert!(!store.write_put_off(&a.key(), &article("Two.")));
    assert_eq!(store.counts(), (1, 1));
}

#[test]
fn pruning_removes_the_oldest_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), 1);
    let stamp = Stamp::new(1, None, b"x");
    let names: Vec<String> = (0..6).map(|i| format!("{i}.txt")).collect();
    for (i, name) in names.iter().enumerate() {
        let s = source(dir.path(), name);
        store.put(&s, &stamp, &article(&"word ".repeat(50)));
        // Written an hour apart, the first longest ago.
        let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(3600 * (i as u64 + 1));
        let file = fs::File::options()
            .write(true)
            .open(store.path_for(&s).unwrap())
            .unwrap();
        file.set_modified(when).unwrap();
    }
    let all = store.prune(u64::MAX);
    let one = all / 6;
    let left = store.prune(one * 3);
    assert!(left <= one * 3, "{left} > {}", one * 3);
    let kept: Vec<bool> = names
        .iter()
        .map(|n| store.get(&source(dir.path(), n), &stamp).is_some())
        .collect();
    assert_eq!(kept, [false, false, false, true, true, true]);
}

#[test]
fn many_put_off_records_go_in_one_pack_and_are_found_there() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), 1).later();
    let n = PACK_MIN + 3;
    let mut kept = Vec::new();
    for i in 0..n {
        let name = format!("a{i}.txt");
        let path = dir.path().join(&name);
        let text = format!("Notice {i}.");
        let (stamp, meta) = settled(&path, &text);
        let s = source(dir.path(), &name);
        store.put(&s, &stamp, &article(&text));
        kept.push((s, stamp, article(&text), meta));
    }
    let keys: Vec<String> = kept.iter().map(|k| k.0.key()).collect();
    let pairs: Vec<(&str, &Article)> = keys
        .iter()
        .map(|k| k.as_str())
        .zip(kept.iter().map(|k| &k.2))
        .collect();
    assert_eq!(store.write_put_off_all(&pairs), n);
    assert!(!store.has_put_off());
    assert_eq!(store.write_put_off_all(&pairs), 0, "written once");
    // One file in the packs' folder, none of its own per article.
    let folders: Vec<String> = fs::read_dir(store.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(folders, ["packs"]);
    assert_eq!(fs::read_dir(store.dir().join("packs")).unwrap().count(), 1);
    // The next run finds each, by its stamp and by its file's size and time.
    let next = Store::new(dir.path(), 1);
    for (s, stamp, a, meta) in &kept {
        assert_eq!(next.get(s, stamp).as_ref(), Some(a));
        assert_eq!(
            next.get_unchanged(s, meta.len(), meta.modified().ok())
                .as_ref(),
            Some(a)
        );
        assert_eq!(
            next.get(s, &Stamp::new(1, None, b"x")),
            None,
            "another file"
        );
    }
    assert_eq!(
        Store::new(dir.path(), 2).get(&kept[0].0, &kept[0].1),
        None,
        "build"
    );
    // A newer pack holding every record makes the first obsolete: pruning removes it, and
    // the newer records are the ones found.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = Store::new(dir.path(), 1).later();
    let newer: Vec<Article> = (0..n)
        .map(|i| article(&format!("Notice {i}, updated.")))
        .collect();
    let stamp = Stamp::new(5, None, b"other");
    for (k, _, _, _) in &kept {
        again.put(k, &stamp, &article("unused"));
    }
    let pairs: Vec<(&str, &Article)> = keys.iter().map(|k| k.as_str()).zip(&newer).collect();
    assert_eq!(again.write_put_off_all(&pairs), n);
    assert!(again.prune(u64::MAX) > 0);
    assert_eq!(fs::read_dir(store.dir().join("packs")).unwrap().count(), 1);
    let last = Store::new(dir.path(), 1);
    assert_eq!(last.get(&kept[3].0, &stamp), Some(newer[3].clone()));
    assert_eq!(
        last.get(&kept[3].0, &kept[3].1),
        None,
        "the older record went with its pack"
    );
}

#[test]
fn a_pack_holds_at_most_pack_max_records() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), 1).later();
    let n = PACK_MAX + PACK_MIN;
    let stamp = Stamp::new(1, None, b"x");
    let sources: Vec<Source> = (0..n)
        .map(|i| source(dir.path(), &format!("{i}.txt")))
        .collect();
    let one = article("One.");
    for s in &sources {
        store.put(s, &stamp, &one);
    }
    let keys: Vec<String> = sources.iter().map(Source::key).collect();
    let pairs: Vec<(&str, &Article)> = keys.iter().map(|k| (k.as_str(), &one)).collect();
    assert_eq!(store.write_put_off_all(&pairs), n);
    // Made in memory one pack at a time: two of them.
    assert_eq!(fs::read_dir(store.dir().join("packs")).unwrap().count(), 2);
    let next = Store::new(dir.path(), 1);
    assert!(
        sources
            .iter()
            .all(|s| next.get(s, &stamp).as_ref() == Some(&one))
    );
}

#[test]
fn a_batched_store_writes_packs_and_the_rest_when_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let stamp = Stamp::new(1, None, b"x");
    let one = article("One.");
    let n = PACK_MAX + PACK_MIN + 5;
    let sources: Vec<Source> = (0..n)
        .map(|i| source(dir.path(), &format!("{i}.txt")))
        .collect();
    let store = Store::new(dir.path(), 1).batched();
    for s in &sources[..PACK_MAX] {
        store.put(s, &stamp, &one);
    }
    let packs = || fs::read_dir(dir.path().join("articles/packs")).map_or(0, |d| d.count());
    assert_eq!(packs(), 1, "a full batch is written at once");
    for s in &sources[PACK_MAX..] {
        store.put(s, &stamp, &one);
    }
    assert_eq!(store.counts(), (0, n));
    drop(store);
    assert_eq!(packs(), 2, "the rest when dropped");
    // A few are written a file each.
    let few = Store::new(dir.path(), 1).batched();
    let other = source(dir.path(), "other.txt");
    few.put(&other, &stamp, &one);
    let path = few.path_for(&other).unwrap();
    drop(few);
    assert!(path.is_file());
    let next = Store::new(dir.path(), 1);
    assert!(
        sources
            .iter()
            .all(|s| next.get(s, &stamp).as_ref() == Some(&one))
    );
    assert_eq!(next.get(&other, &stamp), Some(one));
}
