//! `decisions serve` over plain HTTP (std `TcpStream`): files of the site are served, paths
//! that lead out of it are refused in every spelling, and with `--watch` a changed case file
//! is published again, the page served shows it, and the version open pages poll moves on.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// `decisions serve ARGS` on a free port, stopped when dropped.
struct Serve {
    child: Child,
    addr: String,
}

impl Serve {
    fn start(args: &[&std::ffi::OsStr]) -> Serve {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("decisions"))
            .arg("serve")
            .args(args)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let at = line.find("http://").expect("serve prints its address") + "http://".len();
        let addr = line[at..].split('/').next().unwrap().to_string();
        Serve { child, addr }
    }

    /// Asks for `target` and returns the status code and body.
    fn get(&self, target: &str) -> (u16, String) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(
            s,
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").expect("a whole response");
        let code = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        let body = if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            unchunk(body)
        } else {
            body.to_string()
        };
        (code, body)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The body of a chunked response.
fn unchunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap();
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        body = &rest[n + 2..];
    }
    out
}

fn publish(cases: &Path, site: &Path) {
    common::bin()
        .arg("publish")
        .arg(cases)
        .arg("--out")
        .arg(site)
        .arg("--quiet")
        .assert()
        .success();
}

fn examples_in(dir: &Path) -> std::path::PathBuf {
    let cases = dir.join("cases");
    std::fs::create_dir_all(&cases).unwrap();
    for case in common::examples() {
        std::fs::copy(&case, cases.join(case.file_name().unwrap())).unwrap();
    }
    cases
}

#[test]
fn serve_answers_files_of_the_site_and_refuses_paths_out_of_it() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = examples_in(tmp.path());
    let site = tmp.path().join("site");
    publish(&cases, &site);
    // A secret beside the site, and a link inside the site that leads to it.
    std::fs::write(tmp.path().join("secret.txt"), "not for readers").unwrap();
    let live = site.canonicalize().unwrap();
    std::os::unix::fs::symlink(tmp.path().join("secret.txt"), live.join("leak.txt")).unwrap();
    let serve = Serve::start(&[site.as_os_str()]);

    let (code, home) = serve.get("/");
    assert_eq!(code, 200);
    assert!(home.contains("<h1>Decisions</h1>"), "{home}");
    let (code, search) = serve.get("/search.html?q=council&outcome=upheld");
    assert_eq!(code, 200);
    assert!(search.contains("id=\"search-form\""));
    assert!(
        !search.contains("/.decisions/version"),
        "no reload script without --watch"
    );
    assert_eq!(serve.get("/no-such-page.html").0, 404);
    for target in [
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/decisions/..%2F..%2Fsecret.txt",
        "/decisions/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "/leak.txt",
    ] {
        let (code, body) = serve.get(target);
        assert!(
            code == 403 || code == 400,
            "{target} answered {code}: {body}"
        );
        assert!(!body.contains("not for readers"), "{target}");
    }
}

/// Polls `f` until it is true or 60 s have passed.
fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(start.elapsed() < Duration::from_secs(60), "{what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn serve_watch_publishes_a_changed_case_and_open_pages_learn_of_it() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = examples_in(tmp.path());
    let site = tmp.path().join("site");
    // No publish beforehand: `--watch` publishes before it serves.
    let serve = Serve::start(&["--watch".as_ref(), site.as_os_str(), cases.as_os_str()]);
    let json: serde_json::Value =
        serde_json::from_str(&serve.get("/decisions.json").1).expect("the published site");
    let first = &json["decisions"][0];
    let page = format!("/{}", first["html"].as_str().unwrap());
    let (code, before) = serve.get(&page);
    assert_eq!(code, 200);
    assert!(
        before.contains("fetch('/.decisions/version'"),
        "pages carry the reload script"
    );
    let version = serve.get("/.decisions/version").1;

    let slug = first["slug"].as_str().unwrap();
    let file = common::files_under(&cases)
        .into_iter()
        .map(|(_, p)| p)
        .find(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .contains(&slug.replace('-', " "))
        })
        .expect("the case file of the first decision");
    let yaml = std::fs::read_to_string(&file).unwrap();
    let changed = yaml.replacen("summary: >-\n  ", "summary: >-\n  Zygomorphic news. ", 1);
    assert_ne!(yaml, changed, "{}", file.display());
    std::fs::write(&file, changed).unwrap();

    eventually("the changed page is served", || {
        serve.get(&page).1.contains("Zygomorphic news.")
    });
    // The version moves just after the new site goes live, which open pages poll for.
    eventually("open pages learn of the change", || {
        serve.get("/.decisions/version").1 != version
    });
    let search = serve.get("/search.html").1;
    assert!(search.contains("fetch('/.decisions/version'"));
}
