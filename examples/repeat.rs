//! Renders (or only keys) one snapshot JSON file N times, natively: a fixed workload for
//! counting instructions with callgrind (BENCHMARKS.md), where the count for N renders
//! less the count for none is the cost of N.
//! `cargo build --release --example repeat; valgrind --tool=callgrind target/release/examples/repeat IN.json N [key]`

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(file), Some(n)) = (args.first(), args.get(1).and_then(|n| n.parse::<usize>().ok())) else {
        eprintln!("usage: repeat IN.json N [key]");
        return ExitCode::FAILURE;
    };
    let only_key = args.get(2).is_some_and(|a| a == "key");
    let json = match std::fs::read_to_string(file) {
        Ok(json) => json,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let options = snapdf::RenderOptions::default();
    let mut bytes = 0;
    for _ in 0..n {
        let done = if only_key {
            snapdf::key_json(&json, &options).map(|k| k.to_hex().len())
        } else {
            snapdf::render_json(&json, &options).map(|r| r.pdf.len())
        };
        match done {
            Ok(len) => bytes += len,
            Err(e) => {
                eprintln!("{file}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("{bytes}");
    ExitCode::SUCCESS
}
