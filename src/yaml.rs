//! The one place that knows which YAML library Dossier uses.
//!
//! serde_yaml is unmaintained; everything else in the crate goes through these few functions
//! so that swapping it for a fork is a change to this file alone.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// A YAML problem with its 1-based position, when the parser knows it.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Map a libyaml position (1-based line and column) to one counted the way files, editors
/// and the rest of Dossier count: libyaml also breaks lines at a lone CR, NEL, LS and PS, so
/// a file saved with old Mac line endings would otherwise get a line far past its end.
fn lf_position(text: &str, line: usize, column: usize) -> (usize, usize) {
    let mut yaml_line = 1;
    let mut line_start = 0;
    let mut chars = text.char_indices().peekable();
    while yaml_line < line {
        let Some((_, c)) = chars.next() else {
            break;
        };
        let is_break = match c {
            '\r' => {
                if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                }
                true
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => true,
            _ => false,
        };
        if is_break {
            yaml_line += 1;
            line_start = chars.peek().map_or(text.len(), |&(j, _)| j);
        }
    }
    let at = text[line_start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(j, _)| line_start + j);
    let before = &text[..at];
    let lf_line = before.matches('\n').count() + 1;
    let lf_line_start = before.rfind('\n').map_or(0, |j| j + 1);
    (lf_line, before[lf_line_start..].chars().count() + 1)
}

/// `offset` is added to every line number, for YAML that starts further down a file.
fn convert(err: serde_yaml::Error, source: &str, offset: usize) -> YamlError {
    let location = err
        .location()
        .map(|l| lf_position(source, l.line(), l.column()));
    let text = err.to_string();
    // serde_yaml writes positions as "at line L column C": the main one is reported as the
    // error's position, the others (", while scanning ... at line 1 column 8") are kept with
    // their lines moved to the file's numbering.
    let mut message = String::with_capacity(text.len());
    let mut rest = text.as_str();
    let mut first = true;
    while let Some(i) = rest.find(" at line ") {
        message.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        let line: usize = after[..digits].parse().unwrap_or(0);
        let tail = &after[digits..];
        let col_digits = tail
            .strip_prefix(" column ")
            .map(|t| t.chars().take_while(char::is_ascii_digit).count());
        let skip = match col_digits {
            Some(n) => " column ".len() + n,
            None => 0,
        };
        if !first {
            match col_digits {
                Some(n) => {
                    let column = tail[" column ".len()..][..n].parse().unwrap_or(1);
                    let (l, c) = lf_position(source, line, column);
                    message.push_str(&format!(" at line {} column {c}", l + offset));
                }
                None => {
                    let (l, _) = lf_position(source, line, 1);
                    message.push_str(&format!(" at line {}", l + offset));
                }
            }
        }
        first = false;
        rest = &tail[skip..];
    }
    message.push_str(rest);
    YamlError {
        message,
        line: location.map(|(l, _)| l + offset),
        column: location.map(|(_, c)| c),
    }
}

/// Parse a YAML document into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| convert(e, text, 0))
}

/// Parse YAML that starts on line `first_line` of a file; positions are the file's.
pub fn from_str_at<T: DeserializeOwned>(text: &str, first_line: usize) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| convert(e, text, first_line.saturating_sub(1)))
}

/// Serialise `value` as a YAML document (no leading `---`).
pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    let text = serde_yaml::to_string(value).map_err(|e| convert(e, "", 0))?;
    Ok(match text.strip_prefix("---\n") {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        name: String,
        count: u32,
    }

    #[test]
    fn reports_the_line_of_a_wrong_type() {
        let err = from_str::<Sample>("name: x\ncount: many\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("invalid type"), "{}", err.message);
    }

    #[test]
    fn inner_positions_move_with_the_offset() {
        let err = from_str_at::<Sample>("name: \"open\ncount: 1\n", 2).unwrap_err();
        assert_eq!(err.line, Some(4));
        assert!(
            err.message.contains("at line 2 column 7"),
            "{}",
            err.message
        );
    }

    #[test]
    fn positions_count_lines_as_files_do() {
        // A lone CR, NEL and LS are breaks to libyaml but not to an editor's line count.
        let text = "name: x\r\rcount: 1\n\u{85}\u{2028}colour: red\n";
        let err = from_str_at::<Sample>(text, 2).unwrap_err();
        assert_eq!(
            (err.line, err.column),
            (Some(3), Some(3)),
            "{}",
            err.message
        );
        let err = from_str::<Sample>("name: x\r\ncount: many\r\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = from_str::<Sample>("name: \"a\rb\rc\ncount: 1\n").unwrap_err();
        assert!(
            err.line.is_some_and(|l| l <= 3),
            "{:?} {}",
            err.line,
            err.message
        );
    }

    #[test]
    fn reports_unknown_keys_by_name() {
        let err = from_str::<Sample>("name: x\ncount: 1\ncolour: red\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("colour"), "{}", err.message);
    }
}
