//! The story engine on real text beside the repository (`../shared`), skipped when it is not
//! there: the shared briefing's five outlets must make one story, and the AEB dev bodies
//! (written out as plain-text articles, unrelated to each other and to the briefing) must not
//! join it or each other. Prints the figures; nothing here is copied into the repository.

use std::path::{Path, PathBuf};

use briefly::analysis::{aliases, entities};
use briefly::ingest::{self, Article};
use briefly::stories::{self, Input, group};

/// AEB dev pages that report one event (judged by hand from their addresses): the plague cases
/// in China, the Browns-Steelers fight, the Doobie Brothers' reunion. Every other page is on a
/// story of its own.
const SAME_STORY: &[&[&str]] = &[
    &[
        "432362af0be4",
        "8b1945303082",
        "ba4dfe2d3e81",
        "ea25dd7edff4",
    ],
    &["08f793762792", "7ab16ade3238"],
    &["35b158918c67", "ac1bfdd4c510"],
];

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.join("briefings/london-talks-2015")
        .is_dir()
        .then_some(dir)
}

fn load(paths: &[PathBuf]) -> (Vec<String>, Vec<Article>) {
    let sources = ingest::collect(paths);
    let mut names = Vec::new();
    let mut articles = Vec::new();
    for (source, result) in sources.iter().zip(ingest::load_all(&sources)) {
        if let Ok(a) = result
            && !a.paragraphs.is_empty()
        {
            names.push(source.display_name());
            articles.push(a);
        }
    }
    (names, articles)
}

/// The AEB dev bodies as text files: the first sentence as a title, then the body.
fn write_bodies(shared: &Path, out: &Path) -> usize {
    let text = std::fs::read_to_string(shared.join("eval/aeb-dev/ground-truth.json")).unwrap();
    let truth: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut n = 0;
    for (key, item) in truth.as_object().unwrap() {
        let body = item["articleBody"].as_str().unwrap_or("").trim();
        if body.is_empty() {
            continue;
        }
        let title: String = body
            .split(['.', '\n'])
            .next()
            .unwrap_or("")
            .chars()
            .take(90)
            .collect();
        std::fs::write(
            out.join(format!("aeb-{}.txt", &key[..12])),
            format!("{title}\n\n{body}\n"),
        )
        .unwrap();
        n += 1;
    }
    n
}

#[test]
fn the_shared_briefing_is_one_story_and_unrelated_pages_join_nothing() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is not beside the repository");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let written = write_bodies(&shared, dir.path());
    let briefing = shared.join("briefings/london-talks-2015");
    let (names, articles) = load(&[briefing, dir.path().to_path_buf()]);
    let paragraphs: Vec<Vec<&str>> = articles
        .iter()
        .map(|a| a.paragraphs.iter().map(|p| p.text.as_str()).collect())
        .collect();
    let analysed = entities::analyze_many(&paragraphs);
    let index = aliases::build(&analysed.iter().map(Some).collect::<Vec<_>>());
    let inputs: Vec<Input> = articles
        .iter()
        .zip(&names)
        .zip(&analysed)
        .map(|((article, label), e)| Input {
            article,
            label,
            entities: Some(e),
        })
        .collect();
    let s = stories::build(&inputs, Some(&index));
    let five: Vec<usize> = (0..names.len())
        .filter(|&i| !names[i].starts_with("aeb-"))
        .collect();
    assert_eq!(five.len(), 5, "{names:?}");
    let story = s.articles[five[0]].story;
    let unrelated: Vec<usize> = (0..names.len()).filter(|i| !five.contains(i)).collect();
    let joined_five = unrelated
        .iter()
        .filter(|&&i| s.articles[i].story == story)
        .count();
    let group_of = |i: usize| {
        SAME_STORY
            .iter()
            .position(|g| g.iter().any(|k| names[i] == format!("aeb-{k}.txt")))
    };
    // An unrelated article joined wrongly: its story holds an article outside its labelled
    // group (or any other article, when it has none).
    let wrong: Vec<&str> = unrelated
        .iter()
        .filter(|&&i| {
            s.stories[s.articles[i].story as usize]
                .articles
                .iter()
                .any(|&o| {
                    o as usize != i
                        && (group_of(o as usize).is_none() || group_of(o as usize) != group_of(i))
                })
        })
        .map(|&i| names[i].as_str())
        .collect();
    let labelled: Vec<usize> = unrelated
        .iter()
        .copied()
        .filter(|&i| group_of(i).is_some())
        .collect();
    let found = labelled
        .iter()
        .filter(|&&i| {
            labelled.iter().any(|&o| {
                o != i && group_of(o) == group_of(i) && s.articles[o].story == s.articles[i].story
            })
        })
        .count();
    // The wire copy of the two AFP outlets is seen in whichever is read second.
    let wire = (0..s.articles[five[4]].sentences.len())
        .filter(|&x| s.seen_in(five[4], x).contains(&(five[2] as u32)))
        .count();
    println!(
        "shared briefing + {written} AEB bodies: five in one story: {}; unrelated articles \
         joining the five: {joined_five}; unrelated articles wrongly joined to anything: {} of \
         {} {wrong:?}; same-story AEB articles found with another of their story: {found} of {}; \
         sentences of {} seen before in {}: {wire}",
        five.iter().all(|&i| s.articles[i].story == story),
        wrong.len(),
        unrelated.len(),
        labelled.len(),
        names[five[4]],
        names[five[2]],
    );
    // The margins: the strongest evidence between two unrelated articles, and the weakest
    // that holds the five together.
    let features: Vec<group::Features> = (0..inputs.len())
        .map(|a| stories::sentence_features(a, &inputs[a], Some(&index)))
        .collect();
    for (i, &a) in five.iter().enumerate() {
        for &b in &five[i + 1..] {
            println!(
                "five {a}-{b}: {:?}",
                group::evidence(&features[a], &features[b])
            );
        }
    }
    let mut worst: Vec<(f32, usize, usize, group::Evidence)> = Vec::new();
    for (i, &a) in unrelated.iter().enumerate() {
        for &b in unrelated[i + 1..].iter().chain(&five) {
            let e = group::evidence(&features[a], &features[b]);
            worst.push((e.overlap * (e.names.min(4) as f32), a, b, e));
        }
    }
    worst.sort_by(|x, y| y.0.total_cmp(&x.0));
    for (_, a, b, e) in worst.iter().take(8) {
        println!("unrelated {} - {}: {e:?}", names[*a], names[*b]);
    }
    for st in &s.stories {
        if st.articles.len() < 2 || st.articles.iter().any(|&a| five.contains(&(a as usize))) {
            continue;
        }
        for (i, &a) in st.articles.iter().enumerate() {
            for &b in &st.articles[i + 1..] {
                let (fa, fb) = (&features[a as usize], &features[b as usize]);
                let shared: Vec<String> = fa
                    .names
                    .iter()
                    .filter(|x| fb.names.iter().any(|y| y.0 == x.0))
                    .map(|x| {
                        let name = index
                            .entities
                            .get(x.0 as usize)
                            .map_or("?", |e| e.name.as_str());
                        format!("{name}:{:.1}", x.1)
                    })
                    .collect();
                println!(
                    "joined {} - {}: {:?} {shared:?}",
                    names[a as usize],
                    names[b as usize],
                    group::evidence(fa, fb)
                );
            }
        }
    }
    assert!(five.iter().all(|&i| s.articles[i].story == story));
    assert_eq!(joined_five, 0);
    assert!(wire >= 20, "{wire}");
    // Four pairs on one company, product or theatre show (different reports: a company's
    // inquiry and its layoffs, two reviews of one laptop, moon contracts, a show's reviews and
    // its programme) still join on their names alone; no more than that.
    assert!(wrong.len() <= 8, "{wrong:?}");
    assert_eq!(found, labelled.len());
}
