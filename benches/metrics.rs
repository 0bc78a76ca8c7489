//! Native benchmarks of the metrics registry (divan): the cost of recording one value,
//! and of a summary over a week of hourly buckets. Run: `cargo bench --bench metrics`.

use divan::{Bencher, black_box};
use snapdf::metrics::{HOUR_MS, MINUTE_MS, MetricsSettings, Registry};

fn main() {
    divan::main();
}

const T0: u64 = 1_767_225_600_000;

/// Recording into a histogram: the cost per value, amortized over 10,000 values.
#[divan::bench]
fn record(b: Bencher) {
    let mut r = Registry::new(MetricsSettings::default()).expect("the default settings");
    let mut i = 0u64;
    b.counter(divan::counter::ItemsCount::new(1usize)).bench_local(|| {
        i = i.wrapping_add(1);
        let value = ((i * 2_654_435_761) % 100_000) as f64 / 100.0;
        r.record(black_box("render.ms"), value, T0 + (i % 60) * 1000).ok()
    });
}

/// A counter increment.
#[divan::bench]
fn increment(b: Bencher) {
    let mut r = Registry::new(MetricsSettings::default()).expect("the default settings");
    b.bench_local(|| r.increment(black_box("cache.l1.hits"), 1.0, T0).ok());
}

/// summary(168 h) over 10 histograms with 168 hourly buckets and 60 minute buckets each.
#[divan::bench]
fn summary_168_hours(b: Bencher) {
    let mut r = Registry::new(MetricsSettings::default()).expect("the default settings");
    let end = T0 + 168 * HOUR_MS;
    for m in 0..168 * 60 {
        for h in 0..10 {
            let name = format!("metric.{h}");
            for k in 0..5u64 {
                let _ = r.record(&name, ((m * 7 + k * 13) % 1000) as f64 + 0.5, T0 + m * MINUTE_MS);
            }
        }
    }
    let f = r.footprint();
    println!(
        "footprint: {} metrics, {} buckets, {} bins = {} bytes of bins per histogram",
        f.metrics,
        f.buckets,
        f.bins,
        f.bins * 8 / f.metrics
    );
    b.bench_local(|| r.summary(black_box(168.0), end).map(|s| s.histograms.len()));
}
