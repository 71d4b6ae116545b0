//! The `pns` binary: parse the command line, run it, print any error on one line.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match pns::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version print in full; usage errors are one line like every other error.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("invalid arguments").trim_start_matches("error: ");
            eprintln!("error: {first} (see pns --help)");
            return ExitCode::from(2);
        }
    };
    match pns::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // A closed pipe (`pns … | head`) is not an error.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {}", format!("{err:#}").replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}
