//! Native benchmarks of the engine (divan): the benchmark report of DESIGN.md and the
//! same report with 5,000 table rows, through each stage and end to end.
//!
//! Inputs are real data from vega-datasets, written by `node examples/make-snapshots.mjs`
//! (`npm run bench` does it first). Run: `cargo bench --bench render`.

use std::sync::OnceLock;

use divan::{Bencher, black_box};
use snapdf::{Compression, RenderOptions};

fn main() {
    divan::main();
}

fn input(name: &str) -> &'static str {
    static CELLS: [OnceLock<String>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = INPUTS.iter().position(|&n| n == name).unwrap_or(0);
    CELLS[i].get_or_init(|| {
        let path = format!("{}/examples/snapshots/{name}.json", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{path}: {e}; run `node examples/make-snapshots.mjs` first"))
    })
}

const INPUTS: [&str; 3] = ["one-page", "report", "flights-5000"];

#[divan::bench(args = INPUTS)]
fn end_to_end(b: Bencher, name: &str) {
    let json = input(name);
    b.bench(|| snapdf::render_json(black_box(json), &RenderOptions::default()).map(|r| r.pdf.len()));
}

#[divan::bench(args = INPUTS)]
fn parse_and_validate(b: Bencher, name: &str) {
    let json = input(name);
    b.bench(|| snapdf::parse(black_box(json)).map(|s| s.blocks.len()));
}

#[divan::bench(args = INPUTS)]
fn cache_key(b: Bencher, name: &str) {
    let snapshot = snapdf::parse(input(name)).expect("valid");
    b.bench(|| snapdf::cache_key(black_box(&snapshot), &RenderOptions::default()));
}

#[divan::bench(args = INPUTS)]
fn layout(b: Bencher, name: &str) {
    let snapshot = snapdf::parse(input(name)).expect("valid");
    b.bench(|| snapdf::layout::layout(black_box(&snapshot)).pages.len());
}

#[divan::bench(args = INPUTS, consts = [0, 1, 2, 3, 6, 9])]
fn pdf_write<const LEVEL: u8>(b: Bencher, name: &str) {
    let snapshot = snapdf::parse(input(name)).expect("valid");
    let layout = snapdf::layout::layout(&snapshot);
    let key = snapdf::cache_key(&snapshot, &RenderOptions::default());
    let level = Compression::new(LEVEL).expect("level");
    b.bench(|| {
        snapdf::pdf::write(black_box(&snapshot), &layout, Default::default(), &key, level).map_or(0, |pdf| pdf.len())
    });
}
