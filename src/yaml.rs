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

fn convert(err: serde_yaml::Error) -> YamlError {
    let location = err.location();
    let mut message = err.to_string();
    // serde_yaml appends " at line L column C"; the position is reported separately.
    if let Some(cut) = message.find(" at line ") {
        message.truncate(cut);
    }
    YamlError {
        message,
        line: location.as_ref().map(|l| l.line()),
        column: location.as_ref().map(|l| l.column()),
    }
}

/// Parse a YAML document into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(convert)
}

/// Serialise `value` as a YAML document (no leading `---`).
pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    let text = serde_yaml::to_string(value).map_err(convert)?;
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
    fn reports_unknown_keys_by_name() {
        let err = from_str::<Sample>("name: x\ncount: 1\ncolour: red\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("colour"), "{}", err.message);
    }
}
