//! Who published an article, and whose copy it runs. The outlet comes from the article's link
//! (its domain), else a credit in its byline that names an organisation ("FRANCE 24 with
//! AFP"), else the file name. A news agency named in the byline or in a dateline ("PARIS
//! (AFP) -") is a source, not the outlet: two outlets running the same wire copy stay two.

/// News agencies: their names as they appear in credits. Matched whole and without regard to
/// case.
const AGENCIES: &[&str] = &[
    "afp",
    "agence france-presse",
    "agence france presse",
    "reuters",
    "thomson reuters",
    "ap",
    "associated press",
    "the associated press",
    "dpa",
    "efe",
    "ansa",
    "xinhua",
    "kyodo",
    "kyodo news",
    "yonhap",
    "tass",
    "itar-tass",
    "upi",
    "united press international",
    "pa",
    "pa media",
    "press association",
    "aap",
    "australian associated press",
    "ani",
    "pti",
    "press trust of india",
    "ians",
    "anadolu",
    "anadolu agency",
    "apa",
    "ntb",
    "tt",
    "ritzau",
    "belga",
    "anp",
    "sda",
    "ria novosti",
    "interfax",
    "bernama",
    "antara",
    "cna",
    "wafa",
    "mena",
    "irna",
    "sapa",
    "canadian press",
    "the canadian press",
];

/// Whether a credit names a news agency.
pub fn is_agency(credit: &str) -> bool {
    let c = credit.trim().trim_matches(|c: char| !c.is_alphanumeric());
    c.len() <= 40 && AGENCIES.contains(&c.to_lowercase().as_str())
}

/// An article's outlet and the agencies it credits.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Credit {
    pub outlet: String,
    pub sources: Vec<String>,
}

/// The outlet of an article from what it carries: the name its site or feed gives itself, its
/// link, byline and first paragraph, and the name of its file (`label`) when nothing better is
/// known. A site that names itself as an agency is the outlet still (it is the agency's own).
pub fn credit(
    site: Option<&str>,
    link: Option<&str>,
    byline: Option<&str>,
    first: Option<&str>,
    label: &str,
) -> Credit {
    let mut sources = Vec::new();
    let mut named = None;
    if let Some(byline) = byline {
        for part in credit_parts(byline) {
            if is_agency(&part) {
                push_once(&mut sources, part);
            } else if named.is_none() && names_an_organisation(&part) {
                named = Some(part);
            }
        }
    }
    if let Some(agency) = first.and_then(dateline_agency) {
        push_once(&mut sources, agency);
    }
    let outlet = named_outlet(site, link, named).unwrap_or_else(|| file_stem(label));
    Credit { outlet, sources }
}

/// The outlet an article names (its site, its link's domain, an organisation in its byline),
/// or None when only its file name could say: what the article list shows beside the file.
pub fn named(article: &crate::ingest::Article) -> Option<String> {
    let in_byline = article.byline.as_deref().and_then(|b| {
        credit_parts(b)
            .into_iter()
            .find(|part| !is_agency(part) && names_an_organisation(part))
    });
    named_outlet(article.site.as_deref(), article.link.as_deref(), in_byline)
}

fn named_outlet(
    site: Option<&str>,
    link: Option<&str>,
    in_byline: Option<String>,
) -> Option<String> {
    site.map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| link.and_then(domain))
        .or(in_byline)
}

fn push_once(list: &mut Vec<String>, item: String) {
    if !list.iter().any(|x| x.eq_ignore_ascii_case(&item)) {
        list.push(item);
    }
}

/// The pieces of a byline: "By Ana Ruiz and Tom Bell, FRANCE 24 with AFP" gives "Ana Ruiz",
/// "Tom Bell", "FRANCE 24", "AFP".
fn credit_parts(byline: &str) -> Vec<String> {
    let mut text = byline.trim().to_string();
    for prefix in ["By ", "by ", "BY "] {
        if let Some(rest) = text.strip_prefix(prefix) {
            text = rest.to_string();
        }
    }
    let mut parts = vec![text];
    for sep in [
        ",",
        "|",
        "/",
        ";",
        " with ",
        " and ",
        " & ",
        " via ",
        " - ",
        " \u{2013} ",
    ] {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty() && p.chars().count() <= 60)
        .collect()
}

/// A credit that reads as an organisation rather than a person: written in capitals ("FRANCE
/// 24"), holding a digit, or a web address. A person's name ("Ana Ruiz") is an author.
fn names_an_organisation(part: &str) -> bool {
    let letters = part.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && !crate::ingest::is_date_part(part)
        && (!part.chars().any(char::is_lowercase)
            || part.chars().any(|c| c.is_ascii_digit())
            || (!part.contains(' ') && domain(part).is_some()))
}

/// The agency of a dateline at the start of the text: "LONDON (AFP) -", "Paris (Reuters) --".
fn dateline_agency(first: &str) -> Option<String> {
    let head: String = first.chars().take(80).collect();
    let open = head.find('(')?;
    let close = open + head[open..].find(')')?;
    let inside = &head[open + 1..close];
    is_agency(inside).then(|| inside.trim().to_string())
}

/// The host of a web address without its "www.": "https://www.example.org/a" gives
/// "example.org".
pub fn domain(link: &str) -> Option<String> {
    let rest = link.trim();
    let rest = rest.split_once("://").map_or(rest, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host.contains('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-'))
    .then_some(host)
}

/// A file's name without its folders and extension.
fn file_stem(label: &str) -> String {
    let name = label.rsplit(['/', '\\']).next().unwrap_or(label);
    let name = name.strip_suffix(".gz").unwrap_or(name);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.len() <= 8 => stem.to_string(),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_s_own_name_comes_before_its_address() {
        let c = credit(
            Some("Harbour Daily"),
            Some("https://www.harbour-daily.example/news/1"),
            Some("By Ana Ruiz with Reuters"),
            None,
            "x.html",
        );
        assert_eq!(c.outlet, "Harbour Daily");
        assert_eq!(c.sources, vec!["Reuters"]);
    }

    #[test]
    fn an_agency_in_the_byline_is_a_source_and_the_organisation_is_the_outlet() {
        let c = credit(
            None,
            None,
            Some("NORTH 7 NEWS with AFP"),
            None,
            "briefs/x.txt",
        );
        assert_eq!(c.outlet, "NORTH 7 NEWS");
        assert_eq!(c.sources, vec!["AFP"]);
        let c = credit(None, None, Some("Reuters"), None, "briefs/item-4.html");
        assert_eq!(c.outlet, "item-4", "an agency alone leaves the file name");
        assert_eq!(c.sources, vec!["Reuters"]);
    }

    #[test]
    fn the_link_comes_first_and_a_person_is_no_outlet() {
        let c = credit(
            None,
            Some("https://www.harbour-daily.example/news/1?x=2"),
            Some("By Ana Ruiz"),
            Some("VELMORA (AP) \u{2014} The quay closed."),
            "feed.xml",
        );
        assert_eq!(c.outlet, "harbour-daily.example");
        assert_eq!(c.sources, vec!["AP"]);
        let c = credit(
            None,
            None,
            Some("By Ana Ruiz and Tom Bell"),
            None,
            "notes/quay.md",
        );
        assert_eq!(c.outlet, "quay");
        assert!(c.sources.is_empty());
        // A date or a time in the byline is no outlet either.
        for byline in [
            "By Ana Ruiz, 3 March 2024",
            "By Ana Ruiz, March 3",
            "Ana Ruiz | 10:42 GMT",
        ] {
            let c = credit(None, None, Some(byline), None, "notes/quay.md");
            assert_eq!(c.outlet, "quay", "{byline}");
        }
    }

    #[test]
    fn agencies_match_whole_credits_only() {
        assert!(is_agency("Associated Press"));
        assert!(is_agency(" (AFP) "));
        assert!(!is_agency("Apartment"));
        assert!(!is_agency("Reuters Institute report"));
    }
}
