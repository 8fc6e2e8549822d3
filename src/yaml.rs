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

/// `offset` is added to every line number, for YAML that starts further down a file.
fn convert(err: serde_yaml::Error, offset: usize) -> YamlError {
    let location = err.location();
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
            message.push_str(&format!(" at line {}{}", line + offset, &tail[..skip]));
        }
        first = false;
        rest = &tail[skip..];
    }
    message.push_str(rest);
    YamlError {
        message,
        line: location.as_ref().map(|l| l.line() + offset),
        column: location.as_ref().map(|l| l.column()),
    }
}

/// Parse a YAML document into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| convert(e, 0))
}

/// Parse YAML that starts on line `first_line` of a file; positions are the file's.
pub fn from_str_at<T: DeserializeOwned>(text: &str, first_line: usize) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| convert(e, first_line.saturating_sub(1)))
}

/// Serialise `value` as a YAML document (no leading `---`).
pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    let text = serde_yaml::to_string(value).map_err(|e| convert(e, 0))?;
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
    fn reports_unknown_keys_by_name() {
        let err = from_str::<Sample>("name: x\ncount: 1\ncolour: red\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("colour"), "{}", err.message);
    }
}
