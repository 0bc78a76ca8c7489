//! Renders snapshot JSON files to PDF natively, without the WebAssembly build:
//! `cargo run --release --example render -- IN.json [OUT.pdf]` (default: IN with `.pdf`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(input) = args.first() else {
        eprintln!("usage: render IN.json [OUT.pdf]");
        return ExitCode::FAILURE;
    };
    let output = args.get(1).cloned().unwrap_or_else(|| input.trim_end_matches(".json").to_owned() + ".pdf");
    let result = std::fs::read_to_string(input)
        .map_err(|e| e.to_string())
        .and_then(|json| snapdf::render_json(&json, &Default::default()).map_err(|e| e.to_string()))
        .and_then(|out| std::fs::write(&output, &out.pdf).map(|()| out.pages).map_err(|e| e.to_string()));
    match result {
        Ok(pages) => {
            println!("{output}: {pages} pages");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{input}: {e}");
            ExitCode::FAILURE
        }
    }
}
