//! The `dossier-gen` command line; the generator itself is the library beside this file.

use clap::Parser;

fn main() -> anyhow::Result<()> {
    let args = dossier_gen::Args::parse();
    println!("{}", dossier_gen::generate(&args)?);
    Ok(())
}
