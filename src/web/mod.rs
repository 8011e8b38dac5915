//! Pages from the web: one GET over http or https (never another scheme), with bounded
//! redirects, gzip and brotli, a timeout, the same 32 MiB limit as files, a user agent naming
//! briefly, proxies from the usual environment variables (NO_PROXY honoured, loopback never
//! proxied), and the body turned to UTF-8 by the charset the server declares. Each failure is
//! one short phrase for "URL: problem" (`HTTP 404 Not Found`, `connection refused`).
//!
//! Only what the user names goes on the network: commands on local files never come here.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use crate::ingest::MAX_BYTES;

pub mod kept;

/// How many redirects a page may take before it is given up.
pub const MAX_REDIRECTS: u32 = 10;

/// The whole request's time limit, unless `BRIEFLY_HTTP_TIMEOUT` (seconds) says otherwise.
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub const USER_AGENT: &str = concat!(
    "briefly/",
    env!("CARGO_PKG_VERSION"),
    " (terminal news reader)"
);

/// A page as the server sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Where it was found, after redirects.
    pub url: String,
    /// Its body, in UTF-8 (with a byte-order mark) when the server declared another charset.
    pub bytes: Vec<u8>,
    /// The media type the server gave, lower case, without parameters.
    pub mime: Option<String>,
    /// Something to tell the reader about this copy (the network failed and this is the one
    /// kept from an earlier fetch, say).
    pub notice: Option<String>,
}

/// What a request gave: the page (with what to keep of it), or word that the kept copy is
/// still the page.
enum Got {
    Fresh(kept::Kept),
    Unchanged,
}

/// Whether a command-line argument is a link rather than a path.
pub fn is_url(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Whether a command-line path is a link.
pub fn is_url_path(path: &Path) -> bool {
    path.to_str().is_some_and(is_url)
}

/// Runs `fetch` on every item, four at a time (a few connections at once, never hundreds),
/// handing each result to `done` with the item's number as soon as it is ready: one slow
/// server holds up only its own item. A fetch that panics gives the default result.
pub fn four_at_a_time<T: Sync, R: Send + Default>(
    items: &[T],
    fetch: impl Fn(&T) -> R + Sync,
    mut done: impl FnMut(usize, R),
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..items.len().min(4) {
            let tx = tx.clone();
            let (next, fetch) = (&next, &fetch);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { return };
                    let result =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fetch(item)))
                            .unwrap_or_default();
                    if tx.send((i, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        for (i, result) in rx {
            done(i, result);
        }
    });
}

/// Fetches `url`, keeping it in the data folder (when there is one) for the next time and
/// for reading offline.
pub fn fetch(url: &str) -> Result<Page, String> {
    fetch_in(url, crate::config::data_dir().as_deref())
}

/// Fetches `url`, with the pages kept under `dir`: the server is asked whether the kept copy
/// changed; when it did not, or when the network fails, the kept copy is the page.
pub fn fetch_in(url: &str, dir: Option<&Path>) -> Result<Page, String> {
    if !is_url(url) {
        return Err("only http and https links are followed".into());
    }
    let old = dir.and_then(|d| kept::read(d, url));
    match get(url, old.as_ref().map(|k| &k.header)) {
        Ok(Got::Unchanged) => old
            .map(|k| page_of(&k))
            .ok_or_else(|| "HTTP 304 Not Modified".into()),
        Ok(Got::Fresh(new)) => {
            let mut page = page_of(&new);
            if let Some(d) = dir
                && let Err(e) = kept::write(d, &new)
            {
                page.notice = Some(format!("not kept for reading offline ({e})"));
            }
            Ok(page)
        }
        Err(problem) => match old {
            Some(k) => {
                let mut page = page_of(&k);
                page.notice = Some(format!(
                    "{problem}: showing the copy fetched {}",
                    kept::when(k.header.fetched)
                ));
                Ok(page)
            }
            None => Err(problem),
        },
    }
}

/// The page kept for `url` in the data folder, if any (no network).
pub fn kept_page(url: &str) -> Option<Page> {
    let dir = crate::config::data_dir()?;
    kept::read(&dir, url).map(|k| page_of(&k))
}

/// A kept page as the reader takes it: in UTF-8.
fn page_of(k: &kept::Kept) -> Page {
    Page {
        url: k.header.final_url.clone(),
        bytes: to_utf8(k.body.clone(), k.header.charset.as_deref()),
        mime: k.header.mime.clone(),
        notice: None,
    }
}

/// One GET, conditional when a copy is kept.
fn get(url: &str, old: Option<&kept::Header>) -> Result<Got, String> {
    let (mut response, final_url) = follow(url, old)?;
    let status = response.status();
    if status.as_u16() == 304 && old.is_some() {
        return Ok(Got::Unchanged);
    }
    if !status.is_success() {
        let reason = status.canonical_reason().unwrap_or("");
        return Err(format!("HTTP {} {reason}", status.as_u16())
            .trim_end()
            .to_string());
    }
    let header_value = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|v| crate::sanitize::sanitize_line(v.trim()))
    };
    let (etag, last_modified) = (header_value("etag"), header_value("last-modified"));
    let mime = response
        .body()
        .mime_type()
        .map(|m| m.trim().to_ascii_lowercase());
    let charset = response.body().charset().map(str::to_string);
    let mut body = Vec::new();
    response
        .body_mut()
        .as_reader()
        .take(MAX_BYTES + 1)
        .read_to_end(&mut body)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::TimedOut => "timed out".to_string(),
            _ => format!("the page could not be read ({e})"),
        })?;
    if body.len() as u64 > MAX_BYTES {
        return Err(format!(
            "larger than {} MiB: not read",
            MAX_BYTES / (1024 * 1024)
        ));
    }
    Ok(Got::Fresh(kept::Kept {
        header: kept::Header {
            url: url.to_string(),
            final_url,
            fetched: kept::now(),
            etag,
            last_modified,
            mime,
            charset,
        },
        body,
    }))
}

/// The response at the end of `url`'s redirects (at most [`MAX_REDIRECTS`]), and where that
/// was. Redirects are followed here, not by the client, so that each hop is checked: only
/// http and https (a server cannot send briefly to a `file:` link), and the proxy chosen for
/// each host (the machine itself never through one).
fn follow(
    url: &str,
    old: Option<&kept::Header>,
) -> Result<(ureq::http::Response<ureq::Body>, String), String> {
    let mut at = url.to_string();
    for _ in 0..=MAX_REDIRECTS {
        let mut request = agent(&at).get(&at);
        if let Some(h) = old {
            if let Some(etag) = &h.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(date) = &h.last_modified {
                request = request.header("If-Modified-Since", date);
            }
        }
        let response = request.call().map_err(problem)?;
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::trim);
        let (true, Some(location)) = (response.status().is_redirection(), location) else {
            return Ok((response, at));
        };
        let said = crate::sanitize::sanitize_line(location);
        let next = url::Url::parse(&at)
            .and_then(|base| base.join(location))
            .map_err(|_| format!("redirected to a link that cannot be read: {said}"))?;
        if !matches!(next.scheme(), "http" | "https") {
            return Err(format!(
                "redirected to {said}: only http and https links are followed"
            ));
        }
        at = next.to_string();
    }
    Err(format!("more than {MAX_REDIRECTS} redirects"))
}

/// A name that tells the page's format (its media type first, else its path's last part).
pub fn format_name(page: &Page) -> String {
    match page.mime.as_deref() {
        Some("text/html" | "application/xhtml+xml") => "page.html".into(),
        Some("text/markdown" | "text/x-markdown") => "page.md".into(),
        Some("application/rss+xml") => "feed.rss".into(),
        Some("application/atom+xml") => "feed.atom".into(),
        Some("application/feed+json") => "feed.json".into(),
        _ => {
            let path = page.url.split(['?', '#']).next().unwrap_or("");
            let after_host = path.splitn(4, '/').nth(3).unwrap_or("");
            after_host.rsplit('/').next().unwrap_or("").to_string()
        }
    }
}

/// The client for one link: no proxy for the machine itself, else the environment's.
fn agent(url: &str) -> ureq::Agent {
    let timeout = std::env::var("BRIEFLY_HTTP_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| *s > 0.0 && s.is_finite())
        .map_or(TIMEOUT, Duration::from_secs_f64);
    let proxy = if is_loopback(url) {
        None
    } else {
        ureq::Proxy::try_from_env()
    };
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(timeout))
        .user_agent(USER_AGENT)
        .proxy(proxy)
        .build()
        .into()
}

/// The host of a link, lower case, without port or brackets.
pub fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_port.split(':').next().unwrap_or(""),
    };
    host.to_ascii_lowercase()
}

fn is_loopback(url: &str) -> bool {
    let host = host(url);
    host == "localhost"
        || host.ends_with(".localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// One phrase for what went wrong.
fn problem(e: ureq::Error) -> String {
    use ureq::Error;
    match e {
        Error::HostNotFound => "cannot find the server (no such host)".into(),
        Error::Timeout(_) => "timed out".into(),
        Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
        Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
            std::io::ErrorKind::TimedOut => "timed out".into(),
            // The TLS library's failures come as invalid data (a certificate not trusted, a
            // handshake that failed).
            std::io::ErrorKind::InvalidData => tls(&io.to_string()),
            // The system's resolver says so in words only.
            _ if io.to_string().contains("lookup address") => {
                "cannot find the server (no such host)".into()
            }
            _ => format!("network error ({io})"),
        },
        Error::Tls(_) | Error::Rustls(_) => tls(&e.to_string()),
        Error::BadUri(_) => format!("not a link briefly can open ({e})"),
        other => other.to_string(),
    }
}

/// A TLS failure in words (the library names its error kinds).
fn tls(said: &str) -> String {
    let why = [
        (
            "UnknownIssuer",
            "its certificate is not from a trusted authority",
        ),
        (
            "CaUsedAsEndEntity",
            "its certificate is not from a trusted authority",
        ),
        ("Expired", "its certificate has expired"),
        ("NotValidYet", "its certificate is not valid yet"),
        ("NotValidForName", "its certificate is for another name"),
        ("Revoked", "its certificate was revoked"),
    ]
    .iter()
    .find(|(kind, _)| said.contains(kind));
    match why {
        Some((_, why)) => format!("TLS: {why}"),
        None => format!("TLS: {said}"),
    }
}

/// The body in UTF-8: a declared charset other than UTF-8 is decoded here, and a byte-order
/// mark put in front so that a `<meta charset>` inside does not override the server.
fn to_utf8(bytes: Vec<u8>, charset: Option<&str>) -> Vec<u8> {
    let Some(encoding) = charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()))
    else {
        return bytes;
    };
    if encoding == encoding_rs::UTF_8 || encoding_rs::Encoding::for_bom(&bytes).is_some() {
        return bytes;
    }
    let (text, _, _) = encoding.decode(&bytes);
    let mut out = Vec::with_capacity(text.len() + 3);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    out.extend_from_slice(text.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_paths_are_told_apart() {
        assert!(is_url("https://example.org/a"));
        assert!(is_url("HTTP://example.org"));
        assert!(!is_url("file:///etc/passwd"));
        assert!(!is_url("ftp://example.org/x"));
        assert!(!is_url("news/http-notes.txt"));
    }

    #[test]
    fn hosts_and_loopback() {
        assert_eq!(host("https://user@Example.org:8080/x?y"), "example.org");
        assert_eq!(host("http://[::1]:9/"), "::1");
        assert!(is_loopback("http://127.0.0.1:5000/a"));
        assert!(is_loopback("http://localhost/"));
        assert!(is_loopback("http://[::1]/"));
        assert!(!is_loopback("http://example.org/"));
    }

    #[test]
    fn a_declared_charset_becomes_utf8_with_a_mark() {
        let latin1 = b"caf\xe9".to_vec();
        let out = to_utf8(latin1, Some("iso-8859-1"));
        assert_eq!(out, "\u{feff}caf\u{e9}".as_bytes());
        assert_eq!(to_utf8(b"abc".to_vec(), Some("utf-8")), b"abc");
        assert_eq!(to_utf8(b"abc".to_vec(), None), b"abc");
    }

    #[test]
    fn the_format_comes_from_the_media_type_then_the_path() {
        let page = |url: &str, mime: Option<&str>| Page {
            url: url.into(),
            bytes: Vec::new(),
            mime: mime.map(str::to_string),
            notice: None,
        };
        assert_eq!(
            format_name(&page("https://a.org/x", Some("text/html"))),
            "page.html"
        );
        assert_eq!(
            format_name(&page("https://a.org/f/rss.xml?x=1", None)),
            "rss.xml"
        );
        assert_eq!(format_name(&page("https://a.org", None)), "");
    }

    #[test]
    fn a_slow_item_holds_up_only_itself() {
        let items = [300u64, 0, 0, 0, 0, 0];
        let mut order = Vec::new();
        four_at_a_time(
            &items,
            |&ms| {
                std::thread::sleep(std::time::Duration::from_millis(ms));
                ms
            },
            |i, ms| order.push((i, ms)),
        );
        assert_eq!(order.len(), 6);
        // The five quick ones are handed on before the slow first one is done.
        assert_eq!(order.last(), Some(&(0, 300)), "{order:?}");
    }
}
