//! The `dossier` command line: parse arguments, call the library, print, set the exit code.

/// Building a site allocates many small strings and JSON maps on every thread; mimalloc's
/// per-thread heaps do that faster than the system allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{IsTerminal, Write};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use dossier::serve::{Preview, ServeOptions};
use dossier::watch::{Event, Outcome, Watch, WatchSettings};
use dossier::{BuildOptions, Diagnostic};

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Build a briefing website from news documents",
    long_about = "Dossier turns a folder of news documents into a cross-linked briefing website.\n\nA site folder holds site.yaml, content/ (Markdown with front matter; raw documents go in content/inbox/), optional templates/ and static/, and gets its output in public/."
)]
struct Cli {
    /// The site folder (holds site.yaml)
    #[arg(
        short,
        long,
        global = true,
        default_value = ".",
        value_name = "DIR",
        help_heading = "Global options"
    )]
    root: PathBuf,
    /// Print more detail (stage timings, every warning)
    #[arg(short, long, global = true, help_heading = "Global options")]
    verbose: bool,
    /// Print only errors
    #[arg(
        short,
        long,
        global = true,
        conflicts_with = "verbose",
        help_heading = "Global options"
    )]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new site in DIR: site.yaml, templates, sample content, a .gitignore and a
    /// GitHub Pages workflow
    Init {
        /// Folder to create the site in (created if missing) [default: the --root folder]
        dir: Option<PathBuf>,
        /// The site's title
        #[arg(long)]
        title: Option<String>,
        /// No sample documents
        #[arg(long)]
        empty: bool,
        /// Write into a folder that is not empty (existing files are kept, never overwritten)
        #[arg(long)]
        force: bool,
    },
    /// Write a new dated Markdown document into content/articles/
    New {
        /// The document's title
        title: String,
        /// Its date (YYYY-MM-DD) [default: today]
        #[arg(long)]
        date: Option<String>,
        /// Its source (the outlet), if any
        #[arg(long)]
        source: Option<String>,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Build the site into its output folder
    Build(BuildArgs),
    /// Convert raw news documents (the inbox) into front-mattered Markdown
    Ingest(IngestArgs),
    /// Build into a preview folder, serve it on a local address, and rebuild on every
    /// change; open pages reload by themselves
    Serve(ServeArgs),
    /// Load, validate and render everything without writing, and check every internal link,
    /// anchor and image; exit 1 on any problem
    Check {
        /// Include drafts
        #[arg(long)]
        drafts: bool,
    },
}

#[derive(Args)]
struct BuildArgs {
    /// Output folder [default: ROOT/public]
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Absolute URL the site is published at (overrides site.yaml)
    #[arg(long)]
    base_url: Option<String>,
    /// Include documents marked draft
    #[arg(long)]
    drafts: bool,
    /// Do not convert new or changed raw documents in the inbox first
    #[arg(long)]
    no_ingest: bool,
    /// Keep running: rebuild whenever site.yaml, content/, templates/ or static/ change
    #[arg(long, short)]
    watch: bool,
    /// Publish documents dated in the future too (held back until their date otherwise)
    #[arg(long)]
    future: bool,
}

#[derive(Args)]
struct IngestArgs {
    /// Raw files or folders to convert [default: the inbox folder of site.yaml]
    paths: Vec<PathBuf>,
    /// Show what would be written and what each rule would drop; write nothing
    #[arg(long)]
    dry_run: bool,
    /// Convert every document again, even if its raw file did not change
    #[arg(long)]
    force: bool,
    /// Fetch each converted page's lead image into static/images/inbox/ (size limit:
    /// ingest.image_max_bytes in site.yaml)
    #[arg(long)]
    download_images: bool,
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on (0.0.0.0 lets other machines connect)
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Port to listen on; when busy, the next free one is used (0 picks any free port)
    #[arg(long, short, default_value_t = dossier::serve::DEFAULT_PORT)]
    port: u16,
    /// Include documents marked draft
    #[arg(long)]
    drafts: bool,
    /// Open the preview in the default browser once it is built
    #[arg(long)]
    open: bool,
}

/// Print a line to stdout, ignoring a closed pipe: watch mode must not die of it.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// The same for stderr.
macro_rules! complain {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

struct Ui {
    verbose: bool,
    quiet: bool,
}

impl Ui {
    fn warnings(&self, warnings: &[Diagnostic]) {
        if self.quiet || warnings.is_empty() {
            return;
        }
        let shown = if self.verbose { warnings.len() } else { 10 };
        for w in warnings.iter().take(shown) {
            complain!("{w}");
        }
        if warnings.len() > shown {
            complain!(
                "... and {} more warnings (-v shows all)",
                warnings.len() - shown
            );
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ui = Ui {
        verbose: cli.verbose,
        quiet: cli.quiet,
    };
    let root = cli.root;
    let result = match cli.command {
        Command::Init {
            dir,
            title,
            empty,
            force,
        } => cmd_init(
            &ui,
            dir.unwrap_or(root),
            &dossier::scaffold::InitOptions {
                title,
                empty,
                force,
            },
        ),
        Command::New {
            title,
            date,
            source,
        } => cmd_new(&ui, &root, &title, date.as_deref(), source.as_deref()),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "dossier", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Build(args) => cmd_build(&ui, root, args),
        Command::Serve(args) => cmd_serve(&ui, root, args),
        Command::Check { drafts } => cmd_check(&ui, root, drafts),
        Command::Ingest(args) => cmd_ingest(&ui, root, args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            complain!("{}", render_error(&e));
            ExitCode::FAILURE
        }
    }
}

fn render_error(e: &anyhow::Error) -> String {
    match e.downcast_ref::<dossier::Error>() {
        Some(e) => describe(e),
        None => format!("error: {e:#}"),
    }
}

fn describe(e: &dossier::Error) -> String {
    match e {
        dossier::Error::Content(list) => list.to_string(),
        // A diagnostic already says "error:" after its location.
        dossier::Error::Config(d) => d.to_string(),
        other => format!("error: {other}"),
    }
}

fn cmd_init(
    ui: &Ui,
    dir: PathBuf,
    opts: &dossier::scaffold::InitOptions,
) -> anyhow::Result<ExitCode> {
    let created = dossier::scaffold::init(&dir, opts)?;
    if !ui.quiet {
        for k in &created.kept {
            complain!("kept existing {}", k.display());
        }
        say!(
            "Created a site in {} ({} files). Next:\n  cd {}\n  dossier build\n  open public/index.html\nTo publish it, push the folder to a GitHub repository and set Settings > Pages > Source to \"GitHub Actions\" (.github/workflows/pages.yml does the rest).",
            dir.display(),
            created.written.len(),
            dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `dossier new "Title"`: a dated Markdown document under content/articles/.
fn cmd_new(
    ui: &Ui,
    root: &Path,
    title: &str,
    date: Option<&str>,
    source: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let path = dossier::scaffold::new_document(root, title, date, source)?;
    if !ui.quiet {
        say!("Wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_build(ui: &Ui, root: PathBuf, args: BuildArgs) -> anyhow::Result<ExitCode> {
    let opts = BuildOptions {
        root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        ingest: !args.no_ingest,
        future: args.future,
    };
    if args.watch {
        watch(ui, opts, None)?;
        return Ok(ExitCode::SUCCESS);
    }
    let started = Instant::now();
    let show_progress = !ui.quiet && std::io::stderr().is_terminal();
    let last_shown = AtomicUsize::new(0);
    let progress = |done: usize, total: usize| {
        if !show_progress {
            return;
        }
        let step = (total / 50).max(1);
        let bucket = done / step;
        if (done == total || bucket > last_shown.load(Ordering::Relaxed))
            && last_shown.fetch_max(bucket, Ordering::Relaxed) < bucket
        {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\rrendering {done}/{total} pages");
            if done == total {
                let _ = write!(err, "\r\x1b[K");
            }
            let _ = err.flush();
        }
    };
    let report = dossier::build(&opts, &progress)?;
    ui.warnings(&report.warnings);
    if let (Some(summary), false) = (&report.ingest, ui.quiet) {
        say!("{summary}");
    }
    if !ui.quiet {
        report_dates(&report);
        let o = report.output;
        say!(
            "Built {} documents into {} pages in {:.2?} ({} written, {} unchanged, {} removed) → {}",
            report.documents,
            report.pages,
            started.elapsed(),
            o.written,
            o.unchanged,
            o.removed,
            opts.output_dir().display()
        );
        if ui.verbose {
            print_stages(&report.timings);
            for (template, (n, t)) in &report.by_template {
                say!("    {template:<18} {n:>6} pages {t:>10.2?}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_serve(ui: &Ui, root: PathBuf, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let dir = dossier::serve::prepare_preview_dir(&root)?;
    let preview = Preview::start(&ServeOptions {
        dir: dir.clone(),
        bind: args.bind,
        port: args.port,
    })?;
    if let Some(busy) = preview.busy_port() {
        complain!(
            "port {busy} is busy; using port {} instead",
            preview.addr().port()
        );
    }
    let opts = BuildOptions {
        root,
        output: Some(dir),
        base_url: Some(preview.url().to_string()),
        drafts: args.drafts,
        ingest: true,
        future: false,
    };
    watch(ui, opts, Some((&preview, args.open)))?;
    preview.shutdown();
    Ok(ExitCode::SUCCESS)
}

/// Build, then rebuild on every change until Ctrl-C; with a preview, tell its pages.
/// `preview` is the server and whether to open it in a browser after the first build.
fn watch(ui: &Ui, opts: BuildOptions, preview: Option<(&Preview, bool)>) -> anyhow::Result<()> {
    let (preview, open) = match preview {
        Some((p, open)) => (Some(p), open),
        None => (None, false),
    };
    let watch = Watch::new();
    let stopper = watch.stopper();
    ctrlc::set_handler(move || stopper.stop())?;
    let out = opts.output_dir();
    let root = opts.root.clone();
    // Events name absolute paths; show them from the site folder.
    let abs_root = std::path::absolute(&root).unwrap_or_else(|_| root.clone());
    let mut first = true;
    watch.run(opts, &WatchSettings::default(), |event| match event {
        Event::Build(outcome) => {
            report_build(ui, outcome, &out, &abs_root);
            if let Some(p) = preview {
                p.publish(outcome);
            }
            if std::mem::take(&mut first) {
                if !ui.quiet {
                    match preview {
                        Some(p) => {
                            say!("Serving {} at {} (Ctrl-C to stop)", root.display(), p.url())
                        }
                        None => say!("Watching {} for changes (Ctrl-C to stop)", root.display()),
                    }
                }
                if let (Some(p), true) = (preview, open) {
                    if let Err(e) = opener::open_browser(p.url()) {
                        complain!(
                            "warning: could not open a browser ({e}); open {} yourself",
                            p.url()
                        );
                    }
                }
            }
        }
        Event::Quick(quick) => {
            if ui.verbose {
                say!(
                    "Updated {} in {:.1?}; rebuilding the rest",
                    quick.pages.join(", "),
                    quick.elapsed
                );
            }
            if let Some(p) = preview {
                p.publish_pages(&quick.pages);
            }
        }
        Event::WatchProblem(message) => complain!("warning: {message}"),
    })?;
    if !ui.quiet {
        say!("Stopped.");
    }
    Ok(())
}

/// What a reader of the build output should know about documents left out of the timeline.
fn report_dates(report: &dossier::build::BuildReport) {
    if report.held_back > 0 {
        say!(
            "{} {} dated in the future held back until {} date (`--future` or `build_future: true` publishes {})",
            report.held_back,
            if report.held_back == 1 { "document" } else { "documents" },
            if report.held_back == 1 { "its" } else { "their" },
            if report.held_back == 1 { "it" } else { "them" },
        );
    }
    if report.undated > 0 {
        say!(
            "{} {} no date and {} listed under Undated: add `date: YYYY-MM-DD` to the front matter to place {} in the timeline",
            report.undated,
            if report.undated == 1 { "document has" } else { "documents have" },
            if report.undated == 1 { "is" } else { "are" },
            if report.undated == 1 { "it" } else { "them" },
        );
    }
}

fn report_build(ui: &Ui, outcome: &Outcome, out: &Path, root: &Path) {
    let report = match &outcome.result {
        Ok(report) => report,
        Err(e) => {
            complain!("{}", describe(e));
            complain!("The last good build stays in place; watching for a fix.");
            return;
        }
    };
    ui.warnings(&report.warnings);
    if ui.quiet {
        return;
    }
    let o = &report.output;
    report_dates(report);
    match &outcome.changes {
        None => say!(
            "Built {} documents into {} pages in {:.2?} ({} written, {} unchanged, {} removed) → {}",
            report.documents,
            report.pages,
            outcome.elapsed,
            o.written,
            o.unchanged,
            o.removed,
            out.display()
        ),
        Some(changes) => {
            let what = match changes.paths.iter().next() {
                Some(p) if changes.paths.len() == 1 => {
                    p.strip_prefix(root).unwrap_or(p).display().to_string()
                }
                Some(_) => format!("{} changes", changes.paths.len()),
                None => "lost file events".to_string(),
            };
            say!(
                "Rebuilt in {:.2?} after {what}: {} pages rendered, {} files written, {} removed",
                outcome.elapsed,
                report.rendered,
                o.written,
                o.removed
            );
        }
    }
    if ui.verbose {
        print_stages(&report.timings);
    }
}

/// `-v`: each stage's wall time and, where known, the peak memory reached by its end.
fn print_stages(stages: &[dossier::build::Stage]) {
    for stage in stages {
        let name = stage.name;
        let time = format!("{:.2?}", stage.time);
        match stage.peak_memory {
            Some(bytes) => say!(
                "  {name:<18} {time:>10}   peak memory {:.0} MiB",
                bytes as f64 / (1024.0 * 1024.0)
            ),
            None => say!("  {name:<18} {time:>10}"),
        }
    }
}

fn cmd_check(ui: &Ui, root: PathBuf, drafts: bool) -> anyhow::Result<ExitCode> {
    let mut opts = BuildOptions::new(root);
    opts.drafts = drafts;
    let report = dossier::check(&opts)?;
    ui.warnings(&report.warnings);
    if !ui.quiet {
        report_dates(&report);
        say!(
            "OK: site.yaml, templates and {} documents are valid ({} warnings)",
            report.documents,
            report.warnings.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `dossier ingest [PATHS] [--root DIR] [--dry-run] [--force] [--download-images]`.
fn cmd_ingest(ui: &Ui, root: PathBuf, args: IngestArgs) -> anyhow::Result<ExitCode> {
    let site_yaml = root.join("site.yaml");
    let config = if site_yaml.is_file() {
        dossier::Config::load(&site_yaml)?
    } else if args.dry_run {
        complain!(
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
    let absolute = |p: &PathBuf| {
        if p.is_absolute() {
            p.clone()
        } else {
            cwd.join(p)
        }
    };
    let opts = dossier::ingest::RunOptions {
        paths: args.paths.iter().map(absolute).collect(),
        dry_run: args.dry_run,
        force: args.force,
        download_images: args.download_images,
    };
    let report = dossier::ingest::run(&absolute(&root), &config, &opts)?;
    if args.dry_run {
        print!("{}", report.render_dry_run(12));
    }
    ui.warnings(&report.diagnostics);
    if !args.dry_run && !ui.quiet {
        say!("{}", report.summary());
    }
    let errors = report.diagnostics.iter().any(|d| d.is_error());
    Ok(if errors {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
