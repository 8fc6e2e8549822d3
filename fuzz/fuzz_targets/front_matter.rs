//! Front matter: splitting a Markdown file and parsing its YAML, then writing the parsed
//! front matter back and reading it again.
//!
//! Input: one byte N, then N bytes of the file's path under content/ (the slug comes from it
//! when the front matter has none), then the file's bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let n = usize::from(n % 64).min(rest.len());
    let rel_path = String::from_utf8_lossy(&rest[..n]);
    dossier_fuzz::check_front_matter(&rel_path, &rest[n..]);
});
