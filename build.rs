//! Embeds the default theme (`templates/`) and the sample site (`site.yaml`, `content/`) in
//! the binary, so a site without templates builds and `dossier init` can scaffold one.

use std::fmt::Write as _;
use std::path::Path;

fn collect(dir: &Path, prefix: &str, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let rel = format!("{prefix}{name}");
        if path.is_dir() {
            collect(&path, &format!("{rel}/"), out);
        } else {
            let abs = path.canonicalize().expect("embedded file has a path");
            out.push((rel, abs.to_string_lossy().into_owned()));
        }
    }
}

fn table(name: &str, files: &[(String, String)], bytes: bool) -> String {
    let (ty, mac) = if bytes {
        ("&[u8]", "include_bytes")
    } else {
        ("&str", "include_str")
    };
    let mut s = format!("pub static {name}: &[(&str, {ty})] = &[\n");
    for (rel, abs) in files {
        writeln!(s, "    ({rel:?}, {mac}!({abs:?})),").unwrap();
    }
    s.push_str("];\n");
    s
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut theme = Vec::new();
    collect(&root.join("templates"), "", &mut theme);
    let mut sample = Vec::new();
    collect(&root.join("content"), "content/", &mut sample);
    if root.join("site.yaml").is_file() {
        sample.push((
            "site.yaml".to_string(),
            root.join("site.yaml").to_string_lossy().into_owned(),
        ));
    }
    let code = table("THEME", &theme, false) + &table("SAMPLE_SITE", &sample, true);
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(out, code).unwrap();
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=site.yaml");
}
