//! The `pns` binary: parse the command line, run it, print any error on one line.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match pns::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version print in full on stdout; a malformed command line gets clap's whole message (with
        // the missing arguments and the usage) on stderr: the one-line rule is for input errors, not for usage.
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
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
            eprintln!("error: {}", pns::error::printable(&format!("{err:#}")));
            ExitCode::FAILURE
        }
    }
}
