//! `decisions serve`: a published site (or a build folder) on 127.0.0.1, for a preview, served
//! by `hyper` on a small `tokio` runtime. Only files inside the site are served: `..`, its
//! encoded forms and symbolic links that lead out are refused. With `--watch` (`notify`), the
//! library is published again when a case file or template changes, and open pages reload.

use super::EXIT_OK;
use crate::cli::ServeArgs;
use crate::publish::{self, feeds::BaseUrl, Options, Outcome};
use anyhow::{Context, Result};
use http_body_util::Full;
use hyper::body::Bytes;
use hyper::header::HeaderValue;
use hyper::{Method, Request, Response, StatusCode};
use indicatif::ProgressBar;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The address open pages poll, under `--watch`, to learn that the site changed.
const VERSION_PATH: &str = "/.decisions/version";

/// Added to every HTML page under `--watch`: reloads the page when the site changes.
const RELOAD: &str = "<script>(function(){var v=null;setInterval(function(){\
fetch('/.decisions/version',{cache:'no-store'}).then(function(r){return r.text();})\
.then(function(t){if(v===null){v=t;}else if(t!==v){location.reload();}}).catch(function(){});\
},1000);}());</script>";

pub fn run(args: ServeArgs) -> Result<i32> {
    let version = Arc::new(AtomicU64::new(0));
    if args.watch {
        republish(&args, &version);
        watch(&args, Arc::clone(&version))?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .build()
        .context("cannot start the server")?;
    let site = Arc::new(args.site.clone());
    let version = args.watch.then_some(version);
    runtime.block_on(serve(&args, site, version))?;
    Ok(EXIT_OK)
}

/// Accepts connections until the process is stopped; each is served by a task of its own, so
/// a connection a browser keeps open holds nothing but its socket.
async fn serve(
    args: &ServeArgs,
    site: Arc<PathBuf>,
    version: Option<Arc<AtomicU64>>,
) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port))
        .await
        .with_context(|| format!("cannot listen on 127.0.0.1:{}", args.port))?;
    let port = listener.local_addr()?.port();
    println!(
        "Serving {} at http://127.0.0.1:{port}/ (Ctrl-C to stop)",
        args.site.display()
    );
    std::io::stdout().flush()?;
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let (site, version) = (Arc::clone(&site), version.clone());
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let response = answer(&request, &site, version.as_deref());
                async move { Ok::<_, std::convert::Infallible>(response) }
            });
            // A reader that went away is no concern of the server's.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Answers one request: a file of the site, the site's version under `--watch`, or an error.
fn answer<B>(
    request: &Request<B>,
    site: &Path,
    version: Option<&AtomicU64>,
) -> Response<Full<Bytes>> {
    let method = request.method();
    let url = request.uri().to_string();
    let (code, kind, body) = if method != Method::GET && method != Method::HEAD {
        (405, TEXT, b"Method not allowed".to_vec())
    } else {
        match (version, request.uri().path()) {
            (Some(v), VERSION_PATH) => (200, TEXT, v.load(Ordering::SeqCst).to_string().into()),
            _ => match resolve(site, &url).and_then(|path| file(&path, version.is_some())) {
                Ok((kind, body)) => (200, kind, body),
                Err(403) => (403, TEXT, b"Forbidden".to_vec()),
                Err(400) => (400, TEXT, b"Bad request".to_vec()),
                Err(_) => (404, TEXT, b"Not found".to_vec()),
            },
        }
    };
    // hyper sends the head alone to a HEAD request, with the length of this body.
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = StatusCode::from_u16(code).unwrap_or(StatusCode::NOT_FOUND);
    let cache = if code == 200 { "no-cache" } else { "no-store" };
    let headers = response.headers_mut();
    headers.insert("content-type", HeaderValue::from_static(kind));
    headers.insert("cache-control", HeaderValue::from_static(cache));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    response
}

const TEXT: &str = "text/plain; charset=utf-8";

/// A file's content type and bytes, with the reload script added to a page under `--watch`.
fn file(path: &Path, reload: bool) -> std::result::Result<(&'static str, Vec<u8>), u16> {
    let mut bytes = std::fs::read(path).map_err(|_| 404u16)?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if reload && ext == "html" {
        let at = find_last(&bytes, b"</body>").unwrap_or(bytes.len());
        bytes.splice(at..at, RELOAD.bytes());
    }
    Ok((content_type(ext), bytes))
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// The file of the site a request's path names, or the status to answer: 403 for a path that
/// leads out of the site (by `..` or a link), 404 for one that is not there.
pub fn resolve(site: &Path, url: &str) -> std::result::Result<PathBuf, u16> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_decode(path).ok_or(400u16)?;
    if decoded.contains(['\0', '\\']) {
        return Err(403);
    }
    // The site is a link to its live version, which changes on each publish.
    let root = site.canonicalize().map_err(|_| 404u16)?;
    let mut wanted = root.clone();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        if part == ".." || part == "." {
            return Err(403);
        }
        wanted.push(part);
    }
    if wanted.is_dir() {
        wanted.push("index.html");
    }
    let real = wanted.canonicalize().map_err(|_| 404u16)?;
    if !real.starts_with(&root) {
        return Err(403);
    }
    if real.is_file() {
        Ok(real)
    } else {
        Err(404)
    }
}

/// `%xx` escapes decoded; `None` if they are malformed or the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Publishes the cases to the site, reporting how it went; bumps `version` when it did.
fn republish(args: &ServeArgs, version: &AtomicU64) {
    let opts = match BaseUrl::parse(&args.base_url) {
        Ok(base_url) => Options {
            cases: args.cases.clone(),
            out: args.site.clone(),
            templates: args.templates.templates.clone(),
            base_url,
            force: false,
            formats: crate::render::Format::PUBLISHED.to_vec(),
            progress: ProgressBar::hidden(),
            fail_after: None,
        },
        Err(e) => return eprintln!("error: {e:#}"),
    };
    match publish::publish(&opts) {
        Ok(Outcome::Published(s)) => {
            version.fetch_add(1, Ordering::SeqCst);
            eprintln!(
                "Published {} decisions ({} rendered) to {}",
                s.published,
                s.rendered,
                args.site.display()
            );
        }
        Ok(Outcome::Rejected(problems)) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!("Nothing published: the site is unchanged.");
        }
        Err(e) => eprintln!("error: {e:#}"),
    }
}

/// Watches the cases and templates, publishing again a moment after they change.
fn watch(args: &ServeArgs, version: Arc<AtomicU64>) -> Result<()> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).context("cannot watch for changes")?;
    let mut dirs = vec![args.cases.clone()];
    dirs.extend(args.templates.templates.clone());
    for dir in &dirs {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch {}", dir.display()))?;
    }
    let args = args.clone();
    std::thread::spawn(move || {
        let _watcher = watcher;
        while let Ok(event) = rx.recv() {
            if !event.is_ok_and(|e| e.kind.is_create() || e.kind.is_modify() || e.kind.is_remove())
            {
                continue;
            }
            // An editor saves in several steps: wait for them to settle.
            while rx.recv_timeout(Duration::from_millis(300)).is_ok() {}
            republish(&args, &version);
        }
    });
    Ok(())
}
