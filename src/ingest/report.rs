//! What a run did, per document: the one-line summary, the dry-run view and the report file
//! listing every dropped block with the rule that dropped it.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::error::Diagnostic;

use super::Converted;

/// What happened to one raw document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocStatus {
    /// Converted and written.
    Written,
    /// Would be written (dry run).
    WouldWrite,
    /// Raw document and generated file unchanged: nothing to do.
    Unchanged,
    /// The generated file was edited by the user; kept, not overwritten.
    Conflict,
    /// Not converted (empty, binary, too big, unreadable).
    Skipped,
}

/// One raw document's result.
#[derive(Debug, Clone)]
pub struct DocResult {
    /// The raw file, relative to the site root.
    pub source_file: String,
    /// The raw file as found.
    pub raw_path: PathBuf,
    /// The generated file, relative to the site root.
    pub output: Option<String>,
    pub status: DocStatus,
    /// The conversion, when one was made in this run.
    pub converted: Option<Converted>,
}

/// Everything a run did.
#[derive(Debug, Clone, Default)]
pub struct RunReport {
    pub written: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub conflicts: usize,
    pub duplicates: usize,
    pub dry_run: bool,
    /// Warnings (undated, untitled, empty, binary, too big, conflicts, duplicates), sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Sorted by raw file.
    pub documents: Vec<DocResult>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl RunReport {
    /// One line: "ingest: 3 converted, 2 unchanged, 1 conflict".
    pub fn summary(&self) -> String {
        let mut parts = vec![
            if self.dry_run {
                format!("{} to convert", self.written)
            } else {
                format!("{} converted", self.written)
            },
            format!("{} unchanged", self.unchanged),
        ];
        if self.conflicts > 0 {
            parts.push(plural(self.conflicts, "conflict", "conflicts"));
        }
        if self.duplicates > 0 {
            parts.push(plural(self.duplicates, "duplicate", "duplicates"));
        }
        if self.skipped > 0 {
            parts.push(format!("{} skipped", self.skipped));
        }
        let warnings = self.diagnostics.iter().filter(|d| !d.is_error()).count();
        if warnings > 0 {
            parts.push(plural(warnings, "warning", "warnings"));
        }
        format!(
            "ingest{}: {}",
            if self.dry_run {
                " (dry run, nothing written)"
            } else {
                ""
            },
            parts.join(", ")
        )
    }

    /// The dry-run view: per document, the front matter and first lines it would write, then
    /// the dropped blocks with their rules.
    pub fn render_dry_run(&self, body_lines: usize) -> String {
        let mut out = String::new();
        for d in &self.documents {
            let status = match d.status {
                DocStatus::Written | DocStatus::WouldWrite => "would write",
                DocStatus::Unchanged => "unchanged",
                DocStatus::Conflict => "conflict (kept the edited file)",
                DocStatus::Skipped => "skipped",
            };
            let _ = writeln!(
                out,
                "=== {} → {} [{status}]",
                d.source_file,
                d.output.as_deref().unwrap_or("-")
            );
            let Some(c) = &d.converted else {
                out.push('\n');
                continue;
            };
            if c.charset != "UTF-8" {
                let _ = writeln!(out, "(read as {})", c.charset);
            }
            let front = crate::yaml::to_string(&c.front).unwrap_or_default();
            out.push_str("---\n");
            out.push_str(&front);
            out.push_str("---\n");
            let lines: Vec<&str> = c.body.lines().collect();
            for l in lines.iter().take(body_lines) {
                let _ = writeln!(out, "{l}");
            }
            if lines.len() > body_lines {
                let _ = writeln!(out, "[... {} more lines]", lines.len() - body_lines);
            }
            write_dropped_and_warnings(&mut out, c);
            out.push('\n');
        }
        self.end_with_summary(out)
    }

    /// The report file: every document, its dropped blocks and warnings.
    pub fn render_report(&self) -> String {
        let mut out = String::from("# Ingest report\n\nBlocks left out of each converted document, with the rule that left each out.\n\n");
        for d in &self.documents {
            let _ = writeln!(out, "## {}\n", d.source_file);
            if let Some(o) = &d.output {
                let _ = writeln!(out, "output: {o}");
            }
            let _ = writeln!(out, "status: {:?}", d.status);
            if let Some(c) = &d.converted {
                write_dropped_and_warnings(&mut out, c);
            }
            out.push('\n');
        }
        self.end_with_summary(out)
    }

    /// Both views end with the one-line summary.
    fn end_with_summary(&self, mut out: String) -> String {
        out.push_str(&self.summary());
        out.push('\n');
        out
    }
}

/// A document's dropped blocks, then its warnings, one a line.
fn write_dropped_and_warnings(out: &mut String, c: &Converted) {
    write_dropped(out, c);
    for w in &c.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
}

fn write_dropped(out: &mut String, c: &Converted) {
    if c.dropped.is_empty() {
        out.push_str("dropped: nothing\n");
        return;
    }
    let _ = writeln!(out, "dropped ({}):", c.dropped.len());
    let width = c.dropped.iter().map(|d| d.rule.len()).max().unwrap_or(0);
    for d in &c.dropped {
        let text: String = d.text.chars().take(90).collect();
        let more = if d.text.chars().count() > 90 {
            "…"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  line {:>4}  {:<width$}  {text}{more}",
            d.line, d.rule
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Dropped;

    fn report() -> RunReport {
        let converted = Converted {
            front: Default::default(),
            body: "One line.\n".into(),
            dropped: vec![Dropped {
                line: 3,
                text: "Share this".into(),
                rule: "share-widget".into(),
            }],
            warnings: vec!["no publication date found".into()],
            charset: "UTF-8",
        };
        RunReport {
            written: 1,
            documents: vec![DocResult {
                source_file: "content/inbox/a.txt".into(),
                raw_path: PathBuf::from("content/inbox/a.txt"),
                output: Some("content/articles/a.md".into()),
                status: DocStatus::Written,
                converted: Some(converted),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn both_views_list_dropped_blocks_then_warnings_and_end_with_the_summary() {
        let r = report();
        for out in [r.render_dry_run(5), r.render_report()] {
            let dropped = out.find("share-widget").expect("dropped block listed");
            let warning = out
                .find("warning: no publication date found")
                .expect("warning listed");
            assert!(dropped < warning, "{out}");
            assert!(out.ends_with(&format!("{}\n", r.summary())), "{out}");
        }
    }
}
