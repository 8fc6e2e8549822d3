//! The `dossier` command line (this branch carries only `ingest`; the full CLI lives on main).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "A static site generator for briefing digests"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert raw news documents (inbox) into front-mattered Markdown articles.
    Ingest(IngestArgs),
}

#[derive(Args)]
struct IngestArgs {
    /// Raw files or folders to convert (default: the inbox folder of site.yaml).
    paths: Vec<PathBuf>,
    /// The site's root folder (where site.yaml is).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Show what would be written, and what would be dropped by which rule; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Convert every document again, even if its raw file did not change.
    #[arg(long)]
    force: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest(args) => cmd_ingest(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `dossier ingest [PATHS] [--root DIR] [--dry-run] [--force]`.
fn cmd_ingest(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let root = args.root;
    let site_yaml = root.join("site.yaml");
    let config = if site_yaml.is_file() {
        dossier::Config::load(&site_yaml)?
    } else if args.dry_run {
        eprintln!(
            "note: no site.yaml in {}; using the default settings",
            root.display()
        );
        dossier::Config::default()
    } else {
        anyhow::bail!(
            "no site.yaml in {}: run this in a site folder or pass --root (use --dry-run to try the conversion anywhere)",
            root.display()
        );
    };
    // Paths on the command line are relative to where the user is, not to the site root.
    let cwd = std::env::current_dir()?;
    let paths = args
        .paths
        .iter()
        .map(|p| {
            if p.is_absolute() {
                p.clone()
            } else {
                cwd.join(p)
            }
        })
        .collect();
    let root_abs = if root.is_absolute() {
        root.clone()
    } else {
        cwd.join(&root)
    };
    let opts = dossier::ingest::RunOptions {
        paths,
        dry_run: args.dry_run,
        force: args.force,
    };
    let report = dossier::ingest::run(Path::new(&root_abs), &config, &opts)?;
    if args.dry_run {
        print!("{}", report.render_dry_run(12));
    }
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
    if !args.dry_run {
        println!("{}", report.summary());
    }
    let errors = report.diagnostics.iter().any(|d| d.is_error());
    Ok(if errors {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
