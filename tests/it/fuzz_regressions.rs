//! Inputs the fuzz targets in `fuzz/` found to break an invariant, minimised, fed through the
//! same public API, each asserting the behaviour that is now right. See fuzz/README.md.

use std::path::Path;

use dossier::content::parse_document;

/// Number of lines as an editor shows them when lines end in LF.
fn lf_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count() + 1
}

/// front_matter: YAML with lone CRs (old Mac line endings). libyaml counts each CR as a line
/// break, so the error pointed at a line past the end of the file.
#[test]
fn front_matter_error_line_with_lone_carriage_returns() {
    let file = b"---\n\r\r\r\rZ\n---\n";
    let errors = parse_document(Path::new("content/a.md"), "2024/talk\r\rZ\n", file)
        .expect_err("a bare scalar is not front matter");
    for e in &errors {
        let line = e.line.expect("the parser knows where");
        assert!(
            (2..=lf_lines(file)).contains(&line),
            "line {line} of a {}-line file: {e}",
            lf_lines(file)
        );
    }
    // The same fault further down: the message points at the key's own line.
    let file = b"---\ntitle: A\r\rsummary: b\r\rcolour: red\n---\n";
    let errors = parse_document(Path::new("content/a.md"), "a.md", file).unwrap_err();
    assert_eq!(errors[0].line, Some(2), "{}", errors[0]);
    assert!(errors[0].message.contains("colour"), "{}", errors[0]);
}
