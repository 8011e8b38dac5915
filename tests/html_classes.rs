//! The HTML extractor on classes of markup that cost words on real pages (invented text):
//! each test builds the smallest page that shows one class.

#[path = "support/extracted.rs"]
mod extracted;
use briefly::ingest::ParagraphKind;
use briefly::ingest::html::extract;
use extracted::captions;

const STORY: [&str; 3] = [
    "The night ferry between the two islands will stop running in March, the operator said, after fuel costs doubled over the winter.",
    "Nurses who work late shifts at the island hospital say the last boat is the only way home, and have started a petition to keep it.",
    "The operator said it would meet the petitioners next week, but warned that a subsidy from the council was the only way to save the route.",
];

/// The body as the reader shows it: headings and paragraphs, captions left out.
fn reading(html: &str) -> String {
    extract(html)
        .paragraphs
        .iter()
        .filter(|p| p.kind != ParagraphKind::Caption)
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_paragraph_that_is_a_stack_of_headlines_is_left_out() {
    let page = format!(
        r#"<html><body><article><p>{}</p><p>{}</p>
        <p><strong>Read these next</strong><br><a href="/s/1">Ferry crew rescue two kayakers off the north cape</a> [VIDEO]<br>
        <strong><a href="/s/2">Island school to get a new roof before the autumn term</a></strong><br>
        <a href="/s/3">Harbour master retires after forty years on the quay</a></p>
        <p>{}</p><p>Riders can still book the day boat, which the <a href="/t">timetable</a> says runs twice an hour.<br>
        The <a href="/f">fares</a> stay the same.<br>Bicycles travel free.</p></article></body></html>"#,
        STORY[0], STORY[1], STORY[2]
    );
    let text = reading(&page);
    for line in STORY {
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
    }
    assert!(
        text.contains("Bicycles travel free."),
        "lines of prose with a link each are prose:\n{text}"
    );
    for gone in ["Read these next", "kayakers", "new roof", "Harbour master"] {
        assert!(!text.contains(gone), "{gone:?} should be left out:\n{text}");
    }
}

#[test]
fn a_sentence_wrapped_in_a_span_with_a_name_card_is_read() {
    // Pasted text often wraps every paragraph in a styled <span>; here a pop-up card (a
    // picture and links to other stories) sits inside that wrapper, after a linked name.
    let card = r#"<span class="person-pop"><span><img src="p.jpg"><a href="/p/1">Ada Brook</a>
        <a href="/s/1">Ada Brook opens the new library wing on the east side of town and more</a>
        <a href="/s/2">Council names Ada Brook to lead the harbour review panel this spring</a>
        <a href="/s/3">Ada Brook: what the harbour review will look at, and what it will not</a></span></span>"#;
    let page = format!(
        r#"<html><body><article><p><span style="font-weight: 400;">{}</span></p>
        <p><span style="font-weight: 400;">Councillor <span class="person"><a href="/p/1">Ada Brook</a>{card}</span>
        said on Friday she would <a href="/x">raise it</a> with the operator.</span></p>
        <p><span style="font-weight: 400;">{}</span></p></article></body></html>"#,
        STORY[0], STORY[1]
    );
    let text = reading(&page);
    assert!(
        text.contains("Councillor Ada Brook said on Friday she would raise it with the operator."),
        "{text}"
    );
    for gone in ["library wing", "harbour review"] {
        assert!(!text.contains(gone), "{gone:?} should be left out:\n{text}");
    }
}

#[test]
fn a_lead_paragraph_in_a_wrapper_of_its_own_is_kept() {
    // The lead sits alone in a block whose class names a media or meta box, as templates that
    // give the first paragraph its own styling do.
    let page = format!(
        r#"<html><body><article><div class="story-body">
        <div class="lead-media lead-media--sourced"><p>(Harbour Wire) {}</p></div>
        <div class="par"><p>{}</p></div><div class="par"><p>{}</p></div>
        </div></article></body></html>"#,
        STORY[0], STORY[1], STORY[2]
    );
    let text = reading(&page);
    assert!(text.starts_with("(Harbour Wire) The night ferry"), "{text}");
    assert!(text.contains(STORY[2]), "{text}");
}

#[test]
fn a_line_under_a_picture_is_its_caption() {
    let page = format!(
        r#"<html><body><article><p>{}</p>
        <div align="center"><div class="img-wrap"><img src="f.jpg" alt=""></div><br>
        <span class="small gray">The night ferry leaving the north quay at dusk</span></div>
        <p>{}</p><p>{}</p></article></body></html>"#,
        STORY[0], STORY[1], STORY[2]
    );
    let e = extract(&page);
    let captions = captions(&e);
    assert_eq!(captions, ["The night ferry leaving the north quay at dusk"]);
    let text = reading(&page);
    assert!(text.contains(STORY[0]) && text.contains(STORY[2]), "{text}");
}

#[test]
fn call_to_action_boxes_and_hidden_utility_classes_are_left_out() {
    let page = format!(
        r#"<html><body><article><div class="body"><p>{}</p><p>{}</p><p>{}</p></div>
        <div class="member-cta"><h4>Before you go</h4><p>If you liked this story, become a member of the
        Gazette club today: members read every story, with no adverts and no limits at all.</p></div>
        <span class="hidden"><span itemprop="url">https://example.org/images/ferry-quay-photo.jpg</span>
        <span itemprop="name">gazette-admin</span></span>
        <div class="hidden md:block"><p>Shown on wider screens: the ferry timetable, in full, for the winter, with the extra sailings added at Easter and in the summer.</p></div>
        </article></body></html>"#,
        STORY[0], STORY[1], STORY[2]
    );
    let text = reading(&page);
    assert!(text.contains(STORY[2]), "{text}");
    assert!(text.contains("Shown on wider screens"), "{text}");
    for gone in [
        "Before you go",
        "become a member",
        "ferry-quay-photo",
        "gazette-admin",
    ] {
        assert!(!text.contains(gone), "{gone:?} should be left out:\n{text}");
    }
}

#[test]
fn a_body_of_line_breaks_with_pictures_is_not_a_gallery() {
    // No <p> at all, and more pictures than paragraphs could count: the text still makes it
    // a story, not a strip of images.
    let page = format!(
        r#"<html><body><table><tr><td><a href="/">Home</a> <a href="/blog">Blog</a></td></tr>
        <tr><td><table class="entry"><tr><td class="msg"><img src="a.jpg" align="left">{}<br>{}<br><br>
        <img src="b.jpg" align="right">{}<br> </td></tr>
        <tr><td>Comments: 0</td></tr></table></td></tr></table></body></html>"#,
        STORY[0], STORY[1], STORY[2]
    );
    let text = reading(&page);
    for line in STORY {
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
    }
}

#[test]
fn an_italic_line_under_a_picture_is_its_caption() {
    let page = format!(
        r#"<html><body><article><p>{}</p>
        <p><a href="big.jpg"><img src="quay.jpg" alt=""></a></p>
        <p><em>The north quay at low tide, seen from the ferry</em></p>
        <p>{}</p><p><em>{}</em></p></article></body></html>"#,
        STORY[0], STORY[1], STORY[2]
    );
    let e = extract(&page);
    let captions = captions(&e);
    assert_eq!(
        captions,
        ["The north quay at low tide, seen from the ferry"]
    );
    // An italic paragraph that follows text is the story's.
    let text = reading(&page);
    assert!(text.contains(STORY[1]) && text.contains(STORY[2]), "{text}");
}
