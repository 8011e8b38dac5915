//! A small HTTP/1.1 server on 127.0.0.1 for the tests of links: each route's answer is given
//! as status, headers and body; a route may wait before answering. Never the internet.

#![allow(dead_code)] // each test uses the parts it needs

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The requests a server received, each as its request line and headers.
pub type Log = Arc<Mutex<Vec<String>>>;

#[derive(Clone)]
pub struct Reply {
    pub status: &'static str,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
    /// Answered once; later requests get 503 (a server that went down).
    pub once: bool,
    /// Answered once; later requests get this (a page that changed), and so on down the chain.
    pub later: Option<Box<Reply>>,
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: "200 OK",
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            delay: Duration::ZERO,
            once: false,
            later: None,
        }
    }

    pub fn status(status: &'static str) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
            once: false,
            later: None,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn then(mut self, later: Reply) -> Reply {
        self.later = Some(Box::new(later));
        self
    }

    pub fn once(mut self) -> Reply {
        self.once = true;
        self
    }

    pub fn after(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

/// Serves `routes` (path -> reply; anything else 404) until the test ends. Returns the base
/// URL, `http://127.0.0.1:PORT`.
pub fn serve(routes: Vec<(&str, Reply)>) -> String {
    serve_logged(routes).0
}

/// [`serve`], with the log of the requests received. A route whose reply has an ETag answers
/// 304 to a request naming it in If-None-Match.
pub fn serve_logged(routes: Vec<(&str, Reply)>) -> (String, Log) {
    let log: Log = Arc::default();
    let served = Arc::new(AtomicUsize::new(0));
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let routes: Arc<HashMap<String, Reply>> = Arc::new(
        routes
            .into_iter()
            .map(|(p, r)| (p.to_string(), r))
            .collect(),
    );
    let kept = log.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (routes, log, served) = (routes.clone(), kept.clone(), served.clone());
            std::thread::spawn(move || answer(stream, &routes, &log, &served));
        }
    });
    (base, log)
}

fn answer(mut stream: TcpStream, routes: &HashMap<String, Reply>, log: &Log, served: &AtomicUsize) {
    let mut reader = BufReader::new(stream.try_clone().expect("a second handle"));
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // The headers, up to the blank line.
    let mut head = request.clone();
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        head.push_str(&line);
        line.clear();
    }
    if let Ok(mut l) = log.lock() {
        l.push(head.clone());
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut reply = routes
        .get(&path)
        .cloned()
        .unwrap_or_else(|| Reply::status("404 Not Found"));
    if reply.once || reply.later.is_some() {
        // The n-th request gets the n-th reply of the chain (the last one from then on).
        for _ in 0..served.fetch_add(1, Ordering::SeqCst) {
            reply = match reply.later.take() {
                Some(later) => *later,
                None if reply.once => Reply::status("503 Service Unavailable"),
                None => break,
            };
        }
    }
    let etag = reply
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("etag"))
        .map(|(_, v)| v.clone());
    if let Some(etag) = etag
        && head
            .to_ascii_lowercase()
            .contains(&format!("if-none-match: {}", etag.to_ascii_lowercase()))
    {
        reply = Reply::status("304 Not Modified");
    }
    std::thread::sleep(reply.delay);
    let mut out = format!("HTTP/1.1 {}\r\n", reply.status);
    for (name, value) in &reply.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        reply.body.len()
    ));
    let _ = stream.write_all(out.as_bytes());
    let _ = stream.write_all(&reply.body);
}
