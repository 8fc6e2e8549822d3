//! Crash safety and determinism of whole builds.
//!
//! `dossier build` is killed with SIGKILL at seeded moments, alternately building two
//! versions of a generated site: no file of the output is ever half-written (each equals its
//! version from one of the two clean builds), and the next complete build leaves the folder
//! exactly as a clean build into a fresh folder does. The bundled sample site (with its inbox)
//! builds byte-identically with one and two threads in two folders.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::*;

/// Dossier's own bookkeeping while a build runs; not part of the site.
fn bookkeeping(path: &str) -> bool {
    path == ".dossier-pending" || path.starts_with(".dossier-tmp/")
}

/// A small deterministic generator (64-bit LCG), so the kill moments repeat run to run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Version B of the generated content: some titles changed in place (same length, so pages
/// keep their sizes), one document removed, one added.
fn make_version_b(content_a: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let mut b = content_a.clone();
    let keys: Vec<String> = b.keys().cloned().collect();
    for key in keys.iter().step_by(3) {
        let text = String::from_utf8(b[key].clone()).unwrap();
        let changed: String = text
            .lines()
            .map(|l| match l.strip_prefix("title: ") {
                Some(t) => format!("title: {}", t.to_uppercase()),
                None => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        b.insert(key.clone(), format!("{changed}\n").into_bytes());
    }
    b.remove(&keys[1]);
    b.insert(
        "articles/added/late-note.md".into(),
        b"---\ntitle: A late note on the harbour\ndate: 2022-03-01\n---\nA short note written for the crash test.\n".to_vec(),
    );
    b
}

fn set_content(root: &Path, files: &BTreeMap<String, Vec<u8>>) {
    let content = root.join("content");
    if content.exists() {
        std::fs::remove_dir_all(&content).unwrap();
    }
    for (rel, bytes) in files {
        let p = content.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

fn build_into(root: &Path, out: &Path) {
    let run = run_dossier(&[
        "build".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
        "--output".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn snapshot(dir: &Path) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    (tree(dir), folders(dir))
}

#[test]
fn killed_builds_never_leave_half_written_files() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    let mut args: Vec<std::ffi::OsString> = ["dossier-gen", "--docs", "40", "--seed", "5", "--out"]
        .map(Into::into)
        .to_vec();
    args.push(root.into());
    dossier_gen::run(args).expect("dossier-gen writes the site");
    let content_a = tree(&root.join("content"));
    let content_b = make_version_b(&content_a);

    // Clean builds of both versions into fresh folders: the reference trees.
    let refs = tempfile::tempdir().unwrap();
    set_content(root, &content_a);
    let t = Instant::now();
    build_into(root, &refs.path().join("a"));
    let full = t.elapsed();
    set_content(root, &content_b);
    build_into(root, &refs.path().join("b"));
    let clean_a = snapshot(&refs.path().join("a"));
    let clean_b = snapshot(&refs.path().join("b"));
    assert_ne!(clean_a.0, clean_b.0);

    let out = root.join("public");
    set_content(root, &content_a);
    build_into(root, &out);
    assert!(snapshot(&out) == clean_a);

    let mut rng = Lcg(0x5eed);
    let mut mid_write = 0;
    for i in 0..8 {
        let (target, name) = if i % 2 == 0 {
            (&content_b, "B")
        } else {
            (&content_a, "A")
        };
        set_content(root, target);
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["build", "--quiet", "--root"])
            .arg(root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        if i % 2 == 0 {
            // Aim at the write stage: wait for the journal, then a few milliseconds more.
            while !out.join(".dossier-pending").exists()
                && started.elapsed() < full * 3
                && child.try_wait().unwrap().is_none()
            {
                std::thread::sleep(Duration::from_micros(500));
            }
            std::thread::sleep(Duration::from_micros(rng.next() % 30_000));
        } else {
            let frac = 0.2 + (rng.next() % 1000) as f64 / 1250.0;
            std::thread::sleep(full.mul_f64(frac));
        }
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        if out.join(".dossier-pending").exists() {
            mid_write += 1;
        }

        for (path, bytes) in tree_now(&out) {
            if bookkeeping(&path) {
                continue;
            }
            let in_a = clean_a.0.get(&path) == Some(&bytes);
            let in_b = clean_b.0.get(&path) == Some(&bytes);
            assert!(
                in_a || in_b,
                "kill {i} (building {name}): {path} is neither version A nor B"
            );
        }

        if i % 2 == 1 {
            // A complete build now, of either version, gives exactly the clean tree.
            let (content, clean) = if i % 4 == 1 {
                (&content_a, &clean_a)
            } else {
                (&content_b, &clean_b)
            };
            set_content(root, content);
            build_into(root, &out);
            let now = snapshot(&out);
            assert!(
                now.1 == clean.1,
                "after kill {i}: folders differ from a clean build"
            );
            let differ: Vec<&String> = now
                .0
                .keys()
                .chain(clean.0.keys())
                .filter(|k| now.0.get(*k) != clean.0.get(*k))
                .collect();
            assert!(
                differ.is_empty(),
                "after kill {i}: files differ from a clean build: {differ:?}"
            );
        }
    }
    println!("{mid_write} of 8 kills landed while the output was being written");
}

#[test]
fn sample_site_is_byte_identical_across_threads_and_folders() {
    let a = sample_copy();
    let b = sample_copy();
    for (dir, threads) in [(&a, "1"), (&b, "2")] {
        let out = dossier()
            .env("RAYON_NUM_THREADS", threads)
            .arg("build")
            .arg("--root")
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("ingest: 2 converted"));
    }
    let (pa, pb) = (a.path().join("public"), b.path().join("public"));
    assert!(tree(&pa).len() > 40);
    assert!(tree(&pa) == tree(&pb), "public/ differs");
    assert_eq!(folders(&pa), folders(&pb));
    // What ingest wrote into content/ is the same too.
    assert!(tree(&a.path().join("content")) == tree(&b.path().join("content")));
}
