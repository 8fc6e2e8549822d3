//! Errors and warnings that reach the user.
//!
//! Content problems are collected as [`Diagnostic`]s so a build can report all of them at
//! once; everything else is an [`Error`] that stops the current command.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found in a user's file: where it is, what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: None,
            column: None,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    pub fn at(mut self, line: Option<usize>, column: Option<usize>) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, ": {label}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

/// A list of diagnostics shown one per paragraph, errors counted at the end.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let errors = self.error_count();
        write!(
            f,
            "{errors} error{} in content; nothing was written",
            if errors == 1 { "" } else { "s" }
        )
    }
}

/// Everything that can stop a Dossier command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the user's content, all of them, sorted by file and line.
    #[error("{0}")]
    Content(Diagnostics),

    /// A problem in site.yaml.
    #[error("{0}")]
    Config(Box<Diagnostic>),

    /// A template that does not parse or fails to render.
    #[error("template error in {template}: {detail}")]
    Template { template: String, detail: String },

    #[error("{}: {action} failed: {source}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: std::io::Error,
    },

    /// The output folder cannot be used safely.
    #[error("{}: {message}", path.display())]
    Output { path: PathBuf, message: String },

    /// A bug in Dossier caught while watching (a panic in a build): reported, and watching
    /// goes on from a clean cache.
    #[error("internal error: {0}; this is a bug in Dossier, please report it. Watching goes on")]
    Internal(String),

    /// `dossier init` or `dossier new` cannot write where it was asked to.
    #[error("{}: {message}", path.display())]
    Init { path: PathBuf, message: String },

    /// Watch mode stopped a build because newer changes arrived; nothing was written, and a
    /// build with those changes follows.
    #[error("the build was superseded by newer changes before it wrote anything")]
    Superseded,
}

impl Error {
    pub fn io(path: &Path, action: &'static str, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }

    /// Turn a Tera error into one message: the template name and the whole cause chain,
    /// which is where Tera puts the line and the real reason.
    pub fn from_tera(template: &str, err: &tera::Error) -> Self {
        let mut detail = err.to_string();
        let mut source = std::error::Error::source(err);
        while let Some(cause) = source {
            detail.push_str("\n  caused by: ");
            detail.push_str(&cause.to_string());
            source = cause.source();
        }
        Error::Template {
            template: template.to_string(),
            detail,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
