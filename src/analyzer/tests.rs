//! The analyzer on articles this project writes: what it keeps between runs, and the stories
//! it builds as articles come in.

mod entities {
    use super::super::*;
    use crate::analysis::entities::Kind;
    use crate::ingest::Paragraph;

    fn article(text: &str) -> Arc<Article> {
        Arc::new(Article {
            title: "t".into(),
            paragraphs: vec![Paragraph::body(text.to_string())],
            ..Article::default()
        })
    }

    /// Runs an analyzer over two articles and returns the index it ends with.
    fn analyse(dir: &std::path::Path) -> Arc<Index> {
        let (tx, rx) = mpsc::channel();
        let analyzer = Analyzer::spawn(
            vec!["a0".into(), "a1".into()],
            Some(dir.join("e.bin")),
            None,
            move |r| tx.send(r).is_ok(),
        );
        analyzer.start();
        for (i, text) in [
            "Tomas Arkwell flew to Velmora on Monday.",
            "Arkwell met Ines Corvo in Velmora.",
        ]
        .iter()
        .enumerate()
        {
            analyzer
                .jobs
                .send((i, format!("a{i}"), article(text)))
                .unwrap();
        }
        loop {
            match rx.recv_timeout(Duration::from_secs(30)).expect("reports") {
                Report::Indexed(index) if index.analysed == 2 => return index,
                _ => {}
            }
        }
    }

    /// Runs an analyzer over these articles (keys k0, k1, ...) to its end: what it kept.
    fn keep(dir: &std::path::Path, texts: &[&str]) -> HashMap<String, Record> {
        let (tx, rx) = mpsc::channel();
        let labels = (0..texts.len()).map(|i| format!("k{i}")).collect();
        let analyzer = Analyzer::spawn(labels, Some(dir.join("e.bin")), None, move |r| {
            tx.send(r).is_ok()
        });
        analyzer.start();
        for (i, text) in texts.iter().enumerate() {
            let job = (i, format!("k{i}"), article(text));
            analyzer.jobs.send(job).unwrap();
        }
        drop(analyzer);
        // The thread ends once it is idle, after writing the file.
        while rx.recv_timeout(Duration::from_secs(30)).is_ok() {}
        stored::from_bytes(&std::fs::read(dir.join("e.bin")).unwrap()).unwrap()
    }

    #[test]
    fn quitting_as_soon_as_the_stories_come_keeps_what_was_found() {
        let dir = tempfile::tempdir().unwrap();
        let (tx, rx) = mpsc::channel();
        let path = dir.path().join("e.bin");
        let analyzer = Analyzer::spawn(vec!["q0".into()], Some(path.clone()), None, move |r| {
            tx.send(r).is_ok()
        });
        analyzer.start();
        let job = (
            0,
            "q0".into(),
            article("Lena Ostra thanked the Harbour Board."),
        );
        analyzer.jobs.send(job).unwrap();
        while !matches!(
            rx.recv_timeout(Duration::from_secs(30)).expect("reports"),
            Report::Stories(_, 1)
        ) {}
        analyzer.finish(Duration::from_secs(30));
        let kept = stored::from_bytes(&std::fs::read(&path).expect("kept at once")).unwrap();
        assert!(kept.contains_key("q0"));
    }

    #[test]
    fn records_used_from_the_file_are_written_again_with_the_new_ones() {
        let dir = tempfile::tempdir().unwrap();
        let texts = [
            "Tomas Arkwell flew to Velmora on Monday.",
            "Arkwell met Ines Corvo in Velmora.",
            "The Harbour Board of Velmora met on Friday.",
        ];
        let first = keep(dir.path(), &texts);
        assert_eq!(first.len(), 3);
        // One changed, one gone from the briefing: the unchanged one and the absent one are
        // kept as they were, the changed one anew.
        let second = keep(
            dir.path(),
            &[texts[0], "Ines Corvo left Velmora on Tuesday."],
        );
        assert_eq!(second.len(), 3);
        assert_eq!(second["k0"], first["k0"]);
        assert_eq!(second["k2"], first["k2"]);
        assert_ne!(second["k1"], first["k1"]);
    }

    #[test]
    fn the_second_run_finds_the_same_from_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let first = analyse(dir.path());
        assert!(first.entities.iter().any(|e| e.name == "Tomas Arkwell"));
        // The file is written once the thread is idle.
        let path = dir.path().join("e.bin");
        for _ in 0..100 {
            if path.exists() {
                break;
            }
            thread::sleep(Duration::from_millis(50));
        }
        let mut stored = stored::from_bytes(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(stored.len(), 2);
        assert_eq!(analyse(dir.path()), first, "the same again");
        // Proof that the second run reads the file: a record changed there shows.
        let record = stored.get_mut("a0").unwrap();
        assert_eq!(record.mentions[0].3, Kind::Person as u8);
        record.mentions[0].3 = Kind::Misc as u8;
        std::fs::write(&path, stored::to_bytes(&stored)).unwrap();
        let again = analyse(dir.path());
        let tomas = again
            .entities
            .iter()
            .find(|e| e.name == "Tomas Arkwell")
            .unwrap();
        assert_eq!(tomas.kind, Kind::Misc);
    }
}

mod stories {
    use super::super::*;
    use crate::ingest::Paragraph;

    #[test]
    fn stories_follow_the_entities_over_every_article_received() {
        let (tx, rx) = mpsc::channel();
        let labels = vec!["one.txt".to_string(), "two.txt".into()];
        let analyzer = Analyzer::spawn(labels, None, None, move |r| tx.send(r).is_ok());
        analyzer.start();
        let shared = "The ferry board of Marsvik cancelled every crossing on Sunday after a gale tore the roof off the main terminal.";
        for (i, extra) in [
            "Travellers were sent to hotels in the town.",
            "The board said repairs would take a week.",
        ]
        .iter()
        .enumerate()
        {
            let article = Arc::new(Article {
                title: format!("Marsvik ferries {i}"),
                paragraphs: vec![Paragraph::body(shared), Paragraph::body(*extra)],
                ..Article::default()
            });
            analyzer.jobs.send((i, format!("k{i}"), article)).unwrap();
        }
        let mut indexed = false;
        loop {
            match rx.recv_timeout(Duration::from_secs(30)).expect("reports") {
                Report::Indexed(_) => indexed = true,
                Report::Stories(stories, covered) => {
                    assert!(indexed, "the stories come after the index");
                    assert_eq!(stories.articles.len(), 2, "one per list entry");
                    if covered < 2 {
                        continue;
                    }
                    assert_eq!(stories.articles[0].story, stories.articles[1].story);
                    assert_eq!(stories.seen_in(1, 0), &[0, 1]);
                    return;
                }
                Report::Analyzed(_) => {}
            }
        }
    }
}

mod kept_stories {
    use super::super::*;
    use crate::analysis::entities::analyze;
    use crate::stories::kept::{self, Key};
    use std::path::Path;

    fn labels(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{i}.txt")).collect()
    }

    /// Opens the briefing with the data folder `dir` (or none): the stories once they cover
    /// every article, after the analyzer has ended (and so written what it keeps).
    fn open(dir: Option<&Path>, articles: &[Article]) -> Arc<Stories> {
        open_indexed(dir, articles).1
    }

    /// The same, with the index the stories were built on.
    fn open_indexed(dir: Option<&Path>, articles: &[Article]) -> (Arc<Index>, Arc<Stories>) {
        open_some(dir, articles, articles.len())
    }

    /// The same when only the first `loaded` articles load (the rest went away).
    fn open_some(
        dir: Option<&Path>,
        articles: &[Article],
        loaded: usize,
    ) -> (Arc<Index>, Arc<Stories>) {
        let (tx, rx) = mpsc::channel();
        let analyzer = Analyzer::spawn(
            labels(articles.len()),
            dir.map(|d| d.join("e.bin")),
            None,
            move |r| tx.send(r).is_ok(),
        );
        analyzer.start();
        for (i, a) in articles.iter().enumerate().take(loaded) {
            let job = (i, format!("{i}.txt"), Arc::new(a.clone()));
            analyzer.jobs.send(job).unwrap();
        }
        let mut index = None;
        let stories = loop {
            match rx.recv_timeout(Duration::from_secs(30)).expect("reports") {
                Report::Stories(s, covered) if covered == loaded => break s,
                Report::Indexed(i) => index = Some(i),
                _ => {}
            }
        };
        drop(analyzer);
        // The thread ends (dropping the sender) once it is idle and has written its files.
        while rx.recv_timeout(Duration::from_secs(30)).is_ok() {}
        (index.expect("an index before the stories"), stories)
    }

    /// The key the analyzer keeps these articles' stories under.
    fn key(articles: &[Article]) -> Key {
        let entries = articles
            .iter()
            .zip(labels(articles.len()))
            .map(|(a, label)| {
                let paragraphs: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
                kept::digest(&label, a, &analyze(&paragraphs))
            })
            .collect();
        Key {
            build: super::super::kept::build_stamp().expect("a build stamp"),
            entries,
        }
    }

    fn fresh(articles: &[Article]) -> Stories {
        crate::stories::analyse_and_build(articles, &labels(articles.len()), |_, s| s.clone())
    }

    #[test]
    fn kept_stories_are_used_until_an_article_changes_and_a_damaged_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.stories");
        let mut briefing = crate::stories::tests::briefing();
        let first = open(Some(dir.path()), &briefing);
        assert_eq!(
            *first,
            fresh(&briefing),
            "the analyzer builds what the engine does"
        );
        assert_eq!(
            *open(None, &briefing),
            *first,
            "the same without a data folder"
        );
        let bytes = std::fs::read(&path).expect("the stories are kept");
        let (index, stories) = kept::from_bytes(&bytes, &key(&briefing)).expect("kept");
        assert_eq!(stories, *first);
        assert_eq!(index.analysed, briefing.len());

        // Proof that the next opening reads the file: kept stories changed there show.
        let mut marked = (*first).clone();
        marked.stories[0].title = "As kept".into();
        let mut marked_index = index.clone();
        marked_index.entities[0].name = "Kept Name".into();
        let marked_file = kept::to_bytes(&key(&briefing), &marked_index, &marked);
        std::fs::write(&path, &marked_file).unwrap();
        let (index_now, stories_now) = open_indexed(Some(dir.path()), &briefing);
        assert_eq!((&*index_now, &*stories_now), (&marked_index, &marked));

        // One article changed: built again (the mark is gone), and kept again.
        briefing[3].paragraphs[1].text = "The cooperative said nothing about cold stores.".into();
        let changed = open(Some(dir.path()), &briefing);
        assert_eq!(*changed, fresh(&briefing));
        assert_ne!(changed.stories[0].title, "As kept");
        let bytes = std::fs::read(&path).unwrap();
        let again = kept::from_bytes(&bytes, &key(&briefing)).expect("kept again");
        assert_eq!(again.1, *changed);

        // An article that does not load: after a pause, stories over the others.
        let (_, fewer) = open_some(Some(dir.path()), &briefing, 3);
        assert_eq!(fewer.articles.len(), 4);
        assert!(
            fewer.articles[3].sentences.is_empty(),
            "the missing one counts as empty"
        );
        assert!(!fewer.articles[2].sentences.is_empty());

        // A damaged file is not used, and nothing breaks.
        for damage in [&b"junk"[..], &bytes[..bytes.len() / 2]] {
            let mut bad = kept::to_bytes(&key(&briefing), &again.0, &marked);
            let at = bad.len() - 3;
            bad[at] ^= 0x55;
            std::fs::write(&path, &bad).unwrap();
            assert_eq!(
                *open(Some(dir.path()), &briefing),
                *changed,
                "a flipped byte"
            );
            std::fs::write(&path, damage).unwrap();
            assert_eq!(
                *open(Some(dir.path()), &briefing),
                *changed,
                "{} bytes",
                damage.len()
            );
        }
    }
}

mod records {
    use super::super::*;
    use crate::ingest::Paragraph;
    use crate::ingest::Source;
    use crate::ingest::cache::Stamp;

    /// More records than a pack takes at the least: all of them are written by the time the
    /// analysis has finished, each found again.
    #[test]
    fn every_clean_article_put_off_is_written_when_the_analysis_ends() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(ArticleStore::new(dir.path(), 1).later());
        let count = 150;
        let stamp = Stamp::new(10, None, b"0123456789");
        let sources: Vec<Source> = (0..count)
            .map(|i| Source::File {
                path: dir.path().join(format!("a{i}.txt")),
                label: format!("a{i}.txt"),
                in_folder: true,
            })
            .collect();
        let articles: Vec<Arc<Article>> = (0..count)
            .map(|i| {
                Arc::new(Article {
                    title: format!("Notice {i}"),
                    paragraphs: vec![Paragraph::body(format!(
                        "The ferry from Velmora left pier {i} on Monday."
                    ))],
                    ..Article::default()
                })
            })
            .collect();
        for (s, a) in sources.iter().zip(&articles) {
            store.put(s, &stamp, a);
        }
        let labels: Vec<String> = sources.iter().map(|s| s.display_name()).collect();
        let (tx, rx) = mpsc::channel();
        let analyzer = Analyzer::spawn(labels, None, Some(store.clone()), move |r| {
            tx.send(r).is_ok()
        });
        analyzer.start();
        for (i, (s, a)) in sources.iter().zip(&articles).enumerate() {
            analyzer.jobs.send((i, s.key(), a.clone())).unwrap();
        }
        while !matches!(
            rx.recv_timeout(Duration::from_secs(60)).expect("reports"),
            Report::Stories(_, n) if n == count
        ) {}
        analyzer.finish(Duration::from_secs(60));
        assert!(!store.has_put_off());
        assert_eq!(store.counts(), (0, count));
        for (s, a) in sources.iter().zip(&articles) {
            assert_eq!(store.get(s, &stamp).as_ref(), Some(&**a));
        }
    }
}
