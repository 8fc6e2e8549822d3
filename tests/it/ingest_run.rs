//! File-level behaviour of `ingest::run` in a temporary site: re-runs, user edits, changed
//! raw files, untouched raw files, duplicates, empty/binary/huge files, the manifest, the
//! report, the dry run and the command line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dossier::ingest::{run, DocStatus, RunOptions};
use dossier::Config;

const STORY_A: &str = "Skip to content\n\nCouncil approves harbour plan after long debate\n\nBy Ana Ruiz\nMarch 3, 2024\n\nThe city council approved the harbour plan on Monday after a debate that lasted most of the night, members said.\n\nWork is due to start in the spring and to last three years, according to the plan.\n";
const STORY_B: &str = "Bridge reopens after eight months of repairs\n\nKim Sato\nMay 2, 2024\n\nThe bridge reopened to traffic on Thursday after eight months of repairs, the city said.\n";

struct Site {
    _dir: tempfile::TempDir,
    root: PathBuf,
    config: Config,
}

impl Site {
    fn new(site_yaml: &str) -> Site {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().to_path_buf();
        std::fs::create_dir_all(root.join("content/inbox")).unwrap();
        std::fs::write(root.join("site.yaml"), site_yaml).unwrap();
        let config = Config::load(&root.join("site.yaml")).expect("site.yaml");
        Site {
            _dir: dir,
            root,
            config,
        }
    }

    fn raw(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.root.join("content/inbox").join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn run(&self) -> dossier::ingest::RunReport {
        run(&self.root, &self.config, &RunOptions::default()).expect("run")
    }

    /// Every file under the site with its bytes, `.dossier` left out.
    fn snapshot(&self, under: &str) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        let base = self.root.join(under);
        if !base.exists() {
            return out;
        }
        for e in walkdir::WalkDir::new(&base).sort_by_file_name() {
            let e = e.unwrap();
            if e.file_type().is_file() {
                let rel = e
                    .path()
                    .strip_prefix(&self.root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
        out
    }

    fn articles(&self) -> BTreeMap<String, Vec<u8>> {
        self.snapshot("content/articles")
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn writes_dated_files_and_reruns_identically() {
    let site = Site::new("title: T\n");
    site.raw("a.txt", STORY_A.as_bytes());
    site.raw("b.txt", STORY_B.as_bytes());
    let r = site.run();
    assert_eq!(
        (r.written, r.unchanged, r.conflicts),
        (2, 0, 0),
        "{}",
        r.summary()
    );
    let first = site.articles();
    assert_eq!(
        first.keys().cloned().collect::<Vec<_>>(),
        [
            "content/articles/2024/03/council-approves-harbour-plan-after-long-debate.md",
            "content/articles/2024/05/bridge-reopens-after-eight-months-of-repairs.md",
        ]
    );
    let a =
        text(&first["content/articles/2024/03/council-approves-harbour-plan-after-long-debate.md"]);
    assert!(
        a.starts_with(
            "---\ntitle: Council approves harbour plan after long debate\ndate: 2024-03-03\n"
        ),
        "{a}"
    );
    assert!(a.contains("source_file: content/inbox/a.txt\n"), "{a}");
    assert!(a.contains("\ningest_hash: "), "{a}");
    // The generated file is a valid document for the build.
    let doc =
        dossier::content::parse_document(Path::new("a.md"), "a.md", a.as_bytes()).expect("parses");
    assert_eq!(doc.front.authors, ["Ana Ruiz"]);
    assert!(site.root.join(".dossier/ingest.json").is_file());

    let r = site.run();
    assert_eq!((r.written, r.unchanged), (0, 2), "{}", r.summary());
    assert_eq!(site.articles(), first);
    assert_eq!(r.summary(), "ingest: 0 converted, 2 unchanged");

    // --force converts again and still yields the same bytes.
    let r = run(
        &site.root,
        &site.config,
        &RunOptions {
            force: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!((r.written, r.unchanged), (0, 2), "{}", r.summary());
    assert_eq!(site.articles(), first);
}

#[test]
fn raw_files_are_never_modified() {
    let site = Site::new("");
    let a = site.raw("a.txt", STORY_A.as_bytes());
    let b = site.raw("b.txt", b"\xEF\xBB\xBFBridge reopens after repairs\r\n\r\nMay 2, 2024\r\n\r\nTraffic flowed again on Thursday after eight months of work on the bridge, the city said.\r\n");
    let before = site.snapshot("content/inbox");
    let meta_before: Vec<_> = [&a, &b]
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().modified().unwrap())
        .collect();
    site.run();
    site.run();
    run(
        &site.root,
        &site.config,
        &RunOptions {
            force: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(site.snapshot("content/inbox"), before);
    let meta_after: Vec<_> = [&a, &b]
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().modified().unwrap())
        .collect();
    assert_eq!(meta_before, meta_after);
    let hashes: Vec<String> = before
        .values()
        .map(|v| blake3::hash(v).to_hex().to_string())
        .collect();
    let after: Vec<String> = site
        .snapshot("content/inbox")
        .values()
        .map(|v| blake3::hash(v).to_hex().to_string())
        .collect();
    assert_eq!(hashes, after);
}

#[test]
fn changed_raw_file_is_converted_again() {
    let site = Site::new("");
    let raw = site.raw("a.txt", STORY_A.as_bytes());
    site.run();
    std::fs::write(&raw, STORY_A.replace("three years", "four years")).unwrap();
    let r = site.run();
    assert_eq!((r.written, r.unchanged), (1, 0), "{}", r.summary());
    let files = site.articles();
    assert_eq!(files.len(), 1);
    assert!(text(files.values().next().unwrap()).contains("four years"));

    // A new headline moves the article; the old generated file (unedited) goes.
    std::fs::write(
        &raw,
        STORY_A.replace(
            "Council approves harbour plan",
            "Council backs harbour plan",
        ),
    )
    .unwrap();
    let r = site.run();
    assert_eq!(r.written, 1);
    let names: Vec<_> = site.articles().keys().cloned().collect();
    assert_eq!(
        names,
        ["content/articles/2024/03/council-backs-harbour-plan-after-long-debate.md"]
    );
}

#[test]
fn user_edits_are_kept_and_reported() {
    let site = Site::new("");
    let raw = site.raw("a.txt", STORY_A.as_bytes());
    site.run();
    let (name, bytes) = site.articles().into_iter().next().unwrap();
    let generated = site.root.join(&name);
    let edited = text(&bytes).replace("Ana Ruiz", "Ana Ruiz-Lopez");
    std::fs::write(&generated, &edited).unwrap();

    // Raw unchanged: nothing to do, the edit stays.
    let r = site.run();
    assert_eq!((r.unchanged, r.conflicts), (1, 0));
    assert_eq!(std::fs::read_to_string(&generated).unwrap(), edited);

    // Raw changed: the edit still wins and the conflict names both files.
    std::fs::write(&raw, STORY_A.replace("three years", "four years")).unwrap();
    let r = site.run();
    assert_eq!((r.written, r.conflicts), (0, 1), "{}", r.summary());
    assert!(r.summary().contains("1 conflict"), "{}", r.summary());
    assert_eq!(std::fs::read_to_string(&generated).unwrap(), edited);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.message.contains("edited"))
        .expect("conflict reported");
    assert_eq!(d.path, generated);
    assert!(d.message.contains("a.txt"), "{d}");
    assert_eq!(r.documents[0].status, DocStatus::Conflict);
    assert_eq!(site.articles().len(), 1);
}

#[test]
fn duplicates_are_reported_not_merged() {
    let site = Site::new("");
    site.raw("a.txt", STORY_A.as_bytes());
    site.raw("copy-of-a.txt", format!("{STORY_A}\n").as_bytes());
    let r = site.run();
    assert_eq!(r.written, 2);
    assert_eq!(r.duplicates, 1);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.message.contains("same article"))
        .expect("duplicate reported");
    assert!(d.path.ends_with("copy-of-a.txt"));
    assert!(d.message.contains("content/inbox/a.txt"), "{d}");
    let names: Vec<_> = site.articles().keys().cloned().collect();
    assert_eq!(
        names,
        [
            "content/articles/2024/03/council-approves-harbour-plan-after-long-debate-2.md",
            "content/articles/2024/03/council-approves-harbour-plan-after-long-debate.md",
        ]
    );
    // Still reported on a run where nothing changed.
    let r = site.run();
    assert_eq!((r.unchanged, r.duplicates), (2, 1));
}

#[test]
fn empty_binary_and_huge_files_are_skipped_with_warnings() {
    let site = Site::new("");
    site.raw("empty.txt", b"");
    site.raw("blank.md", b" \n\t\n");
    site.raw("scan.txt", b"%PDF-1.7\n\x00\x01\x02binary");
    site.raw("nul.txt", b"abc\x00\x00\x00def\x00");
    let huge = site.root.join("content/inbox/huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    site.raw("ok.txt", STORY_B.as_bytes());
    let r = site.run();
    assert_eq!((r.written, r.skipped), (1, 5), "{}", r.summary());
    let msg = |name: &str| {
        r.diagnostics
            .iter()
            .find(|d| d.path.ends_with(name))
            .map(|d| d.message.clone())
            .unwrap_or_else(|| panic!("no warning for {name}: {:#?}", r.diagnostics))
    };
    assert!(msg("empty.txt").contains("empty"));
    assert!(msg("blank.md").contains("empty"));
    assert!(msg("scan.txt").contains("PDF"));
    assert!(msg("nul.txt").contains("not a text document"));
    assert!(msg("huge.txt").contains("MB"), "{}", msg("huge.txt"));
    assert!(r.diagnostics.iter().all(|d| !d.is_error()));
}

#[test]
fn undated_documents_are_reported_and_filed_as_undated() {
    let site = Site::new("");
    site.raw("n.txt", b"Harbour plan draws objections\n\nResidents objected to the harbour plan at a meeting on Monday evening, organisers said.\n");
    let r = site.run();
    let names: Vec<_> = site.articles().keys().cloned().collect();
    assert_eq!(
        names,
        ["content/articles/undated/harbour-plan-draws-objections.md"]
    );
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.message.contains("undated"))
        .expect("undated warning");
    assert!(d.path.ends_with("n.txt"));
    assert!(d.hint.as_deref().unwrap_or("").contains("date: YYYY-MM-DD"));
    assert!(d
        .hint
        .as_deref()
        .unwrap_or("")
        .contains("content/articles/undated/harbour-plan-draws-objections.md"));
    let body = text(site.articles().values().next().unwrap());
    assert!(!body.contains("\ndate:"), "never the build date: {body}");
}

#[test]
fn manifest_is_rebuilt_from_front_matter() {
    let site = Site::new("");
    site.raw("a.txt", STORY_A.as_bytes());
    site.raw("b.txt", STORY_B.as_bytes());
    site.run();
    let before = site.articles();
    std::fs::remove_file(site.root.join(".dossier/ingest.json")).unwrap();
    let r = site.run();
    assert_eq!((r.written, r.unchanged), (0, 2), "{}", r.summary());
    assert_eq!(site.articles(), before);
    // A corrupt manifest is rebuilt as well; a manifest path outside the articles folder is
    // never followed.
    std::fs::write(site.root.join(".dossier/ingest.json"), "{ not json").unwrap();
    assert_eq!(site.run().unchanged, 2);
    let tampered = r#"{"version":1,"entries":{"content/inbox/a.txt":{"source_hash":"x","output":"../outside.md","title":"t"}}}"#;
    std::fs::write(site.root.join(".dossier/ingest.json"), tampered).unwrap();
    let r = site.run();
    assert_eq!(
        (r.conflicts, r.written + r.unchanged),
        (0, 2),
        "{}",
        r.summary()
    );
    assert!(!site.root.join("../outside.md").exists());
    assert_eq!(
        site.articles(),
        before,
        "the file naming the raw document is reused, not duplicated"
    );
}

#[test]
fn dry_run_writes_nothing_and_shows_rules() {
    let site = Site::new("ingest:\n  report: ingest-report.txt\n");
    site.raw("a.txt", STORY_A.as_bytes());
    let r = run(
        &site.root,
        &site.config,
        &RunOptions {
            dry_run: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(r.written, 1);
    assert!(site.articles().is_empty());
    assert!(!site.root.join(".dossier").exists());
    assert!(!site.root.join("ingest-report.txt").exists());
    let shown = r.render_dry_run(5);
    assert!(
        shown.contains("title: Council approves harbour plan after long debate"),
        "{shown}"
    );
    assert!(shown.contains("skip-links"), "{shown}");
    assert!(shown.contains("Skip to content"), "{shown}");

    // A real run writes the report file, listing the dropped blocks and their rules.
    site.run();
    let report = std::fs::read_to_string(site.root.join("ingest-report.txt")).unwrap();
    assert!(report.contains("content/inbox/a.txt"), "{report}");
    assert!(
        report.contains("skip-links") && report.contains("Skip to content"),
        "{report}"
    );
}

#[test]
fn writes_only_inside_the_articles_folder() {
    let site = Site::new("");
    site.raw("evil.txt", b"../../../etc/passwd and ..\\..\\windows headline here\n\nMarch 3, 2024\n\nA paragraph of text that is long enough to be the body of the article, it says.\n");
    site.raw("slug.md", b"---\nslug: ../../escape\n---\nA headline for the slug test\n\nMarch 3, 2024\n\nA paragraph of text that is long enough to be the body of the article, it says.\n");
    site.run();
    let all = site.snapshot("");
    for name in all.keys() {
        assert!(
            name.starts_with("content/") || name == "site.yaml" || name.starts_with(".dossier/"),
            "unexpected file {name}"
        );
        if !name.starts_with("content/inbox/") && name.starts_with("content/") {
            assert!(name.starts_with("content/articles/2024/03/"), "{name}");
        }
    }
}

#[test]
fn explicit_paths_files_and_folders() {
    let site = Site::new("");
    let other = site.root.join("elsewhere");
    std::fs::create_dir_all(other.join("sub")).unwrap();
    std::fs::write(other.join("sub/b.txt"), STORY_B).unwrap();
    std::fs::write(other.join("notes.pdf"), "x").unwrap();
    let a = site.raw("a.txt", STORY_A.as_bytes());
    let r = run(
        &site.root,
        &site.config,
        &RunOptions {
            paths: vec![other.clone(), a],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(r.written, 2, "{}", r.summary());
    let sources: Vec<_> = r.documents.iter().map(|d| d.source_file.clone()).collect();
    assert_eq!(sources, ["content/inbox/a.txt", "elsewhere/sub/b.txt"]);
}

#[test]
fn command_line_dry_run() {
    let site = Site::new("");
    site.raw("a.txt", STORY_A.as_bytes());
    let out = assert_cmd::Command::cargo_bin("dossier")
        .unwrap()
        .args(["ingest", "--dry-run", "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("title: Council approves harbour plan after long debate"),
        "{stdout}"
    );
    assert!(stdout.contains("skip-links"), "{stdout}");
    assert!(
        stdout.contains("ingest (dry run, nothing written): 1 to convert"),
        "{stdout}"
    );
    assert!(site.articles().is_empty());

    let out = assert_cmd::Command::cargo_bin("dossier")
        .unwrap()
        .args(["ingest", "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("ingest: 1 converted, 0 unchanged"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(site.articles().len(), 1);
}

#[test]
fn build_and_ingest_agree_after_an_edit_when_run_inside_the_site() {
    // `dossier build` run from the site folder (root "."), after the user edited the
    // converted file: no "raw document has changed" conflict, as `ingest` says.
    let site = Site::new("");
    site.raw("a.txt", STORY_A.as_bytes());
    let build = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("dossier")
            .unwrap()
            .args(args)
            .current_dir(&site.root)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        format!("{}{}", text(&out.stdout), text(&out.stderr))
    };
    build(&["build", "--output", "out"]);
    let (name, bytes) = site.articles().into_iter().next().unwrap();
    let edited = text(&bytes).replace("Ana Ruiz", "Ana Ruiz-Lopez");
    std::fs::write(site.root.join(&name), &edited).unwrap();
    let second = build(&["build", "--output", "out"]);
    assert!(!second.contains("has changed"), "{second}");
    assert!(!second.contains("conflict"), "{second}");
    let ingest = build(&["ingest"]);
    assert!(ingest.contains("0 converted, 1 unchanged"), "{ingest}");
    assert_eq!(
        std::fs::read_to_string(site.root.join(&name)).unwrap(),
        edited
    );
}

#[test]
fn a_moved_converted_file_is_known_by_its_provenance() {
    let site = Site::new("");
    site.raw("a.txt", STORY_A.as_bytes());
    site.run();
    let (name, _) = site.articles().into_iter().next().unwrap();
    let moved = site.root.join("content/articles/harbour/plan.md");
    std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
    std::fs::rename(site.root.join(&name), &moved).unwrap();
    let r = site.run();
    assert_eq!((r.written, r.unchanged), (0, 1), "{}", r.summary());
    let files: Vec<String> = site.articles().into_keys().collect();
    assert_eq!(files, ["content/articles/harbour/plan.md"]);
    // And again: the manifest now knows the new place.
    let r = site.run();
    assert_eq!((r.written, r.unchanged), (0, 1), "{}", r.summary());
    assert_eq!(site.articles().len(), 1);
}

#[test]
fn an_inbox_file_of_another_type_is_named_in_a_warning() {
    let site = Site::new("");
    site.raw("a.txt", STORY_A.as_bytes());
    site.raw("notes.docx", b"PK\x03\x04 not converted");
    let r = site.run();
    assert_eq!(r.written, 1);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.path.ends_with("notes.docx"))
        .expect("the other file is named");
    assert!(d.message.contains("not converted"), "{d}");
    // The message lists every kind the inbox converts, saved pages included.
    for kind in [".txt", ".md", ".html", ".mhtml"] {
        assert!(d.message.contains(kind), "{kind} missing: {d}");
    }
}
