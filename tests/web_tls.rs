//! A link to an https server on 127.0.0.1 with a self-signed certificate: refused, one line
//! naming the link and saying it is a TLS problem, exit 1 (certificates are checked against
//! the bundled web roots; nothing is trusted just because it answers).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::Command;
use std::sync::Arc;

#[test]
fn a_self_signed_server_is_refused_with_one_line() {
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".into()]).unwrap();
    let cert = certified.cert.der().clone();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
    // ring's provider, the one the client uses here (deprecated only for lacking
    // post-quantum key exchange, which this test does not need).
    #[allow(deprecated)]
    let provider = rustls::crypto::ring::default_provider();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let config = config.clone();
            std::thread::spawn(move || {
                let Ok(conn) = rustls::ServerConnection::new(config) else {
                    return;
                };
                let mut tls = rustls::StreamOwned::new(conn, stream);
                let mut buf = [0u8; 1024];
                // The handshake fails on the client's side; were it to succeed, a page.
                if tls.read(&mut buf).is_ok() {
                    let _ = tls.write_all(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 45\r\n\r\n<html><body><p>Trusted?</p></body></html>\r\n\r\n",
                    );
                }
            });
        }
    });
    let data = tempfile::tempdir().unwrap();
    let url = format!("https://127.0.0.1:{port}/page.html");
    let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
        .args(["extract", &url])
        .env("BRIEFLY_DATA_DIR", data.path())
        .env("BRIEFLY_CONFIG_DIR", data.path().join("config"))
        .env("BRIEFLY_HTTP_TIMEOUT", "5")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("briefly: {url}: TLS")),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}
