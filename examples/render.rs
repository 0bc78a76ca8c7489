//! Renders snapshot JSON files to PDF natively, without the WebAssembly build:
//! `cargo run --release --example render -- [--font NAME=FILE]... IN.json [OUT.pdf]`
//! (default output: IN with `.pdf`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut fonts: Vec<(String, Vec<u8>)> = Vec::new();
    while args.first().is_some_and(|a| a == "--font") && args.len() >= 2 {
        let spec = args.remove(1);
        args.remove(0);
        let Some((name, file)) = spec.split_once('=') else {
            eprintln!("--font takes NAME=FILE");
            return ExitCode::FAILURE;
        };
        match std::fs::read(file) {
            Ok(data) => fonts.push((name.to_owned(), data)),
            Err(e) => {
                eprintln!("{file}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let files: Vec<snapdf::FontFile> = fonts.iter().map(|(name, data)| snapdf::FontFile::new(name, data)).collect();
    let Some(input) = args.first() else {
        eprintln!("usage: render [--font NAME=FILE]... IN.json [OUT.pdf]");
        return ExitCode::FAILURE;
    };
    let output = args.get(1).cloned().unwrap_or_else(|| input.trim_end_matches(".json").to_owned() + ".pdf");
    let result = std::fs::read_to_string(input)
        .map_err(|e| e.to_string())
        .and_then(|json| snapdf::render_json_with(&json, &Default::default(), &files).map_err(|e| e.to_string()))
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
